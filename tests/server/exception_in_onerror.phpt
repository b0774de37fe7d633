--TEST--
AsyncStreamServer: an exception thrown by onError comes out of loop(); the server keeps retrying and serves the queue on the next loop() (G4)
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../util/build/faultinject.so')) die('skip tests/util/build.sh has not built faultinject.so');
?>
--FILE--
<?php
require __DIR__ . '/../util/accept_faults.php';
as_run_accept_faults("2-3:EMFILE", 2, 2, ['throw']);
?>
--EXPECTF--
client 1: served 1
client 2: served 2
conn 1
error 24 cannot accept connections on tcp://127.0.0.1:%d: Too many open files
loop() threw: thrown by onError; still listening: true
tick
conn 2
done
exit: 0
injected:
accept #2: EMFILE
accept #3: EMFILE
