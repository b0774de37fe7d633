--TEST--
EventConfig: requireFeatures() picks a backend with the features, and EventBase throws when none has them
--FILE--
<?php
$cfg = new EventConfig();
var_dump($cfg->requireFeatures(EventConfig::FEATURE_FDS));
$base = new EventBase($cfg);
var_dump($base->getMethod() !== "epoll", ($base->getFeatures() & EventConfig::FEATURE_FDS) !== 0);

$cfg = new EventConfig();
var_dump($cfg->requireFeatures(EventConfig::FEATURE_ET | EventConfig::FEATURE_FDS));
try {
    new EventBase($cfg);
} catch (EventException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

try {
    $cfg->requireFeatures(1 << 20);
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
EventException: EventBase::__construct(): no event backend satisfies the EventConfig (event_base_new_with_config: no event mechanism available)
ValueError: EventConfig::requireFeatures(): Argument #1 ($feature) must be a mask of EventConfig::FEATURE_* constants, 1048576 given
