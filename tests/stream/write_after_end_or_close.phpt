--TEST--
AsyncStream: write() after your own end() or close() throws Error; after the peer closed it returns false
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$a, $b] = as_pair($base);
$a->end("bye");
try { $a->write("more"); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { $a->end("more"); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
$a->end(); // idempotent
$b->close();
try { $b->write("more"); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }

[$c, $d] = as_pair($base);
$d->onClose(function ($d, $e) { echo "d closed: ", as_err($e), "\n"; var_dump($d->write("late")); });
$c->close();
$base->loop();
var_dump($d->write("later"));
?>
--EXPECT--
Error: AsyncStream::write(): the stream was ended with end()
Error: AsyncStream::end(): the stream was ended with end()
Error: AsyncStream::write(): the stream was closed with close()
d closed: null
bool(false)
bool(false)
