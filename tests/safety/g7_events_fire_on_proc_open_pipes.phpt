--TEST--
G7: Events on proc_open() pipes fire: WRITE on the child's stdin, READ on its stdout and at its EOF
--FILE--
<?php
$p = proc_open([PHP_BINARY, '-n', '-r', 'echo strrev(fgets(STDIN));'],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
stream_set_blocking($pipes[1], false);
$base = new EventBase();
$in = new Event($base, $pipes[0], Event::WRITE, function ($fd) {
    echo "stdin writable\n";
    fwrite($fd, "olleh\n");
    fclose($fd);
});
$out = new Event($base, $pipes[1], Event::READ | Event::PERSIST, function ($fd) use (&$out) {
    $data = fread($fd, 100);
    if ($data === "" && feof($fd)) {
        echo "stdout EOF\n";
        $out->del();
    } else {
        echo "stdout: ", trim($data), "\n";
    }
});
$in->add(30);
$out->add(30);
$base->loop();
fclose($pipes[1]);
var_dump(proc_close($p));
?>
--EXPECT--
stdin writable
stdout: hello
stdout EOF
int(0)
