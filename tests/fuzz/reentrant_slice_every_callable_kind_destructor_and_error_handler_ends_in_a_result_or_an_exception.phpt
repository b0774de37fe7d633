--TEST--
G11/G12: fuzz slice (seeds 5, 10, 17): every callable kind, acting destructors and __toString, a throwing, freeing or re-entering error handler, under load, all end in a result or an exception
--EXTENSIONS--
pcntl
posix
sockets
--INI--
pcre.jit=0
--FILE--
<?php
/*
 * scripts/fuzz.php in-process in its re-entrant mode (issue #10): callbacks of every kind
 * of G11 (closures, first-class callables, strings, arrays, invokables, __call and
 * __callStatic trampolines), $arg/$data/option values whose __destruct and __toString call
 * methods on live objects, and a per-seed user error handler. The seeds are chosen for
 * their error handler: 5 throws ErrorException (load profile), 10 frees random objects
 * (load profile), 17 re-enters the extension. Under scripts/test.sh --valgrind this is the
 * CI slice that must show no invalid access and no leak.
 */
require __DIR__ . '/../../scripts/fuzz.php';
$steps = getenv('USE_ZEND_ALLOC') === '0' ? 100 : 250;
$modes = [];
$actions = 0;
foreach ([5, 10, 17] as $seed) {
    $r = as_fuzz_run($seed, 0, true, false, 4, ['steps' => $steps]);
    $modes[] = $r['handler'] . ($r['load'] ? '+load' : '');
    $actions += $r['actions'];
    echo implode("\n", $r['findings']), $r['findings'] ? "\n" : '';
    echo "seed $seed: findings: ", count($r['findings']), "\n";
}
echo implode(' ', $modes), "\n";
var_dump($actions > 0);
?>
--EXPECT--
seed 5: findings: 0
seed 10: findings: 0
seed 17: findings: 0
throw+load free+load reenter
bool(true)
