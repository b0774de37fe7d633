--TEST--
AsyncStream: an adopted pipe whose reader is gone is never read (write-only end) and a write fails with EPIPE through onClose, without SIGPIPE even when SIGPIPE is at its default action
--INI--
pcre.jit=0
--FILE--
<?php
// A SAPI that leaves SIGPIPE at SIG_DFL (the CLI ignores it): a raised SIGPIPE kills us.
pcntl_signal(SIGPIPE, SIG_DFL);
$child = proc_open([PHP_BINARY, '-n', '-r', 'fclose(STDIN); echo "bye";'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
// EOF on its stdout: the child is gone, so nobody reads the pipe we write to.
echo "child said: ", stream_get_contents($pipes[1]), "\n";
$base = new EventBase();
$w = new AsyncStream($base, $pipes[0]);
$w->onData(fn($s, $d) => print("onData must not fire\n"))
  ->onClose(function ($s, $e) {
      echo "onClose: ", get_class($e), " code ", $e->getCode() === SOCKET_EPIPE ? "EPIPE" : $e->getCode(), "\n";
      echo preg_replace('/fd \d+/', 'fd N', $e->getMessage()), "\n";
  });
var_dump($w->write("hello"));          // the error is reported from the loop
$base->loop();
echo "still alive\n";
var_dump($w->isClosed());
fclose($pipes[0]);
fclose($pipes[1]);
proc_close($child);
?>
--EXPECT--
child said: bye
bool(false)
onClose: AsyncStreamException code EPIPE
write to fd N (pipe) failed: Broken pipe
still alive
bool(true)
