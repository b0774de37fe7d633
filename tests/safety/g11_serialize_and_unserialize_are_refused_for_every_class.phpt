--TEST--
G11: serialize() and unserialize() are refused for every class (EventBase and EventConfig with ext-event's EventException, the others as PHP's own non-serializable classes), so no half-made object can be unserialized
--FILE--
<?php
function t(string $label, callable $fn) {
    try {
        $r = $fn();
        echo "$label: no exception, ", is_object($r) ? get_class($r) : var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}
$base = new EventBase();
$srv = new AsyncStreamServer($base, "127.0.0.1:0", fn () => null);
[$p, $q] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$objects = [
    'EventBase' => $base,
    'EventConfig' => new EventConfig(),
    'Event' => Event::timer($base, fn () => null),
    'AsyncStream' => new AsyncStream($base, $p),
    'AsyncStreamServer' => $srv,
];
foreach ($objects as $class => $o) {
    t("serialize $class", fn () => serialize($o));
    t("serialize [$class]", fn () => serialize(['x' => [$o]]));
}
foreach (['EventBase', 'EventConfig', 'Event', 'EventUtil', 'AsyncStream', 'AsyncStreamServer'] as $class) {
    t("unserialize $class", fn () => unserialize('O:' . strlen($class) . ':"' . $class . '":0:{}'));
    t("unserialize $class with data", fn () => unserialize('O:' . strlen($class) . ':"' . $class . '":1:{s:4:"data";N;}'));
}
// Event's ext-event shape, as reported: refused too.
t('unserialize the reported Event', fn () => unserialize('O:5:"Event":1:{s:4:"data";N;}'));
// Everything still works afterwards.
$objects['Event']->add(0);
$base->loop(EventBase::LOOP_NONBLOCK);
var_dump($srv->isListening());
?>
--EXPECT--
serialize EventBase: EventException: EventBase instances are not serializable
serialize [EventBase]: EventException: EventBase instances are not serializable
serialize EventConfig: EventException: EventConfig instances are not serializable
serialize [EventConfig]: EventException: EventConfig instances are not serializable
serialize Event: Exception: Serialization of 'Event' is not allowed
serialize [Event]: Exception: Serialization of 'Event' is not allowed
serialize AsyncStream: Exception: Serialization of 'AsyncStream' is not allowed
serialize [AsyncStream]: Exception: Serialization of 'AsyncStream' is not allowed
serialize AsyncStreamServer: Exception: Serialization of 'AsyncStreamServer' is not allowed
serialize [AsyncStreamServer]: Exception: Serialization of 'AsyncStreamServer' is not allowed
unserialize EventBase: EventException: EventBase instances are not unserializable
unserialize EventBase with data: Error: Cannot create dynamic property EventBase::$data
unserialize EventConfig: EventException: EventConfig instances are not unserializable
unserialize EventConfig with data: Error: Cannot create dynamic property EventConfig::$data
unserialize Event: Exception: Unserialization of 'Event' is not allowed
unserialize Event with data: Exception: Unserialization of 'Event' is not allowed
unserialize EventUtil: Exception: Unserialization of 'EventUtil' is not allowed
unserialize EventUtil with data: Exception: Unserialization of 'EventUtil' is not allowed
unserialize AsyncStream: Exception: Unserialization of 'AsyncStream' is not allowed
unserialize AsyncStream with data: Exception: Unserialization of 'AsyncStream' is not allowed
unserialize AsyncStreamServer: Exception: Unserialization of 'AsyncStreamServer' is not allowed
unserialize AsyncStreamServer with data: Exception: Unserialization of 'AsyncStreamServer' is not allowed
unserialize the reported Event: Exception: Unserialization of 'Event' is not allowed
bool(true)
