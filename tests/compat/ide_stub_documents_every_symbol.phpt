--TEST--
IDE stub: stubs/asyncstream.php declares every class, method, parameter and constant of the module (build-independent values), each with a doc comment (@param for every parameter, @return for every non-void method)
--INI--
pcre.jit=0
--FILE--
<?php
$src = file_get_contents(__DIR__ . '/../../stubs/asyncstream.php');
$problems = [];
// Split into class bodies: "class Name ... { ... }" at the top level.
preg_match_all('/^(?:\/\*\*(?:(?!\*\/).)*\*\/\n)?(?:final |abstract )*class (\w+)[^{]*\{(.*?)^\}/ms', $src, $classes, PREG_SET_ORDER);
$stub = [];
foreach ($classes as [$whole, $class, $body]) {
    if (!str_starts_with($whole, '/**')) {
        $problems[] = "class $class has no doc comment";
    }
    // Each member with the doc comment right above it.
    preg_match_all('/(\/\*\*(?:(?!\*\/).)*\*\/)?\s*\n\s*((?:public |private |protected |static |final )*)(function (\w+)\(([^)]*)\)(?:: (\S+))?|const (\w+) = ([^;]+);|(?:mixed|int|string|bool|array) \$(\w+))/s', $body, $members, PREG_SET_ORDER);
    foreach ($members as $m) {
        $doc = $m[1];
        if (!empty($m[7])) {                                  // constant
            $stub[$class]['const'][$m[7]] = trim($m[8]);
            if (!preg_match('/\*\s+[A-Za-z]/', $doc)) {
                $problems[] = "$class::{$m[7]} has no description";
            }
            continue;
        }
        if (!empty($m[9])) {                                  // property
            if ($doc === '') {
                $problems[] = "$class::\${$m[9]} has no doc comment";
            }
            continue;
        }
        [$name, $params, $ret] = [$m[4], $m[5], $m[6] ?? ''];
        preg_match_all('/\$(\w+)/', $params, $p);
        $stub[$class]['methods'][strtolower($name)] = $p[1];
        if ($doc === '') {
            $problems[] = "$class::$name() has no doc comment";
            continue;
        }
        if (str_contains($doc, '@alias') || in_array($name, ['__sleep', '__wakeup'], true)) {
            continue;
        }
        foreach ($p[1] as $param) {
            if (!preg_match('/@param\s+\S+\s+&?\$' . $param . '\b/', $doc)) {
                $problems[] = "$class::$name(): no @param for \$$param";
            }
        }
        if ($ret !== '' && $ret !== 'void' && $name !== '__construct' && !str_contains($doc, '@return')) {
            $problems[] = "$class::$name(): no @return";
        }
    }
}
// Everything the module declares is in the stub, with the same parameters and constant values
// (except those that depend on the build: the libevent version is 2.1.12 on Debian 12, 2.1.13 on 13).
$buildDependent = ['EventUtil::LIBEVENT_VERSION_NUMBER' => ['0x02010000', 0x02010000]];
$ext = new ReflectionExtension('asyncstream');
foreach ($ext->getClasses() as $rc) {
    $c = $rc->getName();
    if (!isset($stub[$c]) && !preg_match("/class $c\b/", $src)) {
        $problems[] = "class $c missing from the stub";
        continue;
    }
    foreach ($rc->getMethods() as $rm) {
        if ($rm->getDeclaringClass()->getName() !== $c) {
            continue;
        }
        $params = array_map(fn($p) => $p->getName(), $rm->getParameters());
        $inStub = $stub[$c]['methods'][strtolower($rm->getName())] ?? null;
        if ($inStub !== $params) {
            $problems[] = "$c::{$rm->getName()}(" . implode(', ', $params) . ") differs in the stub: " . json_encode($inStub);
        }
    }
    foreach ($rc->getReflectionConstants() as $k) {
        if ($k->getDeclaringClass()->getName() !== $c) {
            continue;
        }
        $v = $stub[$c]['const'][$k->getName()] ?? null;
        if (isset($buildDependent["$c::{$k->getName()}"])) {
            // The stub shows a fixed floor (scripts/ide-stub.php); the module has its build's value.
            [$floor, $min] = $buildDependent["$c::{$k->getName()}"];
            if ($v !== $floor || !is_int($k->getValue()) || $k->getValue() < $min) {
                $problems[] = "$c::{$k->getName()} is " . var_export($k->getValue(), true) . ", the stub says " . var_export($v, true) . " (want $floor)";
            }
            continue;
        }
        if ($v !== var_export($k->getValue(), true)) {
            $problems[] = "$c::{$k->getName()} is " . var_export($k->getValue(), true) . ", the stub says " . var_export($v, true);
        }
    }
}
echo count($ext->getClasses()), " classes checked; in the stub: ",
    array_sum(array_map(fn($c) => count($c['methods'] ?? []), $stub)), " methods, ",
    array_sum(array_map(fn($c) => count($c['const'] ?? []), $stub)), " constants\n";
echo $problems ? implode("\n", $problems) : "no problems", "\n";
?>
--EXPECTF--
10 classes checked; in the stub: %d methods, %d constants
no problems
