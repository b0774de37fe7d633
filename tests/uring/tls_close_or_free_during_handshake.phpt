--TEST--
io_uring: close() and EventBase::free() during a TLS handshake over the ring, with its receive armed (and, after startTls(), megabytes of plaintext stuck in a send and the ClientHello waiting behind them): onClose exactly once, the peer sees EOF, nothing crashes or leaks
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../tls/fixtures/skipif.inc'; ?>
--INI--
asyncstream.io_uring=on
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../tls/fixtures/tls.inc';

/** Reads $peer (a PHP stream) until EOF or the limit; says whether EOF came and whether fewer than $max bytes did. */
function drain_to_eof($peer, int $max = PHP_INT_MAX): string
{
    stream_set_blocking($peer, false);
    $n = 0;
    $t0 = microtime(true);
    while (!feof($peer) && microtime(true) - $t0 < tls_limit()) {
        $r = [$peer];
        $w = $e = null;
        if (stream_select($r, $w, $e, 1) > 0) {
            $n += strlen((string)fread($peer, 1 << 20));
        }
    }
    return (feof($peer) ? "EOF" : "no EOF") . ($max < PHP_INT_MAX ? ", fewer than $max bytes before it: " . var_export($n < $max, true) : "");
}

// 1, 2: a tls:// client whose ClientHello a raw TCP server read and never answers.
foreach (['close', 'free'] as $act) {
    $base = new EventBase();
    $raw = stream_socket_server("tcp://127.0.0.1:0", $errno, $errstr);
    $addr = stream_socket_get_name($raw, false);
    $s = AsyncStream::connect($base, "tls://$addr", ['tls' => tls_client_opts()]);
    $closes = 0;
    $s->onClose(function ($s, $e) use (&$closes) { $closes++; echo "  onClose: ", tls_err($e), "\n"; });
    $conn = null;
    $hello = '';
    $ev = new Event($base, $raw, Event::READ | Event::PERSIST, function () use ($raw, &$conn, &$hello, $base, &$ev2, $act, $s) {
        if ($conn) {
            return;
        }
        $conn = stream_socket_accept($raw, 0);
        stream_set_blocking($conn, false);
        $ev2 = new Event($base, $conn, Event::READ | Event::PERSIST, function () use (&$conn, &$hello, $base, $act, $s, &$ev2) {
            $hello .= (string)fread($conn, 65536);
            if (strlen($hello) >= 5 && $hello[0] === "\x16") {
                $ev2->del();
                echo "tls:// client, $act() with the ClientHello out and the receive armed (", $s->getIoMethod(), ")\n";
                if ($act === 'close') {
                    $s->close();
                    $base->stop();
                } else {
                    $base->free();
                }
            }
        });
        $ev2->add();
    });
    $ev->add();
    $dog = as_watchdog($base, tls_limit());
    $base->loop();
    if ($act === 'close') {
        $dog->del();
        $ev->del();
    }
    echo "  onClose calls: $closes; raw server: ", drain_to_eof($conn), "\n";
    unset($s, $ev, $ev2, $dog);
    $base = null;
}

// 3, 4: startTls() (client role) on a ring stream whose peer reads nothing: 8 MiB of plaintext stay queued/in flight, the ClientHello behind them.
foreach (['close', 'free'] as $act) {
    $base = new EventBase();
    [$a, $peer] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $s = new AsyncStream($base, $a);
    fclose($a);
    $closes = 0;
    $s->onClose(function ($s, $e) use (&$closes) { $closes++; echo "  onClose: ", tls_err($e), "\n"; });
    $s->write(str_repeat("p", 8 << 20));
    $t = Event::timer($base, function () use ($s, $base, $act) {
        $s->startTls(tls_client_opts(['peer_name' => 'localhost']), fn() => print("onSecure must not run\n"));
        $t2 = Event::timer($base, function () use ($s, $base, $act) {
            echo "startTls() client, $act() in the handshake with plaintext in flight (", $s->getIoMethod(), ")\n";
            if ($act === 'close') {
                $s->close();
                $base->stop();
            } else {
                $base->free();
            }
        });
        $t2->add(0);
        $GLOBALS['keep'] = $t2;
    });
    $t->add(0);
    $base->loop();
    echo "  onClose calls: $closes; peer: ", drain_to_eof($peer, 8 << 20), "\n";
    unset($s, $t);
    $GLOBALS['keep'] = null;
    $base = null;
}
echo "done\n";
?>
--EXPECT--
tls:// client, close() with the ClientHello out and the receive armed (io_uring)
  onClose: null
  onClose calls: 1; raw server: EOF
tls:// client, free() with the ClientHello out and the receive armed (io_uring)
  onClose: null
  onClose calls: 1; raw server: EOF
startTls() client, close() in the handshake with plaintext in flight (io_uring)
  onClose: null
  onClose calls: 1; peer: EOF, fewer than 8388608 bytes before it: true
startTls() client, free() in the handshake with plaintext in flight (io_uring)
  onClose: null
  onClose calls: 1; peer: EOF, fewer than 8388608 bytes before it: true
done
