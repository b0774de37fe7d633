--TEST--
AsyncStream: a name still resolving when its EventBase is freed (outside the loop) is cancelled and its request released, no leak
--FILE--
<?php
// Found by scripts/fuzz.php under scripts/test.sh --asan: evdns reports a cancellation from
// a deferred callback that frees the request; event_base_free() dropped it unrun.
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND); // never answers
$conf = tempnam(sys_get_temp_dir(), 'asresolv');
file_put_contents($conf, 'nameserver ' . stream_socket_get_name($udp, false) . "\noptions timeout:30 attempts:1\n");
ini_set('asyncstream.resolv_conf', $conf);

$base = new EventBase();
$s = AsyncStream::connect($base, 'never-answered.test:80');
$s->onClose(function ($s, $e) { echo "onClose: ", $e ? get_class($e) : 'null', "\n"; });
$base->loop(EventBase::LOOP_NONBLOCK); // the query is sent
$base->free();
var_dump($s->isClosed());

// The same from a stream destroyed while resolving, the base freed at shutdown.
$base2 = new EventBase();
$s2 = AsyncStream::connect($base2, 'never-answered-either.test:80');
$base2->loop(EventBase::LOOP_NONBLOCK);
unset($s2);
unlink($conf);
echo "done\n";
?>
--EXPECT--
onClose: null
bool(true)
done
