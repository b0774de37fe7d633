<?php

/**
 * asyncstream: the event loop part (compatible with the PECL event extension's core).
 *
 * This file is the single source of truth for every class, method, parameter, default,
 * return type and constant. stubs/asyncstream_arginfo.h is generated from it by
 * scripts/gen-stub.sh. It doubles as the IDE stub.
 *
 * @generate-class-entries
 */

/**
 * Configuration for an EventBase: which backend to avoid, which features to require.
 * @strict-properties
 */
final class EventConfig
{
    /**
     * Require a backend that supports edge-triggered I/O.
     * @var int
     * @cvalue EV_FEATURE_ET
     */
    public const FEATURE_ET = UNKNOWN;
    /**
     * Require a backend where adding/deleting one event or having one become active is O(1).
     * @var int
     * @cvalue EV_FEATURE_O1
     */
    public const FEATURE_O1 = UNKNOWN;
    /**
     * Require a backend that supports arbitrary descriptors, not only sockets.
     * @var int
     * @cvalue EV_FEATURE_FDS
     */
    public const FEATURE_FDS = UNKNOWN;

    /** A configuration without constraints: libevent picks the best backend (epoll on Linux). */
    public function __construct() {}

    /**
     * Tells libevent not to use the named backend.
     * @param string $method a backend name, e.g. "epoll", "poll", "select" (see Event::getSupportedMethods())
     * @return bool false when the method name could not be recorded
     */
    public function avoidMethod(string $method): bool {}

    /**
     * Requires every feature in the bitmask.
     * @param int $feature EventConfig::FEATURE_ET | FEATURE_O1 | FEATURE_FDS
     * @return bool false when the mask is not accepted
     * @throws ValueError for bits outside EventConfig::FEATURE_*
     */
    public function requireFeatures(int $feature): bool {}

    /**
     * Limits how long or how many callbacks the loop runs before it checks for new events
     * again, for priorities >= $min_priority.
     * @param int $max_interval seconds; 0 disables this limit
     * @param int $max_callbacks callbacks; 0 disables this limit
     * @param int $min_priority the limits apply to callbacks of this priority and above (less urgent)
     */
    public function setMaxDispatchInterval(int $max_interval, int $max_callbacks, int $min_priority): void {}

    /**
     * Sets flags for the base that will use this config.
     * @param int $flags EventBase::NOLOCK | IGNORE_ENV | NO_CACHE_TIME | EPOLL_USE_CHANGELIST | PRECISE_TIMER
     * @return bool false when libevent refuses the flags
     * @throws ValueError for unknown bits
     */
    public function setFlags(int $flags): bool {}

    /** @throws EventException always: EventConfig cannot be serialized */
    public function __sleep(): array {}

    /** @throws EventException always: EventConfig cannot be unserialized */
    public function __wakeup(): void {}
}

/**
 * The event loop. One per thread of control; safe to keep using in a forked child
 * without reInit() (asyncstream guarantee G5).
 * @strict-properties
 */
final class EventBase
{
    /**
     * Run the loop until at least one event became active, then return.
     * @var int
     * @cvalue EVLOOP_ONCE
     */
    public const LOOP_ONCE = UNKNOWN;
    /**
     * Run ready callbacks only; do not wait for events.
     * @var int
     * @cvalue EVLOOP_NONBLOCK
     */
    public const LOOP_NONBLOCK = UNKNOWN;
    /**
     * Base flag: do not allocate a lock.
     * @var int
     * @cvalue EVENT_BASE_FLAG_NOLOCK
     */
    public const NOLOCK = UNKNOWN;
    /**
     * Base flag: ignore EVENT_* environment variables.
     * @var int
     * @cvalue EVENT_BASE_FLAG_IGNORE_ENV
     */
    public const IGNORE_ENV = UNKNOWN;
    /**
     * Base flag: Windows only.
     * @var int
     * @cvalue EVENT_BASE_FLAG_STARTUP_IOCP
     */
    public const STARTUP_IOCP = UNKNOWN;
    /**
     * Base flag: check the time after every callback, not once per loop iteration.
     * @var int
     * @cvalue EVENT_BASE_FLAG_NO_CACHE_TIME
     */
    public const NO_CACHE_TIME = UNKNOWN;
    /**
     * Base flag: use the epoll changelist optimisation.
     * @var int
     * @cvalue EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST
     */
    public const EPOLL_USE_CHANGELIST = UNKNOWN;
    /**
     * Base flag: use the most precise timer the system offers.
     * @var int
     * @cvalue EVENT_BASE_FLAG_PRECISE_TIMER
     */
    public const PRECISE_TIMER = UNKNOWN;

    /**
     * A new event loop.
     * @param EventConfig|null $cfg backend constraints; null: the best backend
     * @throws EventException when no backend satisfies the configuration
     */
    public function __construct(?EventConfig $cfg = null) {}

    /**
     * The backend in use.
     * @return string "epoll" on Linux (or "poll"/"select" when a config excluded it)
     */
    public function getMethod(): string {}

    /**
     * The features of the backend in use.
     * @return int bitmask of EventConfig::FEATURE_*
     */
    public function getFeatures(): int {}

    /**
     * Sets the number of priorities; events get the middle one unless Event::setPriority().
     * @param int $n_priorities 1 to 256
     * @return bool false (with a warning) once events are active
     * @throws ValueError when out of range
     */
    public function priorityInit(int $n_priorities): bool {}

    /**
     * Runs the loop. An exception thrown by any callback stops the loop at once and is
     * rethrown here, unchanged.
     * @param int $flags -1 (the default): run until no events are pending or stop()/exit()
     *                   is called; or EventBase::LOOP_ONCE / EventBase::LOOP_NONBLOCK
     * @return bool false (with a warning) when called from a callback of this same base
     * @throws Throwable whatever a callback threw
     */
    public function loop(int $flags = -1): bool {}

    /**
     * loop() with no flags: runs until no events are pending or stop()/exit() is called.
     * @return bool false (with a warning) when called from a callback of this same base
     * @throws Throwable whatever a callback threw
     */
    public function dispatch(): bool {}

    /**
     * Stops the loop after a delay.
     * @param float $timeout seconds (microsecond precision); 0: after the current round of callbacks
     * @return bool
     */
    public function exit(float $timeout = 0.0): bool {}

    /**
     * Stops the loop after the running callback returns.
     * @return bool
     */
    public function stop(): bool {}

    /**
     * @return bool whether the last loop ended because of stop()
     */
    public function gotStop(): bool {}

    /**
     * @return bool whether the last loop ended because of exit()
     */
    public function gotExit(): bool {}

    /**
     * Moves a non-pending event to this base.
     * @param Event $event an event that is not pending (del() it first)
     * @return bool false (with a warning) when the event is pending
     */
    public function set(Event $event): bool {}

    /**
     * @return float the cached time of the current loop iteration, in seconds since the epoch
     */
    public function getTimeOfDayCached(): float {}

    /**
     * Refreshes the cached time (see getTimeOfDayCached()).
     * @return bool
     */
    public function updateCacheTime(): bool {}

    /**
     * Lets a loop that stop() or exit() ended run again.
     * @return bool
     */
    public function resume(): bool {}

    /**
     * Reinitialises the backend. Not needed after fork(): asyncstream does it by itself.
     * @return bool
     */
    public function reInit(): bool {}

    /**
     * Frees the base now (or, when called inside a callback, as soon as the loop returns).
     * Every Event attached to it is deleted and detached first: using one afterwards throws
     * Error. Idempotent.
     */
    public function free(): void {}

    /** @throws EventException always: EventBase cannot be serialized */
    public function __sleep(): array {}

    /** @throws EventException always: EventBase cannot be unserialized */
    public function __wakeup(): void {}
}

/**
 * An I/O, timer or signal watcher.
 *
 * Read-only virtual property `$pending` (bool): whether the event is pending.
 * Property `$data` (mixed): the callback's `$arg` itself (one slot, as in ext-event):
 * it reads back the `$arg` given to the constructor, set() or setTimer(), and writing it
 * changes what the next callback receives.
 *
 * @property-read bool $pending whether the event is pending (false once freed)
 * @not-serializable
 */
final class Event
{
    /**
     * The timeout expired.
     * @var int
     * @cvalue EV_TIMEOUT
     */
    public const TIMEOUT = UNKNOWN;
    /**
     * The descriptor is readable.
     * @var int
     * @cvalue EV_READ
     */
    public const READ = UNKNOWN;
    /**
     * The descriptor is writable.
     * @var int
     * @cvalue EV_WRITE
     */
    public const WRITE = UNKNOWN;
    /**
     * A signal arrived ($fd is the signal number).
     * @var int
     * @cvalue EV_SIGNAL
     */
    public const SIGNAL = UNKNOWN;
    /**
     * Stay pending after firing.
     * @var int
     * @cvalue EV_PERSIST
     */
    public const PERSIST = UNKNOWN;
    /**
     * Edge-triggered (with READ/WRITE, where the backend supports it).
     * @var int
     * @cvalue EV_ET
     */
    public const ET = UNKNOWN;

    /**
     * The callback's $arg (the same slot): set by the constructor, set() (when $arg is
     * passed) and setTimer(); writing it changes what the next callback receives. Kept
     * after free(); reported to the garbage collector.
     */
    public mixed $data = null;

    /**
     * A new (not yet pending) event; add() makes it pending.
     * @param EventBase $base the loop; the event keeps it alive
     * @param mixed $fd a stream resource, a Socket, an int descriptor, -1 (or null) for a
     *                  pure timer, or the signal number with Event::SIGNAL
     * @param int $what Event::READ | WRITE | SIGNAL | TIMEOUT | PERSIST | ET
     * @param callable $cb function (mixed $fd, int $what, mixed $arg): void; $fd is the value passed here
     * @param mixed $arg passed to $cb
     * @throws TypeError|ValueError for a bad descriptor (naming it) or bad flags
     */
    public function __construct(EventBase $base, mixed $fd, int $what, callable $cb, mixed $arg = null) {}

    /**
     * Re-configures a non-pending event.
     * @param EventBase $base the loop (may differ from the current one)
     * @param mixed $fd as for __construct()
     * @param int|null $what null: keep the current flags
     * @param callable|null $cb null: keep the current callback
     * @param mixed $arg replaced only when passed
     * @return bool false (with a warning) when the event is pending
     */
    public function set(EventBase $base, mixed $fd, ?int $what = null, ?callable $cb = null, mixed $arg = null): bool {}

    /**
     * Re-configures a non-pending event as a timer.
     * @param EventBase $base the loop
     * @param callable $cb function (mixed $arg): void
     * @param mixed $arg passed to $cb
     * @return bool false (with a warning) when the event is pending
     */
    public function setTimer(EventBase $base, callable $cb, mixed $arg = null): bool {}

    /**
     * Makes the event pending.
     * @param float $timeout seconds (microsecond precision); -1: no timeout; other negative
     *                       values fire at once; huge values never fire early
     * @return bool false (with a warning naming the fd and the OS error) when the OS refuses
     * @throws ValueError for NAN
     */
    public function add(float $timeout = -1): bool {}

    /**
     * Alias of add().
     * @alias Event::add
     */
    public function addTimer(float $timeout = -1): bool {}

    /**
     * Alias of add().
     * @alias Event::add
     */
    public function addSignal(float $timeout = -1): bool {}

    /**
     * Makes the event non-pending. Deleting a non-pending event is not an error.
     * @return bool
     */
    public function del(): bool {}

    /**
     * Alias of del().
     * @alias Event::del
     */
    public function delTimer(): bool {}

    /**
     * Alias of del().
     * @alias Event::del
     */
    public function delSignal(): bool {}

    /**
     * Removes the timeout of a pending event, leaving its I/O or signal part pending.
     * @return bool
     */
    public function removeTimer(): bool {}

    /**
     * Sets the priority.
     * @param int $priority 0 (the most urgent) to the count given to EventBase::priorityInit() - 1
     * @return bool false when libevent refuses (e.g. the event is active)
     * @throws ValueError when out of range
     */
    public function setPriority(int $priority): bool {}

    /**
     * @param int $flags Event::READ | WRITE | SIGNAL | TIMEOUT
     * @return bool whether the event is pending for any of these flags
     */
    public function pending(int $flags): bool {}

    /**
     * Deletes the event and releases its callback, argument and descriptor. Safe inside
     * its own callback. Idempotent. Any other method called afterwards throws Error.
     */
    public function free(): void {}

    /**
     * A new timer event (not pending yet: add($seconds) it).
     * @param EventBase $base the loop
     * @param callable $cb function (mixed $arg): void
     * @param mixed $arg passed to $cb
     * @return Event
     */
    public static function timer(EventBase $base, callable $cb, mixed $arg = null): Event {}

    /**
     * A new persistent signal event (not pending yet: add() it). It fires on the base
     * running loop().
     * @param EventBase $base the loop
     * @param int $signum e.g. SIGTERM
     * @param callable $cb function (int $signum, mixed $arg): void
     * @param mixed $arg passed to $cb
     * @return Event
     * @throws ValueError for an invalid signal number
     */
    public static function signal(EventBase $base, int $signum, callable $cb, mixed $arg = null): Event {}

    /** @return array<int, string> the backends libevent was built with */
    public static function getSupportedMethods(): array {}
}

/**
 * Socket helpers. Every $socket accepts a stream resource, a Socket or an int descriptor.
 * @strict-properties
 * @not-serializable
 */
final class EventUtil
{
    /**
     * Address family: IPv4.
     * @var int
     * @cvalue AF_INET
     */
    public const AF_INET = UNKNOWN;
    /**
     * Address family: IPv6.
     * @var int
     * @cvalue AF_INET6
     */
    public const AF_INET6 = UNKNOWN;
    /**
     * Address family: unix sockets.
     * @var int
     * @cvalue AF_UNIX
     */
    public const AF_UNIX = UNKNOWN;
    /**
     * Address family: unspecified.
     * @var int
     * @cvalue AF_UNSPEC
     */
    public const AF_UNSPEC = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): debugging.
     * @var int
     * @cvalue SO_DEBUG
     */
    public const SO_DEBUG = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): allow reusing a local address in TIME_WAIT.
     * @var int
     * @cvalue SO_REUSEADDR
     */
    public const SO_REUSEADDR = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): TCP keep-alive probes.
     * @var int
     * @cvalue SO_KEEPALIVE
     */
    public const SO_KEEPALIVE = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): bypass routing.
     * @var int
     * @cvalue SO_DONTROUTE
     */
    public const SO_DONTROUTE = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): linger on close; value ["l_onoff" => int, "l_linger" => int].
     * @var int
     * @cvalue SO_LINGER
     */
    public const SO_LINGER = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): allow broadcast.
     * @var int
     * @cvalue SO_BROADCAST
     */
    public const SO_BROADCAST = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): out-of-band data inline.
     * @var int
     * @cvalue SO_OOBINLINE
     */
    public const SO_OOBINLINE = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): send buffer size.
     * @var int
     * @cvalue SO_SNDBUF
     */
    public const SO_SNDBUF = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): receive buffer size.
     * @var int
     * @cvalue SO_RCVBUF
     */
    public const SO_RCVBUF = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): send low-water mark.
     * @var int
     * @cvalue SO_SNDLOWAT
     */
    public const SO_SNDLOWAT = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): receive low-water mark.
     * @var int
     * @cvalue SO_RCVLOWAT
     */
    public const SO_RCVLOWAT = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): send timeout; value ["sec" => int, "usec" => int].
     * @var int
     * @cvalue SO_SNDTIMEO
     */
    public const SO_SNDTIMEO = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET): receive timeout; value ["sec" => int, "usec" => int].
     * @var int
     * @cvalue SO_RCVTIMEO
     */
    public const SO_RCVTIMEO = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET, read-only): the socket type.
     * @var int
     * @cvalue SO_TYPE
     */
    public const SO_TYPE = UNKNOWN;
    /**
     * Socket option (SOL_SOCKET, read-only): the pending error.
     * @var int
     * @cvalue SO_ERROR
     */
    public const SO_ERROR = UNKNOWN;
    /**
     * Option level: the socket itself.
     * @var int
     * @cvalue SOL_SOCKET
     */
    public const SOL_SOCKET = UNKNOWN;
    /**
     * Option level: TCP.
     * @var int
     * @cvalue AS_SOL_TCP
     */
    public const SOL_TCP = UNKNOWN;
    /**
     * Option level: UDP.
     * @var int
     * @cvalue AS_SOL_UDP
     */
    public const SOL_UDP = UNKNOWN;
    /**
     * Socket type: raw.
     * @var int
     * @cvalue SOCK_RAW
     */
    public const SOCK_RAW = UNKNOWN;
    /**
     * Socket option (SOL_TCP): disable Nagle's algorithm.
     * @var int
     * @cvalue TCP_NODELAY
     */
    public const TCP_NODELAY = UNKNOWN;
    /**
     * Option level / protocol: IP.
     * @var int
     * @cvalue IPPROTO_IP
     */
    public const IPPROTO_IP = UNKNOWN;
    /**
     * Option level / protocol: IPv6.
     * @var int
     * @cvalue IPPROTO_IPV6
     */
    public const IPPROTO_IPV6 = UNKNOWN;
    /**
     * The libevent version the module was compiled with, e.g. 0x02010c00 for 2.1.12.
     * @var int
     * @cvalue LIBEVENT_VERSION_NUMBER
     */
    public const LIBEVENT_VERSION_NUMBER = UNKNOWN;

    /** Static helpers only. */
    private function __construct() {}

    /**
     * The descriptor behind a socket.
     * @param mixed $socket a stream resource, a Socket or an int descriptor
     * @return int the descriptor
     * @throws TypeError|ValueError for anything else (naming the argument)
     */
    public static function getSocketFd(mixed $socket): int {}

    /**
     * The local address of a socket.
     * @param mixed $socket a stream resource, a Socket or an int descriptor
     * @param string $address set to "1.2.3.4" / "::1", or the path of a unix socket
     * @param int|null $port set to the port (null for a unix socket)
     * @return bool false (with a warning) when getsockname() fails
     */
    public static function getSocketName(mixed $socket, &$address, &$port = null): bool {}

    /**
     * setsockopt().
     * @param mixed $socket a stream resource, a Socket or an int descriptor
     * @param int $level EventUtil::SOL_SOCKET, SOL_TCP, SOL_UDP, IPPROTO_IP, IPPROTO_IPV6
     * @param int $optname EventUtil::SO_*, TCP_NODELAY, ...
     * @param mixed $optval an int; for SO_LINGER ["l_onoff" => int, "l_linger" => int];
     *                      for SO_RCVTIMEO/SO_SNDTIMEO ["sec" => int, "usec" => int]
     * @return bool false (with a warning carrying the OS error) when the OS refuses
     * @throws TypeError|ValueError for a malformed $optval
     */
    public static function setSocketOption(mixed $socket, int $level, int $optname, mixed $optval): bool {}

    /**
     * @param Socket|null $socket a Socket whose pending error (SO_ERROR) to read; null: this process's last socket errno
     * @return int|false the errno (0: none), false when it cannot be read
     */
    public static function getLastSocketErrno(?Socket $socket = null): int|false {}

    /**
     * @param mixed $socket as for getLastSocketErrno(), or a stream resource / int descriptor
     * @return string|false the text of getLastSocketErrno()
     */
    public static function getLastSocketError(mixed $socket = null): string|false {}
}

/** Thrown where the PECL event extension throws it. */
class EventException extends Exception
{
}

/**
 * A nonblocking byte stream (TCP or unix socket) driven by an EventBase.
 *
 * Created by AsyncStream::connect(), by AsyncStreamServer for each accepted connection,
 * or by wrapping an already-connected socket with new AsyncStream($base, $socket).
 * An open stream belongs to its loop: it stays open whether or not the script keeps a
 * variable for it, until close(), both sides ended, an error or EventBase::free().
 * @strict-properties
 * @not-serializable
 */
final class AsyncStream
{
    /**
     * onData receives whatever bytes arrived, as they arrive.
     * @var int
     */
    public const FRAME_NONE = 0;
    /**
     * onData receives one frame per delimiter; the delimiter is not included.
     * @var int
     */
    public const FRAME_DELIMITER = 1;
    /**
     * onData receives frames of exactly the given number of bytes.
     * @var int
     */
    public const FRAME_FIXED = 2;

    /**
     * Any value you want to keep with the stream (per-connection state): readable and
     * writable at any time, reported to the garbage collector, never touched by the
     * extension (it survives onClose). Other properties cannot be added.
     */
    public mixed $data = null;

    /**
     * Adopts a connected stream socket (stream resource, Socket or int fd). The descriptor
     * is duplicated, so the original may be closed independently; note that the duplicate
     * shares the original's file status flags (it is switched to nonblocking mode).
     * @param EventBase $base the loop; the stream keeps it alive
     * @param mixed $socket a connected stream socket (or a pipe): stream resource, Socket or int fd
     * @param array $options the per-connection options of connect(): nodelay, keepalive,
     *                       high_water, low_water, max_frame, max_write_buffer
     * @throws TypeError|ValueError for anything else, e.g. a regular file, a datagram or unconnected socket,
     *                              or an unknown/invalid option
     * @throws Error when the base was freed
     */
    public function __construct(EventBase $base, mixed $socket, array $options = []) {}

    /**
     * Starts connecting to "tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT" or
     * "unix:///path" and returns at once; names are resolved without blocking the loop.
     * Options: timeout (float s, default default_socket_timeout; 0 or negative = none), bind
     * (local address), nodelay (bool, default true), keepalive (bool, default false),
     * high_water / low_water (bytes, default 65536 / 16384), max_frame (bytes, default 1 MiB),
     * max_write_buffer (bytes, default 64 MiB, 0 = unlimited: a write that would queue more
     * closes the stream with ENOBUFS).
     * Failures (refused, timed out, DNS) are reported through onClose, never thrown here.
     * @param EventBase $base the loop; the stream keeps it alive
     * @param string $address where to connect
     * @param array $options option name => value
     * @return AsyncStream the new stream, connecting; keep a reference to it
     * @throws ValueError for a malformed address or an unknown/invalid option
     * @throws TypeError for an option value of the wrong type
     * @throws Error when the base was freed
     */
    public static function connect(EventBase $base, string $address, array $options = []): AsyncStream {}

    /**
     * Once, when connect() succeeded. Never for adopted/accepted streams.
     * @param callable|null $cb fn(AsyncStream $s): void; null removes it
     * @return static this stream
     */
    public function onConnect(?callable $cb): static {}

    /**
     * Per chunk, or per frame (see setFraming()). Without it received bytes are discarded.
     * @param callable|null $cb fn(AsyncStream $s, string $data): void; null removes it
     * @return static this stream
     */
    public function onData(?callable $cb): static {}

    /**
     * The write buffer fell to low_water after write() returned false.
     * @param callable|null $cb fn(AsyncStream $s): void; null removes it
     * @return static this stream
     */
    public function onDrain(?callable $cb): static {}

    /**
     * The peer finished sending (EOF); every byte before it was delivered. With this
     * callback set the stream stays half-open until you end() or close() it; without it
     * the stream ends its own side by itself.
     * @param callable|null $cb fn(AsyncStream $s): void; null removes it
     * @return static this stream
     */
    public function onEnd(?callable $cb): static {}

    /**
     * Exactly once per stream, on every path (close(), both sides ended, errors,
     * timeouts, EventBase::free(), destruction).
     * @param callable|null $cb fn(AsyncStream $s, ?AsyncStreamException $error): void;
     *                          $error is null for a clean or local close; null removes it
     * @return static this stream
     */
    public function onClose(?callable $cb): static {}

    /**
     * Sends $data (queued when the socket cannot take it now).
     * @param string $data bytes to send
     * @return bool false when the write buffer is at or above high_water (the data is still
     *              queued), or when the stream was closed by the peer or an error
     * @throws Error after your own end() or close()
     */
    public function write(string $data): bool {}

    /**
     * Queues $data, flushes everything, then shuts down the sending side (FIN). The stream
     * closes once the peer has ended too. A second end() is a no-op.
     * @param string $data last bytes to send
     * @throws Error when $data is not empty after your own end() or close()
     */
    public function end(string $data = ""): void {}

    /** Closes now, dropping unsent data; onClose(null) if not closed before. Idempotent. */
    public function close(): void {}

    /** Stops reading (no onData/onEnd) until resume(). */
    public function pause(): void {}

    /** Restarts reading; frames already buffered are delivered first. */
    public function resume(): void {}

    /**
     * How onData cuts the input. Takes effect for the very next frame, buffered bytes
     * included (also when called inside onData). A frame longer than max_frame closes the
     * stream with EMSGSIZE.
     * @param int $mode AsyncStream::FRAME_NONE, FRAME_DELIMITER or FRAME_FIXED
     * @param string|int|null $arg FRAME_DELIMITER: the delimiter (non-empty string);
     *                             FRAME_FIXED: the frame size in bytes (>= 1), an int or an integer string;
     *                             FRAME_NONE: null
     * @return static this stream
     * @throws ValueError for an unknown mode or a missing/invalid $arg
     */
    public function setFraming(int $mode, string|int|null $arg = null): static {}

    /**
     * Idle timeout: no bytes either way for that long closes the stream with ETIMEDOUT.
     * @param float $seconds 0 or negative disables it (PHP's convention for socket timeouts)
     * @return static this stream
     * @throws ValueError for NAN
     */
    public function setTimeout(float $seconds): static {}

    /**
     * TCP_NODELAY (no effect on unix sockets); applied once connected when still connecting.
     * @param bool $on
     * @return static this stream
     */
    public function setNoDelay(bool $on = true): static {}

    /**
     * SO_KEEPALIVE (no effect on unix sockets); applied once connected when still connecting.
     * @param bool $on
     * @return static this stream
     */
    public function setKeepAlive(bool $on = true): static {}

    /**
     * @return string|null e.g. "tcp://127.0.0.1:40312"; null when unknown, unnamed, or after onClose returned
     */
    public function getLocalAddress(): ?string {}

    /**
     * @return string|null e.g. "tcp://127.0.0.1:8080"; null when unknown, unnamed, or after onClose returned
     */
    public function getRemoteAddress(): ?string {}

    /**
     * @return int bytes queued, not yet written to the socket (0 once closed)
     */
    public function getWriteBufferSize(): int {}

    /**
     * @return bool true once connected (or adopted/accepted) and until closed
     */
    public function isConnected(): bool {}

    /**
     * @return bool true once closed (by close(), end() + peer EOF, an error, or EventBase::free()), inside onClose too
     */
    public function isClosed(): bool {}

    /**
     * How this stream moves its bytes (ini asyncstream.io_uring picks it when the stream is made)
     * @return string "io_uring" (the base's ring) or "readiness" (readiness events plus read()/send())
     */
    public function getIoMethod(): string {}

    /**
     * Upgrades a connected plain stream to TLS in place (STARTTLS). Client role for a
     * stream from connect() or new AsyncStream(), server role for one accepted by an
     * AsyncStreamServer (or with 'server' => true). Frames received before the call are
     * delivered as plaintext first; bytes written before it go out in plaintext first;
     * writes after it are sent encrypted once the handshake is done, then onSecure fires.
     * A failed handshake closes the stream with onClose(AsyncStreamTlsException).
     * @param array $tls the 'tls' options of connect()/AsyncStreamServer, plus 'server' (bool)
     * @param callable|null $onSecure fn(AsyncStream $s): void, once the handshake is done
     * @return static this stream
     * @throws ValueError|TypeError for bad options
     * @throws AsyncStreamTlsException for an unusable certificate, key or CA file
     * @throws Error when the stream is not connected, already uses TLS, was ended or closed
     */
    public function startTls(array $tls = [], ?callable $onSecure = null): static {}

    /**
     * TLS parameters of the connection: null on a plain stream, else protocol, cipher,
     * alpn (?string), peer_certificate (null, or subject, issuer, san (list), valid_from,
     * valid_to (Unix times), fingerprint_sha256 (hex), pem with capture_peer_cert),
     * verified (bool), session_reused (bool), clean_shutdown (?bool: null while open,
     * then whether the peer sent close_notify; readable in onEnd and onClose).
     * @return array|null
     */
    public function getTlsInfo(): ?array {}
}

/**
 * A listening TCP or unix socket that turns every accepted connection into an AsyncStream.
 *
 * A listening server belongs to its loop until close() (or EventBase::free()), whether or
 * not the script keeps a variable for it. While listening it keeps EventBase::loop()
 * running; a paused or closed server does not.
 * @strict-properties
 * @not-serializable
 */
final class AsyncStreamServer
{
    /**
     * Any value the application keeps with the server (e.g. its connection registry or
     * configuration). Never read or cleared by the extension; reported to the garbage
     * collector. Other properties cannot be added.
     */
    public mixed $data = null;

    /**
     * Binds, listens and starts accepting (when the loop runs), or adopts a socket that
     * already listens.
     *
     * $address: "tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT" or "unix:///path"; HOST is
     * an IP address ("0.0.0.0" / "[::]" for every interface) or "localhost"; port 0 picks
     * a free port (see getAddress()). A unix socket file left by a dead process is
     * replaced; one a live server accepts on is not. Or a listening SOCK_STREAM socket
     * (stream resource, Socket or int fd, e.g. 3 under systemd socket activation): its
     * descriptor is duplicated, so the original may be closed independently (the duplicate
     * shares its file status flags: both become nonblocking); its socket file is never removed.
     *
     * Options: backlog (int, default the system maximum, net.core.somaxconn on Linux),
     * reuseaddr (bool, default true), reuseport (bool, default false), ipv6_only (bool,
     * default the system's) — these four only for a socket the server creates —,
     * max_connections (int, default 0 = no limit: at the limit the server stops accepting
     * until one of its connections closes), and the per-connection options of
     * AsyncStream::connect(): nodelay, keepalive, high_water, low_water, max_frame.
     *
     * @param EventBase $base the loop; the server keeps it alive
     * @param string|resource|Socket|int $address where to listen, or a listening socket to adopt
     * @param callable $onConnection fn(AsyncStream $conn, AsyncStreamServer $server): void;
     *                               $conn stays open until it closes (the loop owns it)
     * @param array $options option name => value
     * @throws ValueError for a malformed address, a socket that is not a listening stream
     *                    socket, or an unknown/invalid option
     * @throws TypeError for an $address or option value of the wrong type
     * @throws AsyncStreamException when the socket cannot be bound or listened on
     *                              (getCode() is the errno, e.g. EADDRINUSE, EACCES)
     * @throws Error when the base was freed, or when called twice
     */
    public function __construct(EventBase $base, mixed $address, callable $onConnection, array $options = []) {}

    /**
     * fn(AsyncStreamServer $server, AsyncStreamException $e): void, for accept errors that
     * are not retried at once (EMFILE, ENFILE, ENOBUFS, ENOMEM, ...): reported once per
     * episode while the server keeps retrying by itself. Without it they become E_WARNING.
     * @param callable|null $cb fn(AsyncStreamServer $server, AsyncStreamException $e): void; null removes it
     * @return static this server
     */
    public function onError(?callable $cb): static {}

    /**
     * The bound address, with the real port when bound to port 0, in a form
     * AsyncStream::connect() accepts. Still available after close().
     * @return string e.g. "tcp://127.0.0.1:40312", "tcp://[::1]:8080", "unix:///path"
     * @throws Error when the base was freed
     */
    public function getAddress(): string {}

    /** Stops accepting; new connections wait in the kernel's queue. Idempotent. */
    public function pause(): void {}

    /**
     * Accepts again after pause(). Idempotent.
     * @throws Error when the server was closed
     */
    public function resume(): void {}

    /**
     * Stops accepting and closes the listening socket (removing the unix socket file this
     * process created). Connections already accepted are not touched. Idempotent; safe
     * inside any callback.
     */
    public function close(): void {}

    /**
     * @return bool true while accepting: not paused, not closed
     * @throws Error when the base was freed
     */
    public function isListening(): bool {}
}

/**
 * A stream failure: getCode() is the POSIX errno (ECONNREFUSED, ETIMEDOUT, ECONNRESET,
 * EMSGSIZE, ...); the message names the address involved.
 */
class AsyncStreamException extends RuntimeException
{
}

/**
 * A name-resolution failure: getCode() is the resolver's EAI_* code (negative on Linux,
 * e.g. EAI_NONAME = -2) and the message carries the resolver's text.
 */
class AsyncStreamDnsException extends AsyncStreamException
{
}

/**
 * A TLS failure: a failed or timed-out handshake, a certificate that did not verify, a
 * protocol error, or a certificate/key file that cannot be used. The message carries
 * OpenSSL's reason and, for verification failures, the verify result in words (e.g.
 * "certificate verify failed: hostname mismatch (expected api.test)"). getCode() is an
 * errno: EPROTO for TLS protocol and verification errors, ETIMEDOUT for a handshake
 * timeout, ECONNRESET when the peer went away during the handshake, ENOENT/EACCES/EINVAL
 * for unusable files.
 */
class AsyncStreamTlsException extends AsyncStreamException
{
}
