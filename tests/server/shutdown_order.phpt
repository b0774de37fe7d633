--TEST--
AsyncStreamServer: EventBase::free() and shutdown detach a server held only by its own closures, in any order, without use-after-free (G2)
--FILE--
<?php
$base = new EventBase();
// Held only by its own callbacks (a cycle), plus a base the script still references.
$s = new AsyncStreamServer($base, "127.0.0.1:0", function () use (&$s) {});
$s->onError(function () use (&$s) {});
$holder = new stdClass();
$holder->server = new AsyncStreamServer($base, "127.0.0.1:0", function () use ($holder) {});
unset($holder);
// The base is freed while it still has children holding themselves.
$base2 = new EventBase();
$h2 = new stdClass();
$h2->server = new AsyncStreamServer($base2, "unix://" . sys_get_temp_dir() . "/as-shutdown-" . getmypid() . ".sock", function () use ($h2) {});
$h2->base = $base2;
unset($h2, $base2);

// EventBase::free() detaches a server held only by its own closure.
$base3 = new EventBase();
$t = new AsyncStreamServer($base3, "127.0.0.1:0", function () use (&$t) {});
$t->onError(function () use (&$t) {});
$weak = WeakReference::create($t);
unset($t);
$base3->free();
var_dump($weak->get());
echo "end of script\n";
?>
--CLEAN--
<?php @unlink(sys_get_temp_dir() . "/as-shutdown-" . getmypid() . ".sock"); ?>
--EXPECT--
NULL
end of script
