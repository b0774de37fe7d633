--TEST--
Event: replacing $data inside the callback changes what the next call receives, and the old value is released then
--FILE--
<?php
class Tag { function __construct(public string $n) {} function __destruct() { echo "release {$this->n}\n"; } }
$base = new EventBase();
$e = Event::timer($base, function (Tag $arg) use (&$e) {
	echo "call with {$arg->n}\n";
	if ($arg->n === 'c') {
		return;
	}
	$e->data = new Tag(chr(ord($arg->n) + 1));
	echo "replaced\n";
	$e->add(0);
}, new Tag('a'));
$e->add(0);
$base->loop();
echo "loop done\n";
$e->data = null;
echo "end\n";
?>
--EXPECT--
call with a
replaced
release a
call with b
replaced
release b
call with c
loop done
release c
end
