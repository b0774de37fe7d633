--TEST--
AsyncStream: EventBase::free() inside a stream's onData closes every stream once; nothing runs afterwards
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
[$c, $d] = as_pair($base);
foreach (['a' => $a, 'b' => $b, 'c' => $c, 'd' => $d] as $n => $s) {
    $s->onClose(function ($s, $e) use ($n) { echo "$n onClose ", as_err($e), "\n"; });
    $s->onData(function ($s, $data) use ($n, $base) {
        echo "$n onData $data\n";
        $base->free();
        echo "after free: ", var_export($s->isClosed(), true), "\n";
    });
}
$a->write("1");
$c->write("2");
$base->loop();
echo "loop returned\n";
foreach ([$a, $b] as $s) {
    try { $s->write("x"); } catch (Error $e) { echo $e->getMessage(), "\n"; }
    try { $s->setFraming(AsyncStream::FRAME_NONE); } catch (Error $e) { echo $e->getMessage(), "\n"; }
}
$a->close();
var_dump($a->isClosed(), $a->getRemoteAddress());
?>
--EXPECTF--
%s onData %d
%s onClose null
%s onClose null
%s onClose null
%s onClose null
after free: true
loop returned
AsyncStream::write(): the stream's EventBase has been freed
AsyncStream::setFraming(): the stream's EventBase has been freed
AsyncStream::write(): the stream's EventBase has been freed
AsyncStream::setFraming(): the stream's EventBase has been freed
bool(true)
NULL
