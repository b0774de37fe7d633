<?php
/*
 * Keeps package.xml in step with the tree (run by scripts/package.sh, with -n and no
 * extension needed).
 *
 *   php scripts/package.php write   rewrite <contents>, <date>, <version><release> in package.xml
 *   php scripts/package.php check   exit 1 when package.xml does not match the tree
 *
 * The file list is `git ls-files` minus what is not shipped (dot files, .ci/, scratch).
 * Roles: tests/ -> test; docs, examples, bench, README, LICENSE, CHANGELOG -> doc;
 * everything else (C sources, headers, config.m4/config.w32, stubs, scripts) -> src.
 */
$root = dirname(__DIR__);
chdir($root);
$mode = $argv[1] ?? 'check';

function shipped_files(): array
{
    exec('git ls-files -z 2>/dev/null', $out, $rc);
    if ($rc !== 0) {
        fwrite(STDERR, "package: git ls-files failed (not a git checkout?)\n");
        exit(2);
    }
    $files = array_filter(explode("\0", implode("\n", $out)), 'strlen');
    $files = array_filter($files, function (string $f): bool {
        if ($f[0] === '.' || str_contains($f, '/.')) {
            return false;                               // .ci/, .gitignore, ...
        }
        if (preg_match('#(^|/)(build|tmp|scratch)/|~$|\.(orig|rej|swp)$#', $f)) {
            return false;                               // build dirs and editor/scratch leftovers
        }
        return $f !== 'package.xml' && is_file($f);     // package.xml describes itself implicitly
    });
    sort($files, SORT_STRING);
    return array_values($files);
}

function role_of(string $f): string
{
    if (str_starts_with($f, 'tests/')) {
        return 'test';
    }
    if (preg_match('~^(docs|examples|bench)/|^(README|LICENSE|CHANGELOG)(\.md)?$~', $f)) {
        return 'doc';
    }
    return 'src';
}

function contents_xml(array $files): string
{
    $x = "<contents>\n  <dir name=\"/\">\n";
    foreach ($files as $f) {
        $x .= sprintf("   <file name=\"%s\" role=\"%s\"/>\n", htmlspecialchars($f, ENT_XML1), role_of($f));
    }
    return $x . "  </dir>\n </contents>";
}

function header_version(): string
{
    $h = file_get_contents('php_asyncstream.h');
    if (!preg_match('/#define PHP_ASYNCSTREAM_VERSION "([^"]+)"/', $h, $m)) {
        fwrite(STDERR, "package: PHP_ASYNCSTREAM_VERSION not found in php_asyncstream.h\n");
        exit(2);
    }
    return $m[1];
}

$xml = @file_get_contents('package.xml');
if ($xml === false) {
    fwrite(STDERR, "package: package.xml missing\n");
    exit(2);
}
$files = shipped_files();
$want = preg_replace('~<contents>.*?</contents>~s', contents_xml($files), $xml, 1, $n);
if ($n !== 1) {
    fwrite(STDERR, "package: package.xml has no <contents> element\n");
    exit(2);
}
$version = header_version();
$want = preg_replace('~(<version>\s*<release>)[^<]*(</release>)~', '${1}' . $version . '${2}', $want, 1);

if ($mode === 'write') {
    $want = preg_replace('~<date>[^<]*</date>~', '<date>' . gmdate('Y-m-d') . '</date>', $want, 1);
    if ($want !== $xml) {
        file_put_contents('package.xml', $want);
        echo "package: package.xml updated (", count($files), " files, version $version)\n";
    } else {
        echo "package: package.xml up to date (", count($files), " files, version $version)\n";
    }
    exit(0);
}

// check: list the differences in words a person can act on.
preg_match_all('~<file name="([^"]+)" role="([^"]+)"~', $xml, $m);
$listed = array_combine(array_map('htmlspecialchars_decode', $m[1]), $m[2]);
$status = 0;
foreach ($files as $f) {
    if (!isset($listed[$f])) {
        echo "package: $f is in the tree but not in package.xml\n";
        $status = 1;
    } elseif ($listed[$f] !== role_of($f)) {
        echo "package: $f has role \"{$listed[$f]}\" in package.xml, expected \"", role_of($f), "\"\n";
        $status = 1;
    }
}
foreach (array_keys($listed) as $f) {
    if (!in_array($f, $files, true)) {
        echo "package: $f is listed in package.xml but ", is_file($f) ? "not tracked by git" : "missing from the tree", "\n";
        $status = 1;
    }
}
if (!preg_match('~<version>\s*<release>' . preg_quote($version, '~') . '</release>~', $xml)) {
    echo "package: package.xml's release version is not $version (php_asyncstream.h)\n";
    $status = 1;
}
if ($status) {
    echo "package: run scripts/package.sh (it rewrites the list) and commit package.xml\n";
} else {
    echo "package: package.xml lists all ", count($files), " shipped files, version $version\n";
}
exit($status);
