--TEST--
Module: php --ri asyncstream shows the versions, the backend, the features and the ini settings
--FILE--
<?php
var_dump(extension_loaded('asyncstream'));
var_dump(phpversion('asyncstream') === (new ReflectionExtension('asyncstream'))->getVersion());
ob_start();
(new ReflectionExtension('asyncstream'))->info();
$info = ob_get_clean();
foreach (['asyncstream support => enabled', 'Extension version => ' . phpversion('asyncstream'),
          'libevent headers version => 2.', 'libevent library version => 2.', 'Backend method => epoll',
          'DNS (evdns, nonblocking) => yes', 'TLS (OpenSSL) => ',
          'Directive => Local Value => Master Value', 'asyncstream.resolv_conf => no value => no value'] as $needle) {
    echo $needle, ': ', str_contains($info, $needle) ? 'yes' : "NO\n$info", "\n";
}
ini_set('asyncstream.resolv_conf', '/tmp/x.conf');
ob_start();
(new ReflectionExtension('asyncstream'))->info();
echo str_contains(ob_get_clean(), 'asyncstream.resolv_conf => /tmp/x.conf => no value') ? "local value shown\n" : "NO\n";
var_dump(array_keys(ini_get_all('asyncstream')));
?>
--EXPECTF--
bool(true)
bool(true)
asyncstream support => enabled: yes
Extension version => %s: yes
libevent headers version => 2.: yes
libevent library version => 2.: yes
Backend method => epoll: yes
DNS (evdns, nonblocking) => yes: yes
TLS (OpenSSL) => : yes
Directive => Local Value => Master Value: yes
asyncstream.resolv_conf => no value => no value: yes
local value shown
array(2) {
  [0]=>
  string(20) "asyncstream.io_uring"
  [1]=>
  string(23) "asyncstream.resolv_conf"
}
