<?php
/*
 * A seedable fuzzer for every public class of asyncstream (issues #6 and #10, G11 and G12).
 *
 *   php -n -d extension=sockets -d extension=posix -d extension=$PWD/modules/asyncstream.so \
 *       scripts/fuzz.php [--seeds=1,2,3] [--calls=100000 | --steps=400] [--classic] [--no-fork] [--verbose]
 *
 * Drives EventBase, EventConfig, Event, EventUtil, AsyncStream and AsyncStreamServer with
 * random call sequences: sensible arguments (to reach deep states) mixed with hostile ones
 * (wrong types, huge/negative/NaN numbers, closed resources and sockets, freed objects),
 * callbacks that free their own object, other objects or the base, throw, fork, send
 * signals, and call exit() (only in forked children, so the fuzzer itself continues).
 *
 * Besides argument values it varies what user code can DO (G11/G12; off with --classic):
 *   - every callback is one of the callable kinds of G11: closures (plain, static, bound,
 *     rebound), first-class callables (strlen(...), $obj->m(...), Cls::m(...)), "func",
 *     "Class::method", [$obj, "m"], [Class::class, "parent::m"], invokable objects,
 *     __call and __callStatic trampolines; all but strlen run the same random actions;
 *   - $arg, $data, option values (array values too) and callables carry destructors that
 *     call random methods on random live objects (free, set, add, del, loop, close, write,
 *     pause, end, EventBase::free(), setFraming, onX() replacement, fork, throw), and
 *     Stringable objects whose __toString does the same or throws go wherever a string is
 *     converted (addresses, write() data, delimiters, option values);
 *   - per seed, a user error handler that throws ErrorException, frees random objects,
 *     returns false, or re-enters the extension;
 *   - per seed, a load profile: many streams, small buffers and socket buffers, bursts of
 *     connects, so callbacks run random calls on random objects while much is in flight.
 *
 * TLS (off with --no-tls, or when asyncstream has no OpenSSL): a fifth of the steps make
 * TLS objects, with certificates made once per process (a CA, a server certificate for
 * localhost, an expired and a self-signed one, a client certificate): TLS servers (right,
 * wrong or missing certificates, client certificates required, SNI maps, ALPN, short
 * handshake timeouts), tls:// clients of TLS servers, of plain servers and of refused
 * ports (verification on/off, right/wrong peer_name, ALPN lists, bad cafile paths,
 * garbage types and unknown names, Stringable values), startTls() on socket pairs (both
 * roles) and on any stream at any moment (connecting, plain, already TLS, ended, closed),
 * getTlsInfo() anywhere (null or exactly the documented keys), raw peers that stay
 * silent, send garbage or half a ClientHello, or reset mid-handshake, and loop runs long
 * enough for handshakes to finish, so onSecure/onConnection/onConnect run the same
 * random actions (free the base, close, fork, throw) as every other callback.
 *
 * Every call must end in a result or a Throwable. A finding is:
 *   - a warning/notice/deprecation that is not on the list of documented ones below;
 *   - a callback that runs for an object after it was freed, deleted or closed (G1);
 *   - onClose running twice for one stream;
 *   - an exception out of loop() that no callback threw (G4); an ErrorException from the
 *     fuzzer's own error handler, and anything its destructors/__toString throw, are expected;
 *   - a forked child that crashed, hung or exited with an unexpected status.
 * A crash or a leak ends or fails the process (run it under valgrind or with
 * scripts/test.sh --asan to see leaks and invalid accesses); scripts/fuzz-seeds.sh runs
 * each seed of a range in its own process with a timeout and counts the failing seeds.
 *
 * Exit status: 0 no finding, 1 findings (listed on stderr). tests/fuzz/*.phpt run a
 * fixed-seed slice in-process through as_fuzz_run().
 */

final class AsFuzzThrow extends RuntimeException {}

/** What the fuzzer's own error handler throws (mode "throw"): expected, never a finding. */
final class AsFuzzErrorException extends ErrorException {}

/*
 * The callable kinds of G11. Each routes to AsFuzz::cbBody(), which checks G1 and runs
 * random actions; the string and static forms cannot carry the id of the object they
 * were registered on, so they skip the per-object checks.
 */
function as_fuzz_cb_func(mixed ...$a): void
{
    AsFuzz::$cur?->cbBody('func', null, $a);
}

class AsFuzzCbParent
{
    public static function hit(mixed ...$a): void
    {
        AsFuzz::$cur?->cbBody('parent::hit', null, $a);
    }
}

class AsFuzzCbStatic extends AsFuzzCbParent
{
    public static function hit(mixed ...$a): void
    {
        AsFuzz::$cur?->cbBody('static::hit', null, $a);
    }

    public static function __callStatic(string $name, array $a): void
    {
        AsFuzz::$cur?->cbBody("__callStatic($name)", null, $a);
    }
}

/** [$obj, "m"], $obj->m(...), invokable, __call; may act in its destructor. */
final class AsFuzzCbObj
{
    public string $kind;
    public int $selfId = 0;
    public bool $actOnDestruct;

    public function __construct(string $kind, int &$selfId, bool $actOnDestruct)
    {
        $this->kind = $kind;
        $this->selfId = &$selfId;
        $this->actOnDestruct = $actOnDestruct;
    }

    public function m(mixed ...$a): void
    {
        AsFuzz::$cur?->cbBody($this->kind, $this->selfId, $a);
    }

    public function __invoke(mixed ...$a): void
    {
        AsFuzz::$cur?->cbBody($this->kind, $this->selfId, $a);
    }

    public function __call(string $name, array $a): void
    {
        AsFuzz::$cur?->cbBody($this->kind, $this->selfId, $a);
    }

    public function __destruct()
    {
        if ($this->actOnDestruct) {
            AsFuzz::$cur?->actFrom('a callable\'s __destruct', null);
        }
    }
}

/**
 * A value ($arg, $data, an option value, a string argument) whose destructor and
 * __toString run random actions, preferably on the object it was given to ($target).
 */
final class AsFuzzActor
{
    public ?WeakReference $target = null;

    public function __construct(public string $str, public bool $actOnDestruct, public bool $throwInToString)
    {
    }

    public function __destruct()
    {
        if ($this->actOnDestruct) {
            AsFuzz::$cur?->actFrom('__destruct', $this->target?->get());
        }
    }

    public function __toString(): string
    {
        AsFuzz::$cur?->actFrom('__toString', $this->target?->get());
        if ($this->throwInToString) {
            throw new AsFuzzThrow('thrown from __toString');
        }
        return $this->str;
    }
}

final class AsFuzz
{
    /** Warnings the extension documents (compat bool results with a precise warning). */
    private const EXPECTED = [
        '/^(Event|EventBase|EventUtil|EventConfig)::\w+\(\): (cannot add the event for (fd|signal) \d+|cannot change the priority of an active event|cannot modify a pending event|cannot move a pending event|the loop of this EventBase is already running|cannot set \d+ priorities|setsockopt\(level|getsockname\(\) failed on fd|fd \d+ has an unsupported address family)/',
        // libevent refusing an fd that was closed behind its back (user error, reported, not hidden)
        '/^(Event|EventBase)::\w+\(\): libevent: Epoll (ADD|MOD|DEL)\(\d+\) on fd \d+ failed/',
        // the same with the select backend (EventConfig::avoidMethod()): select() fails with EBADF
        '/^(Event|EventBase)::\w+\(\): libevent: select: Bad file descriptor/',
        // an fd closed behind a pending event (user error) makes the child's re-initialisation
        // after fork() fail for that event: reported with the OS error
        // (or its number reused, e.g. by the child's new epoll fd: EINVAL/EPERM/EEXIST)
        '/(libevent: Epoll (ADD|MOD|DEL)\(-?\d+\) on fd \d+ failed.*(Bad file descriptor|Invalid argument|Operation not permitted|File exists)|could not reinitialise the event base after fork\(\)|^EventBase::reInit\(\): cannot reinitialise the event base)/',
        '/^AsyncStreamServer::__construct\(\)|^EventBase::loop\(\): AsyncStreamServer cannot accept connections/',
        // a TLS server without onError() reports a failed handshake (garbage, RST, wrong
        // certificate, timeout: the fuzzer makes all of them on purpose) as a warning
        '/^(?:[\w:]+\(\): )?AsyncStreamServer on tls:\/\/\S+: TLS handshake with \S+ failed: .*\(set onError\(\) to handle this\)$/s',
        // the engine on hostile scalars
        '/^[\w:]+\(\): Passing null to parameter #\d+ .* of type \w+ is deprecated/',
        '/^Implicit conversion from float .* to int loses precision/',
        // G11: PHP 8.2 deprecates [Class::class, "parent::m"]; the callable still works
        '/^Callables of the form \\["\\w+", "parent::\\w+"\\] are deprecated/',
    ];

    /** The running fuzzer: where callables, destructors and __toString find it. */
    public static ?AsFuzz $cur = null;

    public array $findings = [];
    public int $calls = 0;
    public int $throws = 0;
    public int $forks = 0;
    public int $callbacks = 0;
    /** TLS servers, tls:// clients and startTls() calls that were accepted; handshakes seen done. */
    public int $tlsMade = 0;
    public int $tlsDone = 0;

    private array $bases = [];
    private array $configs = [];
    private array $events = [];
    private array $streams = [];
    private array $servers = [];
    private array $res = [];        // stream resources (socket pair ends), possibly closed
    private array $socks = [];      // ext-sockets Socket objects, possibly closed
    private array $serverAddrs = [];
    private array $tlsAddrs = [];   // "tls://..." of live servers (TLS ones, and plain ones to talk TLS to)

    /** TLS objects too (off with --no-tls or when asyncstream was built without OpenSSL). */
    private bool $tls;
    /** Percent of the steps that are TLS steps; how much longer drive() runs the loop (valgrind). */
    public int $tlsShare = 20;
    public float $slow = 1.0;
    /** Bases known to be freed (EventBase::free()): TLS steps prefer live ones. */
    private WeakMap $freedBases;
    /** Certificates, made once per process: name => path. */
    private static array $certs = [];

    private array $freed = [];      // object id => why (G1 checks)
    private array $deleted = [];    // event id => true after del()
    private array $closeCount = []; // stream id => onClose calls
    private array $baseOf = [];     // object id => base id
    private int $nextId = 1;
    private int $depth = 0;
    private bool $quiet = false;
    private bool $inChild = false;
    private string $childLog;
    private string $tmpDir;
    private string $big;
    private int $sockN = 0;

    /** G11/G12 variation on (off in --classic mode, the fuzzer of issue #6). */
    private bool $reentrant;
    /** Per seed: what the user error handler does. */
    public string $handlerMode = 'record';
    /** Per seed: many streams, small buffers. */
    public bool $load = false;
    private int $maxStreams = 10;
    private int $maxEvents = 10;
    public int $actions = 0;
    private bool $trace;     // random actions run from destructors, __toString, the error handler
    public int $handlerCalls = 0;
    private int $actDepth = 0;

    public function __construct(private int $seed, private bool $fork, private bool $verbose, private int $maxForks = PHP_INT_MAX, bool $reentrant = true, bool $tls = true)
    {
        mt_srand($seed);
        $this->reentrant = $reentrant;
        $this->trace = (bool)getenv('ASFUZZ_TRACE');
        if ($reentrant) {
            $this->handlerMode = ['record', 'throw', 'free', 'false', 'reenter'][$this->rnd(5)];
            $this->load = $this->chance(35);
            if ($this->load) {
                $this->maxStreams = 48;
                $this->maxEvents = 24;
            }
        }
        $this->freedBases = new WeakMap();
        $this->tls = $tls && self::tlsAvailable();
        if ($this->tls) {
            self::certs();
        }
        $this->tmpDir = sys_get_temp_dir() . '/asfuzz-' . getmypid() . '-' . $seed;
        @mkdir($this->tmpDir);
        $this->childLog = $this->tmpDir . '/child.log';
        $this->big = str_repeat("0123456789abcdef", 16384); // 256 KiB
    }

    /* ------------------------------------------------------------ bookkeeping */

    private function finding(string $what): void
    {
        $msg = "seed {$this->seed} call {$this->calls}: $what";
        if ($this->inChild) {
            file_put_contents($this->childLog, "child " . getmypid() . ": $msg\n", FILE_APPEND);
            return;
        }
        $this->findings[] = $msg;
        if ($this->verbose) {
            fwrite(STDERR, "FINDING $msg\n");
        }
    }

    public function onError(int $no, string $str, string $file, int $line): bool
    {
        if (!(error_reporting() & $no)) {
            return true; // silenced with @ (peer-side I/O on purpose)
        }
        $this->handlerCalls++;
        $this->trace("error handler ({$this->handlerMode}): $str");
        $expected = false;
        foreach (self::EXPECTED as $re) {
            if (preg_match($re, $str)) {
                $expected = true;
                break;
            }
        }
        if (!$expected) {
            $this->finding("unexpected error $no: $str");
        }
        if ($this->quiet) {
            return true;
        }
        // G12: what a user error handler may do whenever the extension raises a diagnostic
        switch ($this->handlerMode) {
            case 'throw':
                $this->trace('throw from the error handler');
                throw new AsFuzzErrorException($str, 0, $no, $file, $line);
            case 'free':
                for ($i = $this->rnd(3); $i > 0; $i--) {
                    $this->freeRandom();
                }
                return true;
            case 'false':
                return false; // PHP's own handler (display_errors and log_errors are off in run())
            case 'reenter':
                $this->actFrom('the error handler', null);
                return true;
        }
        return true;
    }

    private function rnd(int $n): int { return mt_rand(0, $n - 1); }
    private function chance(int $percent): bool { return mt_rand(1, 100) <= $percent; }
    private function pick(array $a): mixed { return $a ? $a[array_rand($a)] : null; }

    private function id(object $o): int { return spl_object_id($o); }

    /** Keeps pools bounded: the dropped object is destroyed here or by the GC later. */
    /** A new server: tracked with its base; onError set with the given chance (%). */
    private function adoptServer(AsyncStreamServer $s, EventBase $b, int $onErrorChance): int
    {
        $id = $this->id($s);
        unset($this->freed[$id]);
        $this->baseOf[$id] = $this->id($b);
        if ($this->chance($onErrorChance)) {
            $this->call($s, 'onError', [$this->cb('server-error', $id)]);
        }
        return $id;
    }

    private function put(array &$pool, mixed $v, int $max = 6): void
    {
        if (count($pool) >= $max) {
            $k = array_rand($pool);
            unset($pool[$k]);
        }
        $pool[] = $v;
    }

    /* ------------------------------------------------------------ values */

    private function hostile(): mixed
    {
        if ($this->reentrant && $this->chance(15)) {
            return $this->actor(null);
        }
        switch ($this->rnd(24)) {
            case 0: return null;
            case 1: return -1;
            case 2: return PHP_INT_MAX;
            case 3: return PHP_INT_MIN;
            case 4: return NAN;
            case 5: return INF;
            case 6: return -INF;
            case 7: return -0.0;
            case 8: return 1e300;
            case 9: return "";
            case 10: return "\0x\0";
            case 11: return $this->big;
            case 12: return [];
            case 13: return ['timeout' => NAN, 'high_water' => -5, 'bogus' => 1];
            case 14: return new stdClass();
            case 15: return fn() => null;
            case 16: return $this->pick($this->res) ?? STDERR;
            case 17: return $this->pick($this->socks);
            case 18: return $this->pick($this->bases);
            case 19: return $this->pick($this->streams);
            case 20: return mt_rand(-100, 100000);
            case 21: return mt_rand() / mt_getrandmax() * 10 - 5;
            case 22: return true;
            default: return $this->pick($this->events);
        }
    }

    private function address(): string|AsFuzzActor
    {
        if ($this->reentrant && $this->chance(10)) {
            // converted by the extension: __toString runs (and may act or throw) there
            return $this->actor(null, $this->serverAddrs ? $this->pick($this->serverAddrs) : '127.0.0.1:1');
        }
        if ($this->serverAddrs && $this->chance(70)) {
            return $this->pick($this->serverAddrs);
        }
        return $this->pick([
            '127.0.0.1:1', 'tcp://127.0.0.1:9', '[::1]:1', 'unix:///nonexistent/asfuzz.sock',
            'localhost:1', 'no-such-host.invalid:80', '127.0.0.1:0', '127.0.0.1', 'tcp://', '[::1:80',
            'unix://relative', '1.2.3.4.5:80', "127.0.0.1:80\0", 'x:99999', 'tcp://0.0.0.0:1',
        ]);
    }

    private function streamOptions(): array
    {
        $o = [];
        foreach (['timeout' => fn() => $this->pick([0.05, 0.0, -1.0, 1e-6, 3.0, INF]),
                'nodelay' => fn() => $this->chance(50), 'keepalive' => fn() => $this->chance(50),
                'high_water' => fn() => $this->load ? $this->pick([1, 2, 16, 64, 512]) : $this->pick([1, 16, 4096, 65536, 1 << 20]),
                'low_water' => fn() => $this->load ? $this->pick([0, 1, 8]) : $this->pick([0, 8, 1024, 16384]),
                'max_frame' => fn() => $this->pick([1, 7, 100, 65536, 1 << 20])] as $k => $gen) {
            if ($this->chance($this->load ? 60 : 30)) {
                $o[$k] = $gen();
            }
        }
        if ($this->reentrant && $this->chance(20)) {
            // option values that are converted (Stringable) or just released (destructor)
            $k = $this->pick(['timeout', 'high_water', 'bind', 'nodelay', 'backlog', 'bogus']);
            $o[$k] = $this->actor(null, $k === 'bind' ? '127.0.0.1:0' : '1');
        }
        if ($this->reentrant && $this->chance(10)) {
            $o[$this->pick(['bind', 'timeout', 'bogus'])] = [$this->actor(null), 'x' => [$this->actor(null)]]; // array option values
        }
        if ($this->chance(10)) {
            $o[$this->pick(['bind', 'bogus', 0])] = $this->chance(50) ? '127.0.0.1:0' : $this->hostile();
        }
        if ($this->tls && $this->chance(5)) {
            $o['tls'] = $this->tlsOptions(null); // on a tcp:// address: ValueError
        }
        return $o;
    }

    private function fdSource(): mixed
    {
        switch ($this->rnd(6)) {
            case 0: case 1: return $this->pick($this->res) ?? $this->newPair()[0];
            case 2: return $this->pick($this->socks) ?? $this->newPair()[0];
            case 3:
                $r = $this->pick($this->res);
                return is_resource($r) ? EventUtil::getSocketFd($r) : -1;
            case 4: return -1;
            default: return $this->hostile();
        }
    }

    private function newPair(): array
    {
        if ($this->chance(30) && function_exists('socket_create_pair')) {
            socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p);
            socket_set_nonblock($p[0]);
            socket_set_nonblock($p[1]);
            $this->put($this->socks, $p[0], 6);
            $this->put($this->socks, $p[1], 6);
            return $p;
        }
        $p = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        stream_set_blocking($p[0], false); // the fuzzer's own peer-side I/O must never block
        stream_set_blocking($p[1], false);
        if ($this->load) {
            // small socket buffers: writes queue in the extension, backpressure all the time
            foreach ($p as $end) {
                $sk = socket_import_stream($end);
                if ($sk) {
                    @socket_set_option($sk, SOL_SOCKET, SO_SNDBUF, 1024);
                    @socket_set_option($sk, SOL_SOCKET, SO_RCVBUF, 1024);
                }
            }
        }
        $this->put($this->res, $p[0], 8);
        $this->put($this->res, $p[1], 8);
        return $p;
    }

    /* ------------------------------------------------------------ callbacks */

    /**
     * A callback that records itself, checks G1 and does 0-2 random things. In re-entrant
     * mode it is any of the callable kinds of G11 (some with acting destructors).
     */
    private function cb(string $kind, int &$selfId, bool $timer = false): mixed
    {
        if (!$this->reentrant || $this->chance(25)) {
            return function (...$args) use ($kind, &$selfId) {
                $this->cbBody($kind, $selfId, $args);
            };
        }
        $r = $this->rnd(20);
        $obj = in_array($r, [1, 2, 3, 9, 12, 13, 14, 15, 16, 19], true) ? new AsFuzzCbObj($kind, $selfId, $this->chance(30)) : null;
        switch ($r) {
            case 0:
                return static function (...$a) use ($kind, &$selfId) {
                    AsFuzz::$cur?->cbBody($kind, $selfId, $a);
                };
            case 1: // bound to another object and scope
                return Closure::bind(function (...$a) use ($kind, &$selfId) {
                    AsFuzz::$cur?->cbBody($kind, $selfId, $a);
                }, $obj, AsFuzzCbObj::class);
            case 2: // rebound: the closure carries an actor, released with it
                $guard = $this->actor(null);
                $c = function (...$a) use ($kind, &$selfId, $guard) {
                    AsFuzz::$cur?->cbBody($kind, $selfId, $a);
                };
                return $c->bindTo($obj);
            case 3: return $obj->m(...);
            case 4: return AsFuzzCbStatic::hit(...);
            case 5: return as_fuzz_cb_func(...);
            case 6:
                if ($timer) {
                    // an internal function: it runs (or throws TypeError) with the timer's $arg;
                    // not for streams, whose onClose also runs at shutdown, where it would be fatal
                    return $this->chance(50) ? strlen(...) : 'strlen';
                }
                return as_fuzz_cb_func(...);
            case 7: return 'as_fuzz_cb_func';
            case 8: return 'AsFuzzCbStatic::hit';
            case 9: return [$obj, 'm'];
            case 10: return [AsFuzzCbStatic::class, 'parent::hit'];
            case 11: return [AsFuzzCbStatic::class, 'hit'];
            case 12: case 13: return $obj; // invokable
            case 14: case 15: return [$obj, 'viaCall']; // __call trampoline
            case 16: return $obj->viaCall(...); // first-class callable of a trampoline
            case 17: return 'AsFuzzCbStatic::viaCallStatic'; // __callStatic trampoline
            case 18: return [AsFuzzCbStatic::class, 'viaCallStatic'];
            default: return Closure::fromCallable([$obj, 'm']);
        }
    }

    /** The body of every callback: G1 checks, then 0-2 random actions. */
    public function cbBody(string $kind, ?int $selfId, array $args): void
    {
        $this->callbacks++;
        $this->trace("callback $kind for #" . ($selfId ?? '?') . (($args[1] ?? null) instanceof Throwable ? ': ' . get_class($args[1]) . ': ' . $args[1]->getMessage() : ''));
        if ($kind === 'stream-secure' || (in_array($kind, ['server-conn', 'stream-connect'], true) && ($args[0] ?? null) instanceof AsyncStream && $this->isTls($args[0]))) {
            $this->tlsDone++;
        }
        if ($selfId !== null) {
            if (isset($this->freed[$selfId])) {
                $this->finding("$kind callback ran for object #$selfId after " . $this->freed[$selfId]);
            }
            if ($kind === 'event' && isset($this->deleted[$selfId])) {
                $this->finding("event callback ran for event #$selfId after del()");
            }
            if ($kind === 'close') {
                $n = $this->closeCount[$selfId] = ($this->closeCount[$selfId] ?? 0) + 1;
                if ($n > 1) {
                    $this->finding("onClose ran $n times for stream #$selfId");
                }
            } elseif (str_starts_with($kind, 'stream-') && isset($this->closeCount[$selfId])) {
                $this->finding("$kind ran for stream #$selfId after its onClose");
            }
        }
        if ($this->depth > 3) {
            return;
        }
        $this->depth++;
        try {
            for ($i = $this->rnd(3); $i > 0; $i--) {
                $this->callbackAction($kind, $selfId ?? 0, $args);
            }
        } finally {
            $this->depth--;
        }
    }

    private function callbackAction(string $kind, int $selfId, array $args): void
    {
        $r = $this->rnd(100);
        if ($this->quiet) {
            return;
        }
        if ($r < 8) {
            $this->trace("throw from a $kind callback");
            throw new AsFuzzThrow("thrown from a $kind callback");
        }
        if ($r < 10 && $this->inChild) {
            $this->trace("exit(7) from a $kind callback");
            $this->quiet = true; // destructors at shutdown run callbacks: they must not throw then
            exit(7); // G4: exit() inside a callback ends the child normally
        }
        if ($r < 12 && $this->fork && !$this->inChild && $this->forks < $this->maxForks) {
            $this->forkChild(true);
            return;
        }
        if ($r < 14) {
            $this->signal();
            return;
        }
        if ($r < 24) {
            $b = $this->pick($this->bases);
            if ($b) {
                $this->call($b, 'free', []); // G1: bases freed mid-loop, from any callback
                $this->markBaseFreed($b);
            }
            return;
        }
        if ($r < 30) {
            // drop the last references (this object's included) inside the callback
            $this->dropRandom();
            return;
        }
        if ($r < 36 && $kind === 'stream-data' && isset($args[0]) && $args[0] instanceof AsyncStream) {
            $s = $args[0];
            $this->call($s, $this->pick(['pause', 'resume', 'close', 'end', 'setFraming', 'write', 'setTimeout']), null);
            return;
        }
        if ($r < 40) {
            $this->runLoop(true);
            return;
        }
        if ($this->reentrant && $r < 60) {
            // a targeted call on this object or any live one, while the loop runs
            $this->targetAction($this->byId($selfId) ?? $this->anyObject());
            return;
        }
        $this->step();
    }

    /* ------------------------------------------------------------ re-entrancy (G12) */

    /** A value with an acting destructor and/or __toString, aimed at $target if given. */
    private function actor(?object $target, ?string $str = null): AsFuzzActor
    {
        $a = new AsFuzzActor($str ?? $this->pick(['x', "\n", '127.0.0.1:1', '0.5', '']), $this->chance(80), $this->chance(15));
        if ($target) {
            $a->target = WeakReference::create($target);
        }
        return $a;
    }

    /**
     * User code the extension runs outside callbacks (a destructor, __toString, the error
     * handler): 0-2 random actions, preferably on $target. Bounded in depth.
     */
    public function actFrom(string $where, ?object $target): void
    {
        if ($this->quiet || $this->actDepth > 2) {
            return;
        }
        $this->actDepth++;
        $this->depth++;
        $this->trace("user code in $where" . ($target ? ' aimed at ' . self::describe($target) : ''));
        try {
            for ($i = $this->rnd(3); $i > 0; $i--) {
                $this->actions++;
                $r = $this->rnd(100);
                if ($r < 7) {
                    $this->trace("throw from $where");
                    throw new AsFuzzThrow("thrown from $where");
                }
                if ($r < 9 && $this->inChild) {
                    $this->trace("exit(7) from $where");
                    $this->quiet = true;
                    exit(7);
                }
                if ($r < 11 && $this->fork && !$this->inChild && $this->forks < $this->maxForks) {
                    $this->forkChild(true);
                } elseif ($r < 20) {
                    $this->freeRandom();
                } elseif ($r < 70) {
                    $this->targetAction($target && $this->chance(70) ? $target : $this->anyObject());
                } elseif ($r < 80) {
                    $this->runLoop(true);
                } elseif ($r < 85) {
                    $this->dropRandom();
                } else {
                    $this->methodCall();
                }
            }
        } finally {
            $this->depth--;
            $this->actDepth--;
        }
    }

    /** One method that changes state, on $o: the calls G12 is about. */
    private function targetAction(?object $o): void
    {
        if ($o === null) {
            return;
        }
        if ($o instanceof Event) {
            $m = $this->pick(['free', 'set', 'set', 'setTimer', 'add', 'add', 'del', 'data', 'data', 'setPriority', 'loop', 'baseFree']);
        } elseif ($o instanceof AsyncStream) {
            $m = $this->pick(['close', 'write', 'write', 'pause', 'resume', 'end', 'setFraming', 'onX', 'onX', 'setTimeout', 'loop', 'baseFree',
                ...($this->tls ? ['startTls', 'getTlsInfo'] : [])]);
        } elseif ($o instanceof AsyncStreamServer) {
            $m = $this->pick(['close', 'pause', 'resume', 'onX', 'loop', 'baseFree']);
        } elseif ($o instanceof EventBase) {
            $m = $this->pick(['free', 'loop', 'exit', 'stop', 'reInit']);
            $this->call($o, $m === 'loop' ? 'loop' : $m, $m === 'loop' ? [EventBase::LOOP_NONBLOCK | EventBase::LOOP_ONCE] : null); // one pass: see runLoop()
            if ($m === 'free') {
                $this->markBaseFreed($o);
            }
            return;
        } else {
            return;
        }
        switch ($m) {
            case 'startTls':
                $this->startTls($o);
                return;
            case 'getTlsInfo':
                $this->tlsInfo($o);
                return;
            case 'baseFree':
                $b = $this->baseOf[$this->id($o)] ?? null;
                $b = $b !== null ? $this->byId($b) : null;
                if ($b instanceof EventBase) {
                    $this->call($b, 'free', []);
                    $this->markBaseFreed($b);
                }
                return;
            case 'loop':
                $this->runLoop(true);
                return;
            case 'data':
                $this->calls++;
                try {
                    $o->data = $this->chance(70) ? $this->actor($o) : $this->pick([null, 1, $o]);
                } catch (AsFuzzThrow|AsFuzzErrorException $e) {
                    throw $e;
                } catch (Throwable) {
                    $this->throws++;
                }
                return;
            case 'set':
                $id = 0;
                $b = $this->pick($this->bases) ?? $this->newBase();
                $this->call($o, 'set', [$b, $this->chance(50) ? -1 : $this->fdSource(), $this->pick([Event::TIMEOUT, Event::READ, Event::TIMEOUT | Event::PERSIST, null]),
                    $this->chance(80) ? $this->cb('event', $id) : null, $this->chance(80) ? $this->actor($o) : $this->hostile()]);
                return;
            case 'setTimer':
                $id = 0;
                $this->call($o, 'setTimer', [$this->pick($this->bases) ?? $this->newBase(), $this->cb('event', $id), $this->actor($o)]);
                return;
            case 'add':
                $this->call($o, 'add', [$this->pick([-1, 0, 0.001, 0.01])]);
                return;
            case 'write':
                $this->call($o, 'write', [$this->chance(30) ? $this->actor($o, "w\n") : $this->pick(["x\n", str_repeat('q', mt_rand(1, 70000))])]);
                return;
            case 'end':
                $this->call($o, 'end', [$this->chance(30) ? $this->actor($o, "e\n") : "bye\n"]);
                return;
            case 'setFraming':
                $this->call($o, 'setFraming', [$this->pick([0, 1, 1, 2]), $this->chance(40) ? $this->actor($o, $this->pick(["\n", 'xy', ''])) : $this->pick(["\n", 3, null])]);
                return;
            case 'onX':
                $sid = $this->id($o);
                $m = $o instanceof AsyncStream ? $this->pick(['onConnect', 'onData', 'onDrain', 'onEnd', 'onClose']) : 'onError';
                $kind = ['onConnect' => 'stream-connect', 'onData' => 'stream-data', 'onDrain' => 'stream-drain', 'onEnd' => 'stream-end',
                    'onClose' => 'close', 'onError' => 'server-error'][$m];
                $this->call($o, $m, [$this->chance(85) ? $this->cb($kind, $sid) : null]);
                return;
            default:
                $this->call($o, $m, null);
        }
    }

    /** free()/close()/EventBase::free() on a random live object. */
    private function freeRandom(): void
    {
        $o = $this->anyObject();
        if ($o instanceof EventBase) {
            $this->call($o, 'free', []);
            $this->markBaseFreed($o);
        } elseif ($o instanceof Event) {
            $this->call($o, 'free', []);
        } elseif ($o instanceof AsyncStream || $o instanceof AsyncStreamServer) {
            $this->call($o, 'close', []);
        }
    }

    private function anyObject(): ?object
    {
        $p = $this->pick(['bases', 'events', 'events', 'streams', 'streams', 'servers']);
        return $this->pick($this->$p);
    }

    private function byId(int $id): ?object
    {
        if ($id <= 0) {
            return null;
        }
        foreach (['events', 'streams', 'servers', 'bases'] as $p) {
            foreach ($this->$p as $o) {
                if ($this->id($o) === $id) {
                    return $o;
                }
            }
        }
        return null;
    }


    /* ------------------------------------------------------------ TLS */

    private static function tlsAvailable(): bool
    {
        if (!function_exists('openssl_pkey_new') || !extension_loaded('asyncstream')) {
            return false;
        }
        ob_start();
        (new ReflectionExtension('asyncstream'))->info();
        return str_contains((string)ob_get_clean(), 'TLS (OpenSSL) => enabled');
    }

    /**
     * Certificates made once per process with PHP's openssl functions (EC P-256 keys:
     * quick, also under valgrind) in a temporary directory removed at exit: ca.pem,
     * other_ca.pem (signs nobody), server.pem (CN/SAN localhost, 127.0.0.1, ::1; key
     * included), expired.pem, self.pem (self-signed), client.pem (client auth).
     */
    private static function certs(): array
    {
        if (self::$certs) {
            return self::$certs;
        }
        $dir = sys_get_temp_dir() . '/asfuzz-tls-' . getmypid() . '-' . bin2hex(random_bytes(4));
        mkdir($dir, 0700);
        $pid = getmypid();
        register_shutdown_function(function () use ($dir, $pid) {
            if (getmypid() === $pid) { // a forked child leaves them to its parent
                array_map('unlink', glob("$dir/*") ?: []);
                @rmdir($dir);
            }
        });
        $cnf = "$dir/openssl.cnf";
        file_put_contents($cnf, "[req]\ndistinguished_name = dn\ndefault_bits = 2048\n[dn]\n"
            . "[v3_ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n"
            . "[v3_server]\nbasicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\n"
            . "subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1\n"
            . "[v3_client]\nbasicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\n");
        $serial = 1;
        $make = function (string $cn, string $ext, $caCert, $caKey, int $days = 365) use ($cnf, &$serial): array {
            $key = openssl_pkey_new(['private_key_type' => OPENSSL_KEYTYPE_EC, 'curve_name' => 'prime256v1', 'config' => $cnf]);
            $csr = openssl_csr_new(['commonName' => $cn], $key, ['digest_alg' => 'sha256', 'config' => $cnf]);
            $cert = openssl_csr_sign($csr, $caCert, $caKey ?? $key, $days,
                ['digest_alg' => 'sha256', 'config' => $cnf, 'x509_extensions' => $ext], $serial++);
            if (!$cert) {
                throw new RuntimeException('cannot make a certificate: ' . openssl_error_string());
            }
            openssl_x509_export($cert, $pem);
            openssl_pkey_export($key, $keyPem, null, ['config' => $cnf]);
            return [$cert, $key, $pem . $keyPem, $pem];
        };
        [$ca, $caKey, , $caPem] = $make('asfuzz CA', 'v3_ca', null, null);
        $files = [
            'ca.pem' => $caPem,
            'other_ca.pem' => $make('asfuzz other CA', 'v3_ca', null, null)[3],
            'server.pem' => $make('localhost', 'v3_server', $ca, $caKey)[2],
            // 0 days: notAfter is the signing second, which OpenSSL already counts as expired
            'expired.pem' => $make('localhost', 'v3_server', $ca, $caKey, 0)[2],
            'self.pem' => $make('localhost', 'v3_server', null, null)[2],
            'client.pem' => $make('client', 'v3_client', $ca, $caKey)[2],
        ];
        foreach ($files as $name => $data) {
            file_put_contents("$dir/$name", $data);
            self::$certs[$name] = "$dir/$name";
        }
        self::$certs['dir'] = $dir;
        return self::$certs;
    }

    /** A base not known to be freed (a handshake needs a loop that runs), or a new one. */
    private function liveBase(): ?EventBase
    {
        $live = array_filter($this->bases, fn($b) => !isset($this->freedBases[$b]));
        return $live && $this->chance(90) ? $this->pick($live) : ($this->chance(70) ? $this->newBase() : $this->pick($this->bases));
    }

    /** A string option value: usually $good, sometimes a wrong one, a Stringable actor or garbage. */
    private function tlsStr(string $good, array $wrong): mixed
    {
        $r = $this->rnd(100);
        if ($r < 70) {
            return $good;
        }
        if ($r < 85) {
            return $this->pick($wrong);
        }
        if ($this->reentrant && $r < 88) {
            return $this->actor(null, $good); // a TypeError, and its destructor acts
        }
        return $this->hostile();
    }

    /**
     * The 'tls' options of a client ($server false), a server (true) or startTls() (null:
     * either role, 'server' given at random): mostly valid, often permissive or wrong
     * (verification off, wrong peer_name, ALPN lists, a CA that signed nothing, bad paths),
     * sometimes garbage types and unknown names.
     */
    private function tlsOptions(?bool $server): mixed
    {
        if ($this->chance(4)) {
            return $this->hostile(); // not even an array
        }
        $c = self::certs();
        $o = [];
        $role = $server;
        if ($server === null) {
            if ($this->chance(60)) {
                $role = $this->chance(50);
                $o['server'] = $this->chance(90) ? $role : $this->hostile();
            } else {
                $role = $this->chance(50);
            }
        }
        if ($this->chance(45)) {
            // valid and verifying: handshakes that finish, so what comes after them is fuzzed too
            $o += $role ? ['local_cert' => $c['server.pem']] : ['cafile' => $c['ca.pem'], 'peer_name' => 'localhost'];
            if ($this->chance(20)) {
                $o['alpn_protocols'] = ['h2', 'http/1.1'];
            }
            return $o;
        }
        if ($role) {
            if ($this->chance(95)) {
                $o['local_cert'] = $this->tlsStr($c['server.pem'], [$c['expired.pem'], $c['self.pem'], $c['client.pem'], $c['ca.pem'],
                    '/nonexistent/asfuzz.pem', $c['dir'], '']);
            }
            if ($this->chance(15)) { // require a client certificate
                $o['verify_peer'] = true;
                $o['cafile'] = $this->tlsStr($c['ca.pem'], [$c['other_ca.pem'], '/nonexistent/ca.pem']);
            }
            if ($this->chance(15)) {
                $o['SNI_server_certs'] = $this->pick([['localhost' => $c['server.pem'], '*.test' => $c['self.pem']],
                    ['localhost' => ['local_cert' => $c['server.pem']]], ['x' => '/nonexistent.pem'], ['x' => [1]], []]);
            }
        } else {
            if ($this->chance(80)) {
                $o['cafile'] = $this->tlsStr($c['ca.pem'], [$c['other_ca.pem'], '/nonexistent/ca.pem', $c['dir'], $c['server.pem']]);
            }
            if ($this->chance(30)) {
                $o['peer_name'] = $this->tlsStr('localhost', ['wrong.test', '127.0.0.1', '', "local\0host", str_repeat('h', 300)]);
            }
            if ($this->chance(20)) {
                $o['verify_peer'] = $this->chance(90) ? $this->chance(50) : $this->hostile();
            }
            if ($this->chance(15)) {
                $o['verify_peer_name'] = $this->chance(90) ? $this->chance(50) : $this->hostile();
            }
            if ($this->chance(10)) {
                $o['allow_self_signed'] = $this->chance(50);
            }
            if ($this->chance(15)) {
                $o['local_cert'] = $this->tlsStr($c['client.pem'], [$c['server.pem'], '/nonexistent/client.pem']);
            }
            if ($this->chance(10)) {
                $o['SNI_enabled'] = $this->chance(50);
            }
        }
        if ($this->chance(25)) {
            $o['alpn_protocols'] = $this->pick([['h2', 'http/1.1'], 'h2,http/1.1', ['x'], [], [''], [str_repeat('p', 300)], [1, 2], 'http/1.1',
                [$this->reentrant ? $this->actor(null, 'h2') : 'h2']]);
        }
        if ($this->chance(20)) {
            $o['handshake_timeout'] = $this->pick([0.001, 0.05, 0.5, 0, 30, -1, NAN, INF, 'x']);
        }
        if ($this->chance(8)) {
            $o['min_version'] = $this->pick(['TLSv1.2', 'TLSv1.3', 'TLSv1', 'TLSv9', 5]);
        }
        if ($this->chance(5)) {
            $o['ciphers'] = $this->pick(['ECDHE+AESGCM', 'NOTHING-MATCHES', '']);
        }
        if ($this->chance(5)) {
            $o['crypto_method'] = $this->pick([STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT, 0, -1]);
        }
        if ($this->chance(5)) {
            $o['capture_peer_cert'] = true;
        }
        if ($this->chance(4)) {
            $o[$this->pick(['bogus', 0, 'passphrase', 'verify_depth', 'capath'])] = $this->hostile();
        }
        return $o;
    }

    private function refreshServerAddrs(): void
    {
        $this->serverAddrs = $this->tlsAddrs = [];
        foreach ($this->servers as $x) {
            try {
                if ($x->isListening()) {
                    $a = $x->getAddress();
                    $this->serverAddrs[] = $a;
                    if (str_starts_with($a, 'tls://')) {
                        $this->tlsAddrs[] = $a;
                        $this->tlsAddrs[] = $a; // twice: TLS to a TLS server more often
                        $this->tlsAddrs[] = preg_replace('~^tls://127\.0\.0\.1:~', 'tls://localhost:', $a);
                    } elseif (str_starts_with($a, 'tcp://')) {
                        $this->tlsAddrs[] = 'tls://' . substr($a, 6); // TLS to a plain server: it answers in plaintext
                    }
                }
            } catch (Error) {
            }
        }
    }

    /** An AsyncStreamServer on tls://127.0.0.1:0. */
    private function newTlsServer(): void
    {
        $b = $this->liveBase();
        if (!$b) {
            return;
        }
        $id = 0;
        $this->calls++;
        try {
            $cbConn = $this->reentrant && $this->chance(20) ? $this->cb('server-conn', $id)
                : function (AsyncStream $c, AsyncStreamServer $srv) use (&$id, $b) {
                    $this->cbBody('server-conn', $id, [$c, $srv]);
                    $this->adoptStream($c, $b);
                };
            $opts = ['tls' => $this->tlsOptions(true)];
            if ($this->chance(15)) {
                $opts += $this->streamOptions();
            }
            if ($this->chance(20)) {
                $opts['max_connections'] = $this->pick([1, 2, 50]);
            }
            $addr = $this->chance(95) ? 'tls://127.0.0.1:0' : $this->pick(['tls://[::1]:0', 'tls://', 'tls://127.0.0.1']);
            $this->trace("new AsyncStreamServer(" . self::describe($b) . ", $addr, " . self::describe($opts) . ')');
            $s = new AsyncStreamServer($b, $addr, $cbConn, $opts);
        } catch (Throwable $t) {
            $this->trace('  threw ' . get_class($t) . ': ' . $t->getMessage());
            $this->throws++;
            return;
        }
        $id = $this->adoptServer($s, $b, 60);
        $this->tlsMade++;
        $this->put($this->servers, $s, 3);
        $this->refreshServerAddrs();
    }

    /** A tls:// client of a live server (TLS or plain) or of a refused port. */
    private function newTlsStream(): void
    {
        $b = $this->liveBase();
        if (!$b) {
            return;
        }
        if (!$this->tlsAddrs && $this->chance(70)) {
            $this->newTlsServer();
        }
        $addr = $this->tlsAddrs && $this->chance(90) ? $this->pick($this->tlsAddrs) : $this->pick(['tls://127.0.0.1:1', 'tls://localhost:1', 'tls://no-such-host.invalid:443', 'tls://[::1]:1']);
        $this->calls++;
        try {
            $o = ['tls' => $this->tlsOptions(false)];
            if ($this->chance(15)) {
                $o += $this->streamOptions();
            }
            $this->trace("AsyncStream::connect(" . self::describe($b) . ", $addr, " . self::describe($o) . ')');
            $s = AsyncStream::connect($b, $this->reentrant && $this->chance(5) ? $this->actor(null, $addr) : $addr, $o);
        } catch (AsFuzzThrow|AsFuzzErrorException $e) {
            throw $e;
        } catch (Throwable $t) {
            $this->trace('  threw ' . get_class($t) . ': ' . $t->getMessage());
            $this->throws++;
            return;
        }
        $this->tlsMade++;
        $this->adoptStream($s, $b);
        if ($this->chance(50)) {
            $this->drive($b);
        }
    }

    /** A socket pair, an AsyncStream on each end, startTls() on both (now or later, either role). */
    private function tlsPair(): void
    {
        $b = $this->liveBase();
        if (!$b) {
            return;
        }
        $p = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        stream_set_blocking($p[0], false); // the fuzzer's own peer-side I/O must never block
        stream_set_blocking($p[1], false);
        $ends = [];
        foreach ($p as $i => $fd) {
            $this->calls++;
            try {
                $ends[$i] = new AsyncStream($b, $fd);
            } catch (Throwable) {
                $this->throws++;
                return;
            }
            // plaintext before the upgrade would reach the peer's TLS layer (a "wrong version
            // number" failure): mostly none here, so that handshakes finish
            $this->adoptStream($ends[$i], $b, $this->chance(10));
        }
        if ($this->chance(50)) {
            $this->put($this->res, $p[0], 8); // the fuzzer may write garbage into or reset the same socket
        }
        foreach ($ends as $i => $s) {
            if ($this->chance(75)) {
                $o = $this->tlsOptions($i === 1);
                if (is_array($o) && $this->chance(90)) {
                    $o['server'] = $i === 1;
                    if ($i === 0 && $this->chance(85)) {
                        $o['peer_name'] = 'localhost';
                    }
                }
                $this->startTls($s, $o);
            }
        }
        if ($this->chance(50)) {
            $this->drive($b);
        }
    }

    private function startTls(AsyncStream $s, mixed $opts = null): void
    {
        $sid = $this->id($s);
        $args = [$opts ?? $this->tlsOptions(null)];
        if ($this->chance(80)) {
            $args[] = $this->chance(90) ? $this->cb('stream-secure', $sid) : $this->hostile();
        }
        if ($this->call($s, 'startTls', $args) === $s) {
            $this->tlsMade++;
        }
    }

    private function isTls(AsyncStream $s): bool
    {
        try {
            return $s->getTlsInfo() !== null;
        } catch (Error) {
            return false;
        }
    }

    /** getTlsInfo(): null or exactly the documented keys. */
    private function tlsInfo(?AsyncStream $s): void
    {
        if (!$s) {
            return;
        }
        $i = $this->call($s, 'getTlsInfo', []);
        if (is_array($i)) {
            $keys = array_keys($i);
            sort($keys);
            if ($keys !== ['alpn', 'cipher', 'clean_shutdown', 'peer_certificate', 'protocol', 'session_reused', 'verified']) {
                $this->finding('getTlsInfo() returned the keys ' . implode(',', $keys));
            }
        }
    }

    /**
     * A raw peer of a TLS server (or a TLS client's server): silent, garbage, half a
     * ClientHello, or a reset mid-handshake. Its socket joins the peer I/O pool.
     */
    private function rawPeer(): void
    {
        $addr = $this->pick($this->tlsAddrs);
        if (!$addr) {
            return;
        }
        $this->calls++;
        $r = @stream_socket_client('tcp://' . substr($addr, 6), $errno, $errstr, 1.0, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
        if (!$r) {
            return;
        }
        stream_set_blocking($r, false);
        switch ($this->rnd(5)) {
            case 0: break; // silent: only handshake_timeout ends it
            case 1: @fwrite($r, random_bytes(mt_rand(1, 600))); break;
            case 2: @fwrite($r, "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" . random_bytes(mt_rand(1, 100))); break; // a ClientHello cut short
            case 3: @fwrite($r, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); break;
            default:
                @fwrite($r, "\x16\x03\x01\x00\x05");
                $sk = socket_import_stream($r);
                if ($sk) {
                    @socket_set_option($sk, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
                }
                fclose($r); // RST mid-handshake
                return;
        }
        $this->put($this->res, $r, 8);
    }

    /** A handshake takes a few round trips: run $b's loop for a while (bounded). */
    private function drive(?EventBase $b): void
    {
        if (!$b) {
            return;
        }
        $this->call($b, 'exit', [$this->pick([0.01, 0.03, 0.05]) * $this->slow]);
        try {
            $this->call($b, 'loop', []);
        } catch (AsFuzzThrow $e) {
            if ($this->depth > 0) {
                throw $e;
            }
            $this->throws++;
        }
    }

    /** One TLS action. */
    private function tlsStep(): void
    {
        $this->refreshServerAddrs(); // servers close at random: connect to live ones
        $r = $this->rnd(100);
        if ($r < 12) {
            $this->newTlsServer();
        } elseif ($r < 42) {
            $this->newTlsStream();
        } elseif ($r < 60) {
            $this->tlsPair();
        } elseif ($r < 72) {
            $this->rawPeer();
        } elseif ($r < 82) {
            $s = $this->pick($this->streams);
            if ($s) {
                $this->startTls($s); // any stream, any moment: connecting, plain, already TLS, ended, closed
            }
        } elseif ($r < 90) {
            $this->drive($this->liveBase());
        } else {
            $this->tlsInfo($this->pick($this->streams));
        }
    }

    /* ------------------------------------------------------------ calls */

    private function argsFor(object|string $target, string $method): array
    {
        $m = new ReflectionMethod($target, $method);
        $out = [];
        foreach ($m->getParameters() as $p) {
            if ($p->isOptional() && $this->chance(40)) {
                break;
            }
            if ($p->isPassedByReference()) {
                $out[] = null;
                continue;
            }
            $out[] = $this->chance(25) ? $this->hostile() : $this->sensible($method, $p->getName(), $p->getPosition());
        }
        return $out;
    }

    private function sensible(string $method, string $name, int $pos): mixed
    {
        switch ($name) {
            case 'base': case 'cfg': return $name === 'cfg' ? $this->pick($this->configs) : ($this->pick($this->bases) ?? $this->newBase());
            case 'fd': case 'socket': return $this->fdSource();
            case 'what': return $this->pick([Event::READ, Event::WRITE, Event::READ | Event::PERSIST,
                Event::WRITE | Event::PERSIST, Event::TIMEOUT, Event::TIMEOUT | Event::PERSIST, Event::READ | Event::ET,
                Event::SIGNAL, 0, 0xff]);
            case 'cb': case 'onConnection': return $this->cb('misc', $this->dummyId);
            case 'arg':
                if ($method === 'setFraming') {
                    return $this->reentrant && $this->chance(20) ? $this->actor(null, $this->pick(["\n", 'ab', ''])) : $this->pick([null, "\n", "\r\n", 'ab', 1, 4, 100000, 0]);
                }
                if ($this->reentrant && $this->chance(50)) {
                    return $this->actor(null);
                }
                return $this->chance(50) ? $this->pick($this->bases) : mt_rand();
            case 'timeout': case 'seconds': case 'max_interval': return $this->pick([-1, 0, 0.0001, 0.001, 0.01, -5.5, 1e10, 30]);
            case 'flags': return $this->pick([-1, 0, 1, 2, 3, 8, 32]);
            case 'signum': return $this->pick([SIGWINCH, SIGURG, SIGCHLD, 0, 65, SIGKILL]);
            case 'priority': case 'n_priorities': case 'min_priority': case 'max_callbacks': return mt_rand(-1, 4);
            case 'data':
                if ($this->reentrant && $this->chance(15)) {
                    return $this->actor(null, "data\n");
                }
                return $this->pick(['', 'x', "line\n", $this->big, str_repeat('ab', mt_rand(1, 5000))]);
            case 'mode': return mt_rand(0, 3);
            case 'address': return $this->address();
            case 'options': return $this->streamOptions();
            case 'on': return $this->chance(50);
            case 'method': return $this->reentrant && $this->chance(20) ? $this->actor(null, 'poll') : $this->pick(['epoll', 'poll', 'select', 'nope']);
            case 'feature': return mt_rand(0, 16);
            case 'level': return $this->pick([SOL_SOCKET, SOL_TCP, -1]);
            case 'optname': return $this->pick([SO_REUSEADDR, SO_LINGER, SO_RCVTIMEO, SO_KEEPALIVE, TCP_NODELAY, 12345]);
            case 'optval': return $this->pick([1, 0, ['l_onoff' => 1, 'l_linger' => 0], ['sec' => 1, 'usec' => 0], []]);
            case 'event': return $this->pick($this->events);
            case 'tls': return $this->tls ? $this->tlsOptions(null) : [];
            case 'onSecure': return $this->cb('stream-secure', $this->dummyId);
            default:
                if ($method === 'setFraming') {
                    return $this->pick([null, "\n", "\r\n", 'ab', 1, 4, 100000, 0]);
                }
                return $this->hostile();
        }
    }

    private int $dummyId = 0;

    /** ASFUZZ_TRACE=1: every call on stderr (for minimising a failing seed). */
    private static function describe(mixed $v): string
    {
        return match (true) {
            is_object($v) => get_class($v) . '#' . spl_object_id($v) . ($v instanceof AsFuzzActor ? "({$v->str})" : ''),
            is_array($v) => 'array(' . implode(', ', array_map(fn($k, $x) => "$k=>" . self::describe($x), array_keys(array_slice($v, 0, 4, true)), array_slice($v, 0, 4, true))) . ')',
            is_string($v) => strlen($v) > 20 ? 'string(' . strlen($v) . ')' : var_export($v, true),
            default => var_export($v, true),
        };
    }

    private function trace(string $what): void
    {
        if ($this->trace) {
            fwrite(STDERR, str_repeat('  ', $this->depth) . "[{$this->calls}] $what\n");
        }
    }

    /** One call: a result or a Throwable, never anything else. */
    private function call(object|string $target, string $method, ?array $args): mixed
    {
        $this->calls++;
        $args ??= $this->argsFor($target, $method);
        if ($this->trace) {
            $this->trace(self::describe($target) . "->$method(" . implode(', ', array_map([self::class, 'describe'], $args)) . ')');
        }
        try {
            $r = is_string($target) ? $target::$method(...$args) : $target->$method(...$args);
        } catch (AsFuzzThrow $e) {
            throw $e;
        } catch (Throwable $e) {
            $this->throws++;
            $this->trace('  threw ' . get_class($e) . ': ' . $e->getMessage());
            if ($e instanceof Error || $e instanceof EventException || $e instanceof AsyncStreamException
                    || $e instanceof AsFuzzErrorException) {
                return null;
            }
            $this->finding("unexpected " . get_class($e) . " from $method(): " . $e->getMessage());
            return null;
        } finally {
            unset($e); // the trace holds arguments: release them here, not at the next catch
        }
        if (is_object($target)) {
            $id = $this->id($target);
            if ($target instanceof Event) {
                if ($method === 'free') {
                    $this->freed[$id] = 'free()';
                } elseif (in_array($method, ['del', 'delTimer', 'delSignal'], true) && $r === true) {
                    $this->deleted[$id] = true;
                } elseif (in_array($method, ['add', 'addTimer', 'addSignal', 'set', 'setTimer'], true)) {
                    unset($this->deleted[$id]);
                    if ($method !== 'add' && $r === true && ($args[0] ?? null) instanceof EventBase) {
                        $this->baseOf[$id] = $this->id($args[0]);
                    }
                }
            } elseif ($target instanceof EventBase && $method === 'free') {
                $this->markBaseFreed($target);
            } elseif ($target instanceof EventBase && $method === 'set' && $r === true) {
                $this->baseOf[$this->id($args[0])] = $id;
            } elseif ($target instanceof AsyncStreamServer && $method === 'close') {
                $this->freed[$id] = 'close()';
            }
        }
        return $r;
    }

    private function markBaseFreed(EventBase $b): void
    {
        $bid = $this->id($b);
        $this->freedBases[$b] = true;
        foreach ($this->baseOf as $oid => $base) {
            if ($base === $bid && !isset($this->freed[$oid])) {
                $this->freed[$oid] = 'EventBase::free()';
            }
        }
    }

    /* ------------------------------------------------------------ actions */

    private function newBase(): ?EventBase
    {
        try {
            $b = $this->chance(20) && $this->configs ? new EventBase($this->pick($this->configs)) : new EventBase();
        } catch (EventException|Error $e) {
            return null;
        }
        $this->calls++;
        $this->put($this->bases, $b, 4);
        return $b;
    }

    private function newEvent(): void
    {
        $b = $this->pick($this->bases) ?? $this->newBase();
        if (!$b) {
            return;
        }
        $id = 0;
        $type = $this->rnd(4);
        $cb = $this->cb('event', $id, $type === 0);
        $this->calls++;
        try {
            switch ($type) {
                case 0: $e = Event::timer($b, $cb, $arg = $this->eventArg()); break;
                case 1: $e = Event::signal($b, $this->pick([SIGWINCH, SIGURG, SIGCHLD, 0, 99]), $cb, $arg = $this->eventArg()); break;
                default: $e = new Event($b, $this->fdSource(), $this->sensible('', 'what', 2), $cb, $arg = $this->eventArg());
            }
            if ($arg instanceof AsFuzzActor) {
                $arg->target = WeakReference::create($e); // its destructor acts on this event first
            }
            unset($arg);
        } catch (Throwable $t) {
            $this->throws++;
            return;
        }
        $id = $this->id($e);
        unset($this->freed[$id], $this->deleted[$id]);
        $this->baseOf[$id] = $this->id($b);
        if ($this->chance(30)) {
            try {
                $e->data = $this->reentrant && $this->chance(40) ? $this->actor($e) : ($this->chance(50) ? $e : $cb); // cycles through $data (G3)
            } catch (AsFuzzThrow|AsFuzzErrorException) {
                $this->throws++; // the old $data's destructor threw
            }
        }
        $this->call($e, 'add', [$this->pick([-1, 0, 0.001, 0.01, -3, 1e12])]);
        $this->put($this->events, $e, $this->maxEvents);
    }

    private function eventArg(): mixed
    {
        if ($this->reentrant && $this->chance(45)) {
            return $this->actor(null);
        }
        return $this->chance(30) ? $this->hostile() : null;
    }

    private function newServer(): void
    {
        $b = $this->pick($this->bases) ?? $this->newBase();
        if (!$b) {
            return;
        }
        $id = 0;
        $unix = $this->chance(25);
        $addr = $unix ? 'unix://' . $this->tmpDir . '/s' . ($this->sockN++ % 4) . '.sock' : ($this->chance(90) ? '127.0.0.1:0' : $this->address());
        $this->calls++;
        try {
            $cbConn = $this->reentrant && $this->chance(20) ? $this->cb('server-conn', $id)
                : function (AsyncStream $c, AsyncStreamServer $srv) use (&$id, $b) {
                    // G1 check first: adopting may destroy pool objects whose callbacks free the base
                    $this->cbBody('server-conn', $id, [$c, $srv]);
                    $this->adoptStream($c, $b);
                };
            $s = new AsyncStreamServer($b, $addr, $cbConn, $this->chance(70) ? [] : $this->streamOptions() + ($this->chance(50) ? ['backlog' => $this->pick([1, 0, 128])] : []));
        } catch (Throwable $t) {
            $this->throws++;
            return;
        }
        $id = $this->adoptServer($s, $b, 50);
        $this->put($this->servers, $s, 3);
        $this->refreshServerAddrs();
    }

    private function adoptStream(AsyncStream $s, EventBase $b, bool $write = true): void
    {
        $id = $this->id($s);
        unset($this->freed[$id], $this->closeCount[$id]);
        $this->baseOf[$id] = $this->id($b);
        $sid = 0;
        $sid = $id;
        foreach (['onConnect' => 'stream-connect', 'onData' => 'stream-data', 'onDrain' => 'stream-drain',
                'onEnd' => 'stream-end', 'onClose' => 'close'] as $m => $kind) {
            if ($kind === 'close' || $this->chance(70)) {
                $this->call($s, $m, [$this->cb($kind, $sid)]);
            }
        }
        if ($this->chance(30)) {
            $this->call($s, 'setFraming', [$this->pick([1, 1, 2, 0]), $this->pick(["\n", 'xy', 3, 10, null])]);
        }
        if ($this->chance(20)) {
            $this->call($s, 'setTimeout', [$this->pick([0.001, 0.01, 0, 1e9])]);
        }
        if ($write && $this->chance(50)) {
            $this->call($s, 'write', [$this->pick(["hello\n", $this->big, str_repeat("z\n", 100)])]);
        }
        $this->put($this->streams, $s, $this->maxStreams);
    }

    private function newStream(): void
    {
        $b = $this->pick($this->bases) ?? $this->newBase();
        if (!$b) {
            return;
        }
        $this->calls++;
        try {
            if ($this->chance(60)) {
                $s = AsyncStream::connect($b, $this->address(), $this->chance(50) ? [] : $this->streamOptions());
            } else {
                $s = new AsyncStream($b, $this->fdSource());
            }
        } catch (Throwable $t) {
            $this->throws++;
            return;
        }
        $this->adoptStream($s, $b);
    }

    /** Load: a burst of connects to a live server, each writing, with random callables. */
    private function storm(): void
    {
        $b = $this->pick($this->bases);
        if (!$b || !$this->serverAddrs) {
            return;
        }
        for ($n = mt_rand(4, 16); $n > 0; $n--) {
            $this->calls++;
            try {
                $a = $this->pick($this->serverAddrs);
                $s = AsyncStream::connect($b, $a, $this->streamOptions() + (str_starts_with($a, 'tls://') ? ['tls' => $this->tlsOptions(false)] : []));
            } catch (AsFuzzThrow|AsFuzzErrorException $e) {
                throw $e;
            } catch (Throwable) {
                $this->throws++;
                return;
            }
            $this->adoptStream($s, $b);
            $this->call($s, 'write', [str_repeat("m\n", mt_rand(1, 20000))]);
        }
    }

    private function peerIo(): void
    {
        $r = $this->pick($this->res);
        if (!is_resource($r)) {
            return;
        }
        switch ($this->rnd(5)) {
            case 0: @fwrite($r, $this->pick(["x\n", "frame1\nframe2\npartial", str_repeat("y", 70000)])); break;
            case 1: @fread($r, 65536); break;
            case 2: @stream_socket_shutdown($r, STREAM_SHUT_WR); break;
            case 3: fclose($r); break; // closed resources stay in the pool: hostile arguments
            default:
                $s = socket_import_stream($r);
                if ($s) {
                    @socket_set_option($s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
                }
                fclose($r); // reset
        }
        $this->calls++;
    }

    private function signal(): void
    {
        $this->calls++;
        posix_kill(getmypid(), $this->pick([SIGWINCH, SIGURG, SIGCHLD]));
    }

    private function runLoop(bool $nested): void
    {
        $b = $this->pick($this->bases);
        if (!$b) {
            return;
        }
        try {
            if ($nested || $this->chance(60)) {
                // One pass. LOOP_NONBLOCK alone is not bounded: libevent keeps looping while
                // each poll finds an event ready, so a persistent Event on an always-writable
                // socket (or an fd that always reports HUP) never lets it return (seeds 456, 564).
                $this->call($b, 'loop', [EventBase::LOOP_NONBLOCK | EventBase::LOOP_ONCE]);
            } else {
                // bounded: exit after a few ms whatever is pending
                $this->call($b, 'exit', [$this->pick([0.0, 0.001, 0.005])]);
                $this->call($b, 'loop', [$this->pick([-1, EventBase::LOOP_ONCE])]);
            }
        } catch (AsFuzzThrow $e) {
            if ($nested) {
                throw $e;
            }
            unset($e);
            $this->throws++;
        }
    }

    private function dropRandom(): void
    {
        $pools = ['bases', 'events', 'streams', 'servers', 'configs', 'res', 'socks'];
        $p = $this->pick($pools);
        if ($this->$p) {
            $k = array_rand($this->$p);
            unset($this->$p[$k]);
        }
        if ($this->chance(20)) {
            gc_collect_cycles();
        }
    }

    private function methodCall(): void
    {
        $kind = $this->rnd(7);
        $target = match ($kind) {
            0 => $this->pick($this->bases),
            1, 2 => $this->pick($this->events),
            3 => $this->pick($this->streams),
            4 => $this->pick($this->servers),
            5 => $this->pick($this->configs),
            default => 'EventUtil',
        };
        if ($target === null) {
            return;
        }
        $methods = array_values(array_filter(
            (new ReflectionClass($target))->getMethods(ReflectionMethod::IS_PUBLIC),
            fn($m) => !in_array($m->name, ['__construct', '__sleep', '__wakeup', 'loop', 'dispatch'], true)
                && (is_object($target) || $m->isStatic())));
        $m = $this->pick($methods)->name;
        if (is_object($target) && $this->chance(3)) {
            // serialisation, cloning and re-construction must throw, never crash
            try {
                $this->calls++;
                match ($this->rnd(3)) {
                    0 => serialize($target),
                    1 => clone $target,
                    default => $target->__construct(...$this->argsFor($target, '__construct')),
                };
            } catch (AsFuzzThrow $e) {
                throw $e;
            } catch (Throwable $e) {
                $this->throws++;
            }
            return;
        }
        $this->call($target, $m, null);
    }

    private function forkChild(bool $inCallback): void
    {
        $this->forks++;
        @unlink($this->childLog);
        $pid = pcntl_fork();
        if ($pid < 0) {
            return;
        }
        if ($pid === 0) {
            // The child: a few random steps on everything it inherited (G5), then exit().
            $this->inChild = true;
            $this->verbose = false;
            try {
                for ($i = mt_rand(5, 40); $i > 0; $i--) {
                    $this->step();
                }
            } catch (Throwable $t) {
                // thrown out of a loop in the child: fine, it still exits normally
            }
            $this->quiet = true;
            exit($inCallback ? 7 : 0);
        }
        pcntl_waitpid($pid, $status);
        if (pcntl_wifsignaled($status)) {
            $this->finding("forked child $pid died of signal " . pcntl_wtermsig($status));
        } elseif (!pcntl_wifexited($status) || !in_array(pcntl_wexitstatus($status), [0, 7], true)) {
            $this->finding("forked child $pid exited with status " . pcntl_wexitstatus($status));
        }
        if (is_file($this->childLog)) {
            foreach (file($this->childLog, FILE_IGNORE_NEW_LINES) as $l) {
                $this->finding($l);
            }
            @unlink($this->childLog);
        }
    }

    /** One random action. */
    public function step(): void
    {
        if ($this->tls && $this->chance($this->tlsShare)) {
            $this->tlsStep();
            return;
        }
        $r = $this->rnd(100);
        if ($r < 6) {
            $this->newBase();
        } elseif ($r < 9) {
            $this->calls++;
            $this->put($this->configs, new EventConfig(), 3);
        } elseif ($r < 22) {
            $this->newEvent();
        } elseif ($r < 30) {
            $this->newStream();
        } elseif ($r < 33) {
            $this->newServer();
        } elseif ($r < 36) {
            if ($this->load && $this->chance(50)) {
                $this->storm();
            } else {
                $this->newPair();
            }
        } elseif ($r < 42) {
            $this->peerIo();
        } elseif ($r < 56) {
            $this->runLoop($this->depth > 0);
        } elseif ($r < 60) {
            $this->dropRandom();
        } elseif ($r < 61) {
            $this->signal();
        } elseif ($r < 62 && $this->fork && !$this->inChild && $this->depth === 0 && $this->forks < $this->maxForks) {
            $this->forkChild(false);
        } else {
            $this->methodCall();
        }
    }

    private function guardedStep(): void
    {
        try {
            $this->step();
        } catch (AsFuzzThrow|AsFuzzErrorException) {
            // a callback's exception out of loop() (G4), or one from a destructor, __toString
            // or the error handler in the fuzzer's own code; anything else is caught in call()
            $this->throws++;
        }
    }

    /** $calls calls, or (when $steps > 0) $steps top-level steps. */
    public function run(int $calls, int $steps = 0): void
    {
        set_error_handler([$this, 'onError']);
        self::$cur = $this;
        // Traces without arguments: an exception must not decide when an object dies.
        $ignoreArgs = ini_set('zend.exception_ignore_args', '1');
        // the error handler's "return false" mode: PHP's own handler, silently
        $display = ini_set('display_errors', getenv('ASFUZZ_DISPLAY') ? '1' : '0');
        $log = ini_set('log_errors', '0');
        try {
            for ($n = 0; $steps > 0 ? $n < $steps : $this->calls < $calls; $n++) {
                try {
                    $this->guardedStep();
                } catch (AsFuzzThrow|AsFuzzErrorException) {
                    // a destructor run while the previous one was released threw again
                    $this->throws++;
                }
            }
            $this->shutdown();
        } finally {
            $this->quiet = true;
            ini_set('zend.exception_ignore_args', $ignoreArgs);
            ini_set('display_errors', $display);
            ini_set('log_errors', $log);
            restore_error_handler();
        }
    }

    /** Tear down in a random order (G2: destruction order never matters). */
    private function shutdown(): void
    {
        $this->quiet = true;
        $all = [];
        foreach (['bases', 'events', 'streams', 'servers', 'configs', 'res', 'socks'] as $p) {
            foreach ($this->$p as $k => $_) {
                $all[] = [$p, $k];
            }
        }
        shuffle($all);
        foreach ($all as [$p, $k]) {
            unset($this->$p[$k]);
        }
        $this->baseOf = $this->freed = $this->deleted = $this->closeCount = [];
        gc_collect_cycles();
        foreach (glob($this->tmpDir . '/*') ?: [] as $f) {
            @unlink($f);
        }
        @rmdir($this->tmpDir);
    }
}

/**
 * Runs $calls calls (or $opts['steps'] top-level steps) with $seed in this process.
 * $opts['classic'] = true: the fuzzer of issue #6 (no G11/G12 variation); 'tls' => false: no
 * TLS objects; 'tls_share' => percent of the steps that are TLS steps (default 20); 'slow' =>
 * factor for the time the loop runs to let handshakes finish (under valgrind). Returns
 * ['calls' => n, 'throws' => n, 'callbacks' => n, 'forks' => n, 'actions' => n,
 *  'tls' => TLS objects made, 'tls_done' => handshakes seen done,
 *  'handler' => mode, 'load' => bool, 'findings' => [...]].
 */
function as_fuzz_run(int $seed, int $calls, bool $fork = true, bool $verbose = false, int $maxForks = PHP_INT_MAX, array $opts = []): array
{
    $f = new AsFuzz($seed, $fork, $verbose, $maxForks, empty($opts['classic']), $opts['tls'] ?? true);
    $f->tlsShare = (int)($opts['tls_share'] ?? $f->tlsShare);
    $f->slow = (float)($opts['slow'] ?? 1.0);
    try {
        $f->run($calls, (int)($opts['steps'] ?? 0));
    } finally {
        AsFuzz::$cur = null;
    }
    $r = ['calls' => $f->calls, 'throws' => $f->throws, 'callbacks' => $f->callbacks, 'forks' => $f->forks,
        'actions' => $f->actions, 'tls' => $f->tlsMade, 'tls_done' => $f->tlsDone, 'handler' => $f->handlerMode, 'load' => $f->load, 'findings' => $f->findings];
    unset($f);
    gc_collect_cycles();
    return $r;
}

if (PHP_SAPI === 'cli' && isset($argv[0]) && realpath($argv[0]) === __FILE__) {
    $opt = getopt('', ['seeds:', 'seed:', 'calls:', 'steps:', 'classic', 'no-fork', 'no-tls', 'verbose', 'help']);
    if (isset($opt['help'])) {
        echo preg_replace('/^ \* ?/m', '', substr(file_get_contents(__FILE__), 6, 3000)), "\n";
        exit(0);
    }
    $seeds = [];
    foreach (explode(',', $opt['seeds'] ?? $opt['seed'] ?? '1') as $part) {
        // "1,2,3" or "1-200"
        if (preg_match('/^(\d+)-(\d+)$/', $part, $m)) {
            $seeds = array_merge($seeds, range((int)$m[1], (int)$m[2]));
        } else {
            $seeds[] = (int)$part;
        }
    }
    $calls = (int)($opt['calls'] ?? 5000);
    $steps = (int)($opt['steps'] ?? 0);
    $total = ['calls' => 0, 'throws' => 0, 'callbacks' => 0, 'forks' => 0, 'actions' => 0, 'tls' => 0, 'tls_done' => 0];
    $findings = [];
    $t0 = microtime(true);
    foreach ($seeds as $seed) {
        $r = as_fuzz_run($seed, $calls, !isset($opt['no-fork']), isset($opt['verbose']), PHP_INT_MAX,
            ['steps' => $steps, 'classic' => isset($opt['classic']), 'tls' => !isset($opt['no-tls'])]);
        foreach ($total as $k => $_) {
            $total[$k] += $r[$k];
        }
        $findings = array_merge($findings, $r['findings']);
        printf("seed %d: %d calls, %d exceptions, %d callbacks, %d forks, %d re-entrant actions, %d TLS objects, %d handshakes done, handler %s%s, %d findings\n",
            $seed, $r['calls'], $r['throws'], $r['callbacks'], $r['forks'], $r['actions'], $r['tls'], $r['tls_done'], $r['handler'],
            $r['load'] ? ', load' : '', count($r['findings']));
    }
    printf("total: %d seeds, %d calls, %d exceptions, %d callbacks, %d forks, %d re-entrant actions, %d TLS objects, %d handshakes done, %d findings, %.1f s\n",
        count($seeds), $total['calls'], $total['throws'], $total['callbacks'], $total['forks'], $total['actions'], $total['tls'], $total['tls_done'],
        count($findings), microtime(true) - $t0);
    foreach ($findings as $f) {
        fwrite(STDERR, "FINDING $f\n");
    }
    exit($findings ? 1 : 0);
}
