--TEST--
io_uring: long strings queued by write() and end() (what the socket did not take, a second write in a loop turn) go out as they were at the call (they are referenced, not copied): changing, appending to, overwriting or freeing the variable afterwards, or reusing the same string for many writes, changes no byte the peer gets
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
--FILE--
<?php
$base = new EventBase();
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$w = new AsyncStream($base, $x);
$r = new AsyncStream($base, $y);
fclose($x);
fclose($y);

echo $w->getIoMethod(), "\n";
$expect = '';
$got = '';
$r->pause(); // nothing is read until every write below is queued: all of it waits in the queue

// A string with one reference, changed in place afterwards.
$s = str_repeat('a', 100000);
$w->write($s);
$expect .= str_repeat('a', 100000);
$s[0] = 'X';
$s .= 'tail';
for ($i = 0; $i < 1000; $i++) $s[$i * 7] = 'Z';

// One string written many times, then overwritten and freed.
$t = str_repeat('0123456789abcdef', 4096); // 64 KiB
for ($i = 0; $i < 20; $i++) {
    $w->write($t);
    $expect .= str_repeat('0123456789abcdef', 4096);
}
$t = null;

// A temporary (the result of an expression), a Stringable and an int-like coercion.
$w->write(str_repeat('t', 5000) . 'end');
$expect .= str_repeat('t', 5000) . 'end';
$obj = new class { public string $v; function __toString(): string { return $this->v; } };
$obj->v = str_repeat('o', 9000);
$w->write($obj);
$expect .= str_repeat('o', 9000);
$obj->v = 'changed';
unset($obj);

// A string built by appending, then appended to again after the write.
$b = '';
for ($i = 0; $i < 2000; $i++) $b .= sprintf('%08d', $i);
$w->write($b);
$expect .= $b_copy = implode('', array_map(fn($i) => sprintf('%08d', $i), range(0, 1999)));
for ($i = 0; $i < 100; $i++) $b .= 'more';

// end() with a long string, changed right after.
$e = str_repeat('E', 70000);
$w->end($e);
$expect .= str_repeat('E', 70000);
$e[5] = '!';
unset($e, $s, $b);

$r->onData(function ($s, $d) use (&$got) { $got .= $d; })
  ->onEnd(function ($s) use ($base) { $base->stop(); });
$r->resume();
$guard = Event::timer($base, function () use ($base) { echo "timed out\n"; $base->stop(); });
$guard->add(60);
$base->loop();
var_dump(strlen($got) === strlen($expect), $got === $expect);
if ($got !== $expect) {
    $n = strspn($got ^ substr($expect, 0, strlen($got)), "\0");
    echo "first difference at $n of ", strlen($expect), "\n";
}
echo memory_get_usage() < 4 * 1024 * 1024 ? "queue released\n" : "queue still held\n";

// Inside the loop: the second write of a loop turn is queued (coalesced) whole, behind
// the first, which went to the socket; both strings are changed right after.
$base2 = new EventBase();
[$w2, $r2] = as_pair_local($base2);
$got2 = '';
$r2->onData(function ($s, $d) use (&$got2) { $got2 .= $d; })
   ->onEnd(function ($s) use ($base2) { $base2->stop(); });
$t = Event::timer($base2, function () use ($w2) {
    $first = str_repeat('1', 8000);
    $second = str_repeat('2', 50000);
    $w2->write($first);
    $w2->write($second);
    $first[0] = 'x';
    $second[0] = 'x';
    $second .= 'grown';
    $w2->end();
});
$t->addTimer(0);
$guard2 = Event::timer($base2, function () use ($base2) { echo "timed out\n"; $base2->stop(); });
$guard2->add(60);
$base2->loop();
var_dump($got2 === str_repeat('1', 8000) . str_repeat('2', 50000));

function as_pair_local(EventBase $base): array
{
    [$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $a = new AsyncStream($base, $x);
    $b = new AsyncStream($base, $y);
    fclose($x);
    fclose($y);
    return [$a, $b];
}
?>
--EXPECT--
io_uring
bool(true)
bool(true)
queue released
bool(true)
