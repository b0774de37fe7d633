--TEST--
AsyncStreamServer: accept() failing with EINTR is retried at once, in the same wakeup, and reported nowhere
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../util/build/faultinject.so')) die('skip tests/util/build.sh has not built faultinject.so');
?>
--FILE--
<?php
require __DIR__ . '/../util/accept_faults.php';
// The 2nd and 3rd accept calls fail with EINTR; all three clients are queued before the
// server resumes, so one accept callback takes them all: "tick" comes after the three.
as_run_accept_faults("2-3:EINTR", 3, 3);
?>
--EXPECT--
client 1: served 1
client 2: served 2
client 3: served 3
conn 1
conn 2
conn 3
tick
done
exit: 0
injected:
accept #2: EINTR
accept #3: EINTR
