--TEST--
AsyncStreamServer: a connection aborted in the queue (ECONNABORTED, EPROTO) is skipped and the loop goes on in the same wakeup
--SKIPIF--
<?php
if (!is_file(__DIR__ . '/../util/build/faultinject.so')) die('skip tests/util/build.sh has not built faultinject.so');
?>
--FILE--
<?php
require __DIR__ . '/../util/accept_faults.php';
// accept #2 consumes the 2nd client's connection and fails with ECONNABORTED, #4 the
// 4th's with EPROTO: no onError, the others are served in the same accept callback.
as_run_accept_faults("2:ECONNABORTED,4:EPROTO", 5, 3);
?>
--EXPECT--
client 1: served 1
client 2: (closed without a reply)
client 3: served 2
client 4: (closed without a reply)
client 5: served 3
conn 1
conn 2
conn 3
tick
done
exit: 0
injected:
accept #2: ECONNABORTED
accept #4: EPROTO
