--TEST--
AsyncStreamServer: onError() and the AsyncStream on*() setters accept __call/__callStatic callables after close() (nothing is stored, nothing crashes)
--FILE--
<?php
class M {
	function __call($n, $a) { echo "__call $n\n"; }
	static function __callStatic($n, $a) { echo "__callStatic $n\n"; }
}
$base = new EventBase();
$m = new M();
$server = new AsyncStreamServer($base, '127.0.0.1:0', [$m, 'onConnection']);
$server->onError([$m, 'onError']);
$server->close();
var_dump($server->onError([$m, 'onError']) === $server);
var_dump($server->onError('M::onErrorStatic') === $server);
var_dump($server->onError(null) === $server);
$client = AsyncStream::connect($base, $server->getAddress());
$client->close();
foreach (['onConnect', 'onData', 'onDrain', 'onEnd', 'onClose'] as $setter) {
	var_dump($client->$setter([$m, $setter]) === $client, $client->$setter("M::$setter") === $client);
}
var_dump($base->loop());
echo "done\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
done
