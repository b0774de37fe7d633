--TEST--
G12: a user error handler that frees the base, or throws, during the resolver's warnings in AsyncStream::connect() (a bad resolv.conf) runs once connect() is done with the base
--FILE--
<?php
$conf = tempnam(sys_get_temp_dir(), 'asrc');
file_put_contents($conf, "nameserver 999.1.1.1\nnameserver also-not-an-address\n");
ini_set('asyncstream.resolv_conf', $conf);
foreach (['free the base', 'throw', 'free the base and throw'] as $mode) {
	echo "-- $mode\n";
	$base = new EventBase();
	set_error_handler(function ($no, $str) use (&$base, $mode) {
		echo "handler: $str\n";
		if (str_contains($mode, 'free')) {
			$base->free();
		}
		if (str_contains($mode, 'throw')) {
			throw new ErrorException($str, 0, $no);
		}
		return true;
	});
	try {
		$s = AsyncStream::connect($base, "example.invalid:80");
		echo "connect() returned, closed: ", var_export($s->isClosed(), true), "\n";
		$s->onClose(function ($s, $e) { echo "onClose: ", $e ? get_class($e) : 'null', "\n"; });
		var_dump($base->loop());
	} catch (Throwable $t) {
		echo get_class($t), ": ", $t->getMessage(), "\n";
	}
	restore_error_handler();
	unset($s, $base);
}
unlink($conf);
echo "done\n";
?>
--EXPECTF--
-- free the base
handler: AsyncStream::connect(): libevent: Unable to parse nameserver address 999.1.1.1

Warning: EventBase::free(): libevent: Unable to parse nameserver address also-not-an-address in %s on line %d
connect() returned, closed: true
Error: EventBase::loop(): the EventBase has been freed
-- throw
handler: AsyncStream::connect(): libevent: Unable to parse nameserver address 999.1.1.1
ErrorException: AsyncStream::connect(): libevent: Unable to parse nameserver address 999.1.1.1
-- free the base and throw
handler: AsyncStream::connect(): libevent: Unable to parse nameserver address 999.1.1.1

Warning: EventBase::free(): libevent: Unable to parse nameserver address also-not-an-address in %s on line %d
ErrorException: AsyncStream::connect(): libevent: Unable to parse nameserver address 999.1.1.1
done
