--TEST--
AsyncStreamServer: with no onError, a user error handler that throws ErrorException on the accept warning (EMFILE) makes loop() throw it at once; the server keeps listening and serves the queued connections on the next loop()
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../util/build/faultinject.so')) die('skip tests/util/build.sh has not built faultinject.so');
?>
--FILE--
<?php
require __DIR__ . '/../util/accept_faults.php';
as_run_accept_faults("2-4:EMFILE", 2, 2, ['throwinghandler']);
?>
--EXPECT--
client 1: served 1
client 2: served 2
conn 1
loop() threw: EventBase::loop(): AsyncStreamServer cannot accept connections on ADDR: Too many open files (retrying until descriptors are free again; set onError() to handle this); still listening: true
tick
conn 2
done
exit: 0
injected:
accept #2: EMFILE
accept #3: EMFILE
accept #4: EMFILE
