--TEST--
AsyncStream: class shape: final, constants, not serializable or cloneable, exception hierarchy
--FILE--
<?php
$r = new ReflectionClass(AsyncStream::class);
var_dump($r->isFinal(), AsyncStream::FRAME_NONE, AsyncStream::FRAME_DELIMITER, AsyncStream::FRAME_FIXED);
var_dump(is_subclass_of(AsyncStreamException::class, RuntimeException::class));
var_dump(is_subclass_of(AsyncStreamDnsException::class, AsyncStreamException::class));
echo $r->getMethod('connect')->getReturnType(), " ", $r->getMethod('onData')->getReturnType(), " ", $r->getMethod('getLocalAddress')->getReturnType(), "\n";
$base = new EventBase();
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $x);
foreach ([fn() => serialize($s), fn() => clone $s, fn() => $s->foo = 1, fn() => $s->__construct($base, $y),
          fn() => $s->setFraming(7), fn() => $s->setFraming(AsyncStream::FRAME_DELIMITER, ""),
          fn() => $s->setFraming(AsyncStream::FRAME_FIXED, 0), fn() => $s->setFraming(AsyncStream::FRAME_FIXED, "1e3x"), fn() => $s->setFraming(AsyncStream::FRAME_NONE, "x"),
          fn() => $s->setTimeout(NAN)] as $f) {
    try { $f(); echo "no exception\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
?>
--EXPECT--
bool(true)
int(0)
int(1)
int(2)
bool(true)
bool(true)
AsyncStream static ?string
Exception: Serialization of 'AsyncStream' is not allowed
Error: Trying to clone an uncloneable object of class AsyncStream
Error: Cannot create dynamic property AsyncStream::$foo
Error: AsyncStream::__construct() cannot be called twice
ValueError: AsyncStream::setFraming(): Argument #1 ($mode) must be AsyncStream::FRAME_NONE, FRAME_DELIMITER or FRAME_FIXED, 7 given
ValueError: AsyncStream::setFraming(): Argument #2 ($arg) must be a non-empty delimiter string for AsyncStream::FRAME_DELIMITER
ValueError: AsyncStream::setFraming(): Argument #2 ($arg) must be a frame size of 1 byte or more for AsyncStream::FRAME_FIXED
ValueError: AsyncStream::setFraming(): Argument #2 ($arg) must be a frame size of 1 byte or more for AsyncStream::FRAME_FIXED
ValueError: AsyncStream::setFraming(): Argument #2 ($arg) must be null for AsyncStream::FRAME_NONE
ValueError: AsyncStream::setTimeout(): Argument #1 ($seconds) must be a number of seconds, NAN given
