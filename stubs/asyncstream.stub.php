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

    public function __construct() {}

    /**
     * Tells libevent not to use the named backend (e.g. "epoll", "poll", "select").
     * @return bool false when the method name could not be recorded
     */
    public function avoidMethod(string $method): bool {}

    /**
     * Requires every feature in the bitmask (EventConfig::FEATURE_*).
     * @return bool false when the mask is not accepted
     */
    public function requireFeatures(int $feature): bool {}

    /**
     * Limits how long (seconds) or how many callbacks the loop runs before it checks
     * for new events again, for priorities >= $min_priority. 0 disables a limit.
     */
    public function setMaxDispatchInterval(int $max_interval, int $max_callbacks, int $min_priority): void {}

    /** Sets EventBase::NOLOCK, IGNORE_ENV, ... flags for the base that will use this config. */
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

    /** @throws EventException when no backend satisfies the configuration */
    public function __construct(?EventConfig $cfg = null) {}

    /** The backend in use: "epoll" on Linux. */
    public function getMethod(): string {}

    /** Bitmask of EventConfig::FEATURE_* the backend supports. */
    public function getFeatures(): int {}

    /** Sets the number of priorities (before any event is active). */
    public function priorityInit(int $n_priorities): bool {}

    /**
     * Runs the loop. -1 (the default) runs until no events are pending or stop()/exit()
     * is called; or EventBase::LOOP_ONCE / EventBase::LOOP_NONBLOCK.
     * An exception thrown by any callback stops the loop at once and is rethrown here.
     */
    public function loop(int $flags = -1): bool {}

    /** loop() with no flags. */
    public function dispatch(): bool {}

    /** Stops the loop after $timeout seconds (0: after the current round of callbacks). */
    public function exit(float $timeout = 0.0): bool {}

    /** Stops the loop after the running callback returns. */
    public function stop(): bool {}

    /** Whether the last loop ended because of stop(). */
    public function gotStop(): bool {}

    /** Whether the last loop ended because of exit(). */
    public function gotExit(): bool {}

    /** Moves a non-pending event to this base. */
    public function set(Event $event): bool {}

    /** The cached time of the current loop iteration, in seconds. */
    public function getTimeOfDayCached(): float {}

    /** Refreshes the cached time. */
    public function updateCacheTime(): bool {}

    /** Continues a loop that stop() or exit() ended. */
    public function resume(): bool {}

    /** Reinitialises the backend. Not needed after fork(): asyncstream does it by itself. */
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
 * Property `$data` (mixed): any value the user wants to keep with the event.
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

    /** Any value kept with the event (reported to the garbage collector). */
    public mixed $data = null;

    /**
     * @param mixed $fd a stream resource, a Socket, an int descriptor, -1 for a pure
     *                  timer, or the signal number with Event::SIGNAL
     * @param callable $cb function (mixed $fd, int $what, mixed $arg): void
     */
    public function __construct(EventBase $base, mixed $fd, int $what, callable $cb, mixed $arg = null) {}

    /**
     * Re-configures a non-pending event. $what and $cb keep their old values when null;
     * $arg is replaced only when passed.
     */
    public function set(EventBase $base, mixed $fd, ?int $what = null, ?callable $cb = null, mixed $arg = null): bool {}

    /** Re-configures a non-pending event as a timer: $cb is function (mixed $arg): void. */
    public function setTimer(EventBase $base, callable $cb, mixed $arg = null): bool {}

    /**
     * Makes the event pending. $timeout in seconds (microsecond precision); -1: none.
     * Other negative values fire at once; huge values never fire early.
     */
    public function add(float $timeout = -1): bool {}

    /** @alias Event::add */
    public function addTimer(float $timeout = -1): bool {}

    /** @alias Event::add */
    public function addSignal(float $timeout = -1): bool {}

    /** Makes the event non-pending. Deleting a non-pending event is not an error. */
    public function del(): bool {}

    /** @alias Event::del */
    public function delTimer(): bool {}

    /** @alias Event::del */
    public function delSignal(): bool {}

    /** Removes the timeout of a pending event, leaving its I/O or signal part pending. */
    public function removeTimer(): bool {}

    /** Sets the priority (0 is the most urgent; see EventBase::priorityInit()). */
    public function setPriority(int $priority): bool {}

    /** Whether the event is pending for any of the Event::* flags given. */
    public function pending(int $flags): bool {}

    /**
     * Deletes the event and releases its callback, argument and descriptor. Safe inside
     * its own callback. Idempotent. Any other method called afterwards throws Error.
     */
    public function free(): void {}

    /** @param callable $cb function (mixed $arg): void */
    public static function timer(EventBase $base, callable $cb, mixed $arg = null): Event {}

    /** @param callable $cb function (int $signum, mixed $arg): void */
    public static function signal(EventBase $base, int $signum, callable $cb, mixed $arg = null): Event {}

    /** @return array<int, string> the backends libevent was built with */
    public static function getSupportedMethods(): array {}
}

/**
 * Socket helpers. Every $socket accepts a stream resource, a Socket or an int descriptor.
 * @strict-properties
 */
final class EventUtil
{
    /**
     * @var int
     * @cvalue AF_INET
     */
    public const AF_INET = UNKNOWN;
    /**
     * @var int
     * @cvalue AF_INET6
     */
    public const AF_INET6 = UNKNOWN;
    /**
     * @var int
     * @cvalue AF_UNIX
     */
    public const AF_UNIX = UNKNOWN;
    /**
     * @var int
     * @cvalue AF_UNSPEC
     */
    public const AF_UNSPEC = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_DEBUG
     */
    public const SO_DEBUG = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_REUSEADDR
     */
    public const SO_REUSEADDR = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_KEEPALIVE
     */
    public const SO_KEEPALIVE = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_DONTROUTE
     */
    public const SO_DONTROUTE = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_LINGER
     */
    public const SO_LINGER = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_BROADCAST
     */
    public const SO_BROADCAST = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_OOBINLINE
     */
    public const SO_OOBINLINE = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_SNDBUF
     */
    public const SO_SNDBUF = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_RCVBUF
     */
    public const SO_RCVBUF = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_SNDLOWAT
     */
    public const SO_SNDLOWAT = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_RCVLOWAT
     */
    public const SO_RCVLOWAT = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_SNDTIMEO
     */
    public const SO_SNDTIMEO = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_RCVTIMEO
     */
    public const SO_RCVTIMEO = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_TYPE
     */
    public const SO_TYPE = UNKNOWN;
    /**
     * @var int
     * @cvalue SO_ERROR
     */
    public const SO_ERROR = UNKNOWN;
    /**
     * @var int
     * @cvalue SOL_SOCKET
     */
    public const SOL_SOCKET = UNKNOWN;
    /**
     * @var int
     * @cvalue AS_SOL_TCP
     */
    public const SOL_TCP = UNKNOWN;
    /**
     * @var int
     * @cvalue AS_SOL_UDP
     */
    public const SOL_UDP = UNKNOWN;
    /**
     * @var int
     * @cvalue SOCK_RAW
     */
    public const SOCK_RAW = UNKNOWN;
    /**
     * @var int
     * @cvalue TCP_NODELAY
     */
    public const TCP_NODELAY = UNKNOWN;
    /**
     * @var int
     * @cvalue IPPROTO_IP
     */
    public const IPPROTO_IP = UNKNOWN;
    /**
     * @var int
     * @cvalue IPPROTO_IPV6
     */
    public const IPPROTO_IPV6 = UNKNOWN;
    /**
     * @var int
     * @cvalue LIBEVENT_VERSION_NUMBER
     */
    public const LIBEVENT_VERSION_NUMBER = UNKNOWN;

    private function __construct() {}

    /** The descriptor behind a stream resource, Socket or int. */
    public static function getSocketFd(mixed $socket): int {}

    /**
     * The local address of a socket: "1.2.3.4"/"::1" with $port, or the path of a unix socket.
     * @param string $address
     * @param int|null $port
     */
    public static function getSocketName(mixed $socket, &$address, &$port = null): bool {}

    /**
     * setsockopt(). $optval is an int, or for SO_LINGER ["l_onoff" => int, "l_linger" => int],
     * for SO_RCVTIMEO/SO_SNDTIMEO ["sec" => int, "usec" => int].
     */
    public static function setSocketOption(mixed $socket, int $level, int $optname, mixed $optval): bool {}

    /** The pending error of $socket (SO_ERROR), or the last socket errno of this process. */
    public static function getLastSocketErrno(?Socket $socket = null): int|false {}

    /** The text of getLastSocketErrno(). */
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
 * The stream is kept alive by your references only (keep it, e.g. in an array of
 * connections); dropping the last reference closes it (onClose fires first).
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
     * Adopts a connected stream socket (stream resource, Socket or int fd). The descriptor
     * is duplicated, so the original may be closed independently; note that the duplicate
     * shares the original's file status flags (it is switched to nonblocking mode).
     */
    public function __construct(EventBase $base, mixed $socket) {}

    /**
     * Starts connecting to "tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT" or
     * "unix:///path" and returns at once; names are resolved without blocking the loop.
     * Options: timeout (float s, default default_socket_timeout; 0 = none), bind (local
     * address), nodelay (bool, default true), keepalive (bool, default false),
     * high_water / low_water (bytes, default 65536 / 16384), max_frame (bytes, default 1 MiB).
     * @param array $options option name => value
     * @throws ValueError for a malformed address or an unknown/invalid option
     */
    public static function connect(EventBase $base, string $address, array $options = []): AsyncStream {}

    /** fn(AsyncStream $s): once, when connect() succeeded. Never for adopted/accepted streams. */
    public function onConnect(?callable $cb): static {}

    /** fn(AsyncStream $s, string $data): per chunk, or per frame (see setFraming()). */
    public function onData(?callable $cb): static {}

    /** fn(AsyncStream $s): the write buffer fell to low_water after write() returned false. */
    public function onDrain(?callable $cb): static {}

    /** fn(AsyncStream $s): the peer finished sending; every byte before it was delivered. */
    public function onEnd(?callable $cb): static {}

    /**
     * fn(AsyncStream $s, ?AsyncStreamException $error): exactly once per stream; null for
     * a clean close.
     */
    public function onClose(?callable $cb): static {}

    /**
     * Sends $data (queued when the socket cannot take it now).
     * @return bool false when the write buffer is at or above high_water (the data is still
     *              queued), or when the stream was closed by the peer or an error
     * @throws Error after your own end() or close()
     */
    public function write(string $data): bool {}

    /** Queues $data, flushes everything, then shuts down the sending side. */
    public function end(string $data = ""): void {}

    /** Closes now, dropping unsent data; onClose(null) if not closed before. Idempotent. */
    public function close(): void {}

    /** Stops reading (no onData/onEnd) until resume(). */
    public function pause(): void {}

    /** Restarts reading; frames already buffered are delivered first. */
    public function resume(): void {}

    /**
     * FRAME_NONE, FRAME_DELIMITER ($arg: the delimiter string) or FRAME_FIXED ($arg: the
     * frame size in bytes, an int or an integer string). Takes effect for the very next
     * frame, buffered bytes included. Frames longer than max_frame close the stream (EMSGSIZE).
     */
    public function setFraming(int $mode, string|int|null $arg = null): static {}

    /** Idle timeout in seconds (no bytes either way); 0 disables. Expiry closes with ETIMEDOUT. */
    public function setTimeout(float $seconds): static {}

    /** TCP_NODELAY (no effect on unix sockets). */
    public function setNoDelay(bool $on = true): static {}

    /** SO_KEEPALIVE (no effect on unix sockets). */
    public function setKeepAlive(bool $on = true): static {}

    /** e.g. "tcp://127.0.0.1:40312"; null when unknown, unnamed, or after onClose returned. */
    public function getLocalAddress(): ?string {}

    /** e.g. "tcp://127.0.0.1:8080"; null when unknown, unnamed, or after onClose returned. */
    public function getRemoteAddress(): ?string {}

    /** Bytes queued, not yet written to the socket. */
    public function getWriteBufferSize(): int {}

    /** True once connected and until closed. */
    public function isConnected(): bool {}

    /** True once closed (by close(), end() + peer EOF, an error, or EventBase::free()). */
    public function isClosed(): bool {}
}

/**
 * A listening TCP or unix socket that turns every accepted connection into an AsyncStream.
 *
 * The server is kept alive by your references only: dropping the last one closes it,
 * like close(). While listening it keeps EventBase::loop() running; a paused or closed
 * server does not.
 * @strict-properties
 * @not-serializable
 */
final class AsyncStreamServer
{
    /**
     * Binds, listens and starts accepting (when the loop runs).
     *
     * $address: "tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT" or "unix:///path"; HOST is
     * an IP address ("0.0.0.0" / "[::]" for every interface) or "localhost"; port 0 picks
     * a free port (see getAddress()). A unix socket file left by a dead process is
     * replaced; one a live server accepts on is not.
     *
     * Options: backlog (int, default the system maximum, net.core.somaxconn on Linux),
     * reuseaddr (bool, default true), reuseport (bool, default false), ipv6_only (bool,
     * default the system's), and the per-connection options of AsyncStream::connect():
     * nodelay, keepalive, high_water, low_water, max_frame.
     *
     * @param callable $onConnection fn(AsyncStream $conn, AsyncStreamServer $server): void;
     *                               keep $conn (e.g. in an array) or it is closed when the callback returns
     * @param array $options option name => value
     * @throws ValueError for a malformed address or an unknown/invalid option
     * @throws AsyncStreamException when the socket cannot be bound or listened on
     *                              (getCode() is the errno, e.g. EADDRINUSE, EACCES)
     */
    public function __construct(EventBase $base, string $address, callable $onConnection, array $options = []) {}

    /**
     * fn(AsyncStreamServer $server, AsyncStreamException $e): void, for accept errors that
     * are not retried at once (EMFILE, ENFILE, ENOBUFS, ENOMEM, ...): reported once per
     * episode while the server keeps retrying by itself. Without it they become E_WARNING.
     * null removes it.
     */
    public function onError(?callable $cb): static {}

    /**
     * The bound address, with the real port when bound to port 0, in a form
     * AsyncStream::connect() accepts: "tcp://127.0.0.1:40312", "tcp://[::1]:8080",
     * "unix:///path". Still available after close().
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

    /** True while accepting: not paused, not closed. */
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
