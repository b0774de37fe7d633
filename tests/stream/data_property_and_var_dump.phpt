--TEST--
AsyncStream: $data keeps any per-connection value (collected through cycles, kept after close); var_dump() shows addresses, state and queued bytes; other properties are refused
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/fixtures/helpers.php';
$base = new EventBase();
[$x, $y] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$s = new AsyncStream($base, $x);
var_dump($s->data);
$s->data = ['user' => 'ann', 'seen' => 1];
$s->data['seen']++;
var_dump($s->data['seen']);
$s->write(str_repeat("x", 4 << 20));   // nobody reads $y: most of it stays queued
var_dump($s);
try {
    $s->nick = "x";
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
$s->close();
var_dump($s->data['user']);           // kept after close
print_r($s);

// A cycle through $data (stream -> closure -> stream) is collected.
class Tracker { public function __destruct() { echo "tracker freed\n"; } }
[$a, $b] = as_pair($base);
$a->data = ['self' => $a, 'tracker' => new Tracker];
$a->close(); $b->close();
unset($a, $b);
gc_collect_cycles();
echo "after gc\n";

// While connecting: the address given; then the real ones.
$server = new AsyncStreamServer($base, "127.0.0.1:0", function ($c, $srv) { $srv->close(); $c->close(); });
$c = AsyncStream::connect($base, $server->getAddress());
$d = (array)json_decode(json_encode(get_mangled_object_vars($c)));
echo "declared properties: ", implode(",", array_keys($d)), "\n";
ob_start(); var_dump($c); $dump = ob_get_clean();
echo preg_match('/\["state"\]=>\s+string\(\d+\) "connecting"/', $dump) ? "connecting" : $dump, "\n";
echo str_contains($dump, '"' . $server->getAddress() . '"') ? "names the address\n" : $dump;
$c->close();
?>
--EXPECTF--
NULL
int(2)
object(AsyncStream)#%d (9) {
  ["data"]=>
  array(2) {
    ["user"]=>
    string(3) "ann"
    ["seen"]=>
    int(2)
  }
  ["state"]=>
  string(9) "connected"
  ["local_address"]=>
  NULL
  ["remote_address"]=>
  NULL
  ["write_buffer_size"]=>
  int(%d)
  ["read_buffer_size"]=>
  int(0)
  ["paused"]=>
  bool(false)
  ["ended"]=>
  bool(false)
  ["peer_ended"]=>
  bool(false)
}
Cannot create dynamic property AsyncStream::$nick
string(3) "ann"
AsyncStream Object
(
    [data] => Array
        (
            [user] => ann
            [seen] => 2
        )

    [state] => closed
    [local_address] => 
    [remote_address] => 
    [write_buffer_size] => 0
    [read_buffer_size] => 0
    [paused] => 
    [ended] => 
    [peer_ended] => 
)
tracker freed
after gc
declared properties: data
connecting
names the address
