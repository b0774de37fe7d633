--TEST--
AsyncStreamServer: EMFILE on accept is reported once through onError, retried with back-off, and the queued connections are served
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../util/build/faultinject.so')) die('skip tests/util/build.sh has not built faultinject.so');
?>
--FILE--
<?php
require __DIR__ . '/../util/accept_faults.php';
// Accepts #2..#4 fail with EMFILE: one report, then retries from the back-off timer
// (the tick runs while the server waits), then clients 2 and 3 are served.
as_run_accept_faults("2-4:EMFILE", 3, 3);
echo "--- without onError: one warning\n";
as_run_accept_faults("2-5:ENFILE", 2, 2, ['nohandler']);
?>
--EXPECTF--
client 1: served 1
client 2: served 2
client 3: served 3
conn 1
error 24 cannot accept connections on tcp://127.0.0.1:%d: Too many open files
tick
conn 2
conn 3
done
exit: 0
injected:
accept #2: EMFILE
accept #3: EMFILE
accept #4: EMFILE
--- without onError: one warning
client 1: served 1
client 2: served 2
conn 1
tick
conn 2
done
stderr: Warning: EventBase::loop(): AsyncStreamServer cannot accept connections on ADDR: Too many open files in system (retrying until descriptors are free again; set onError() to handle this) in %s on line %d
exit: 0
injected:
accept #2: ENFILE
accept #3: ENFILE
accept #4: ENFILE
accept #5: ENFILE
