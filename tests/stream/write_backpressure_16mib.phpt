--TEST--
AsyncStream: 16 MiB to a slow reader: write() returns false at high_water, onDrain fires at low_water, every byte arrives
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
$dog = as_watchdog($base, 60);
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$w = new AsyncStream($base, $a);
fclose($a);
stream_set_blocking($b, false);

$total = 16 * 1024 * 1024;
$chunk = 256 * 1024;
$sent = 0;
$out = hash_init('sha256');
$falses = 0;
$drains = 0;
$badFalse = 0;
$badDrain = 0;

$pump = function (AsyncStream $s) use (&$sent, $total, $chunk, $out, &$falses, &$badFalse) {
    while ($sent < $total) {
        $data = random_bytes($chunk);
        hash_update($out, $data);
        $sent += $chunk;
        if (!$s->write($data)) {
            $falses++;
            if ($s->getWriteBufferSize() < 64 * 1024) $badFalse++;
            return; // wait for onDrain
        }
    }
    $s->end();
};
$w->onDrain(function (AsyncStream $s) use ($pump, &$drains, &$badDrain) {
    $drains++;
    if ($s->getWriteBufferSize() > 16 * 1024) $badDrain++;
    $pump($s);
});
$w->onClose(fn($s, $e) => print("writer closed: " . as_err($e) . "\n"));

// The slow reader: 8 KiB per wakeup.
$in = hash_init('sha256');
$got = 0;
$reader = new Event($base, $b, Event::READ | Event::PERSIST, function () use ($b, $in, &$got, &$reader, $dog) {
    $d = fread($b, 8192);
    if ($d === '' || $d === false) {
        if (feof($b)) { $reader->del(); $dog->del(); fclose($b); }
        return;
    }
    $got += strlen($d);
    hash_update($in, $d);
});
$reader->add();
$pump($w);
$base->loop();
var_dump($got === $total);
var_dump(hash_final($in) === hash_final($out));
var_dump($falses > 0, $drains === $falses, $badFalse, $badDrain);
?>
--EXPECT--
writer closed: null
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
int(0)
