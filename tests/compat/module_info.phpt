--TEST--
Module: php --ri asyncstream shows the version, the libevent versions and the backend
--FILE--
<?php
var_dump(extension_loaded('asyncstream'));
var_dump(phpversion('asyncstream') === (new ReflectionExtension('asyncstream'))->getVersion());
ob_start();
(new ReflectionExtension('asyncstream'))->info();
$info = ob_get_clean();
foreach (['asyncstream support => enabled', 'Extension version => ', 'libevent headers version => 2.',
          'libevent library version => 2.', 'Backend method => epoll'] as $needle) {
    echo $needle, ': ', str_contains($info, $needle) ? 'yes' : "NO\n$info", "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
asyncstream support => enabled: yes
Extension version => : yes
libevent headers version => 2.: yes
libevent library version => 2.: yes
Backend method => epoll: yes
