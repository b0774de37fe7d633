--TEST--
AsyncStream: an unknown name closes with AsyncStreamDnsException carrying the resolver's message
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$dns = as_dns_responder();
$base = new EventBase();
$dog = as_watchdog($base);
$closes = 0;
$s = AsyncStream::connect($base, "nx.test:80")
    ->onConnect(fn() => print("onConnect must not fire\n"))
    ->onClose(function ($s, $e) use ($dog, &$closes) {
        $closes++;
        $dog->del();
        echo get_class($e), "\n";
        var_dump($e instanceof AsyncStreamException);
        var_dump($e->getCode() < 0); // an EAI_* code, not an errno
        echo $e->getMessage(), "\n";
        var_dump($s->isClosed());
    });
$base->loop();
var_dump($closes);
as_dns_responder_stop($dns);
?>
--EXPECT--
AsyncStreamDnsException
bool(true)
bool(true)
connect to tcp://nx.test:80 failed: cannot resolve "nx.test": nodename nor servname provided, or not known
bool(true)
int(1)
