/*
 * asyncstream's internal header: the types and prototypes the .c files share, grouped
 * by the file that owns them. docs/internals.md has the map of the files and the rules
 * (ownership, when PHP may run, the transport interface).
 */
#ifndef ASYNCSTREAM_INTERNAL_H
#define ASYNCSTREAM_INTERNAL_H

#include "php_asyncstream.h"

#include <event2/event.h>
#include <event2/util.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/uio.h>

typedef struct _as_base as_base;
typedef struct _as_stream as_stream;

/*
 * Marks the declaration of every internal function that may run PHP code: a user
 * callback, the destructor of a value it releases, or an error handler for a warning it
 * raises. Such code may close or free any object, the one passed in included. A caller
 * holds its own reference on an object it touches after the call, and re-checks its
 * state (docs/internals.md, "When PHP runs"). Functions without the mark never run PHP.
 */
#define AS_RUNS_PHP

/*
 * Marks the declaration of a function that was static until its file was split: shared
 * between this extension's files only. Hidden, calls to it stay direct (no PLT) and it
 * may still be inlined in its own file, as when it was static; the hot paths' helpers
 * stay static in the file of their caller.
 */
#if defined(__GNUC__) && __GNUC__ >= 4
# define AS_HIDDEN __attribute__((visibility("hidden")))
#else
# define AS_HIDDEN
#endif

/* =================================================================================
 * asyncstream.c: module globals (all per-request state lives here, so ZTS works)
 * =============================================================================== */

#define AS_READ_SIZE   (64 * 1024)   /* one read() per readiness */

ZEND_BEGIN_MODULE_GLOBALS(asyncstream)
	bool in_request;               /* between RINIT and RSHUTDOWN: libevent's log may warn */
	bool log_capturing;            /* log.c: keep libevent's message instead of emitting it */
	bool log_have_last;
	char log_last[512];            /* log.c: the last captured (or fatal) message */
	as_base *live_bases;           /* fork.c: every base holding a libevent base */
	zend_class_entry *socket_ce;   /* convert.c: ext/sockets' Socket class, when loaded */
	bool socket_ce_looked;
	char read_scratch[AS_READ_SIZE]; /* stream_read.c: the read buffer shared by all streams */
	char uring_why[160];           /* uring.c: why this request's ring could not be set up */
	zend_object **deferred;        /* asyncstream.c: references dropped at RSHUTDOWN (as_release_after_destructors) */
	uint32_t deferred_n, deferred_cap;
	char diag_msgs[8][512];        /* log.c: warnings waiting for a safe point (as_diag_later) */
	uint32_t diag_count;           /* queued, <= 8 */
	uint32_t diag_dropped;         /* lost because the queue was full */
	uint32_t diag_queued;          /* diag_count + diag_dropped, for AS_DIAG_FLUSH()'s test */
	as_base *running_base;         /* base.c: the base whose loop() runs innermost */
ZEND_END_MODULE_GLOBALS(asyncstream)

ZEND_EXTERN_MODULE_GLOBALS(asyncstream)
#define AS_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(asyncstream, v)

/* =================================================================================
 * invoke.c: stored callbacks, the trampoline, the lifecycle every child object shares
 *
 * A callback keeps the user's callable zval (which owns closures and bound objects and
 * is what get_gc reports) plus the fcc resolved once, in the registering code's scope,
 * so the hot path does no lookup. For a callable that resolves to a call-via-trampoline
 * function (__call/__callStatic) the fcc owns a copy of that function; each call gets
 * its own copy of it, because the engine frees the function it calls through.
 * =============================================================================== */
typedef struct _as_callback {
	zval callable;                 /* IS_UNDEF when unset */
	zend_fcall_info_cache fcc;     /* function_handler NULL: resolve at call time */
} as_callback;

static zend_always_inline bool as_callback_isset(const as_callback *cb)
{
	return !Z_ISUNDEF(cb->callable);
}

void as_callback_init(as_callback *cb);
/* Stores a copy of fci->function_name; fcc comes from Z_PARAM_FUNC. */
AS_RUNS_PHP void as_callback_set(as_callback *cb, zend_fcall_info *fci, zend_fcall_info_cache *fcc);
/* Releases the callable. Safe while the callback is running: the trampoline holds its own reference. */
AS_RUNS_PHP void as_callback_clear(as_callback *cb);
/*
 * Moves the callable into *out (UNDEF when unset) and leaves cb unset, without running
 * user code: for teardown paths that release every value last (G12).
 */
void as_callback_move(as_callback *cb, zval *out);
void as_callback_gc(zend_get_gc_buffer *buf, as_callback *cb);

/*
 * The one place libevent reaches PHP (docs/internals.md, "The trampoline").
 * - holds a reference on `owner` and on the callable for the duration of the call, so
 *   the callback may free/unset/close anything, itself included (G1);
 * - on an exception (or exit()) breaks the base's loop at once and leaves the exception
 *   pending for loop() to rethrow; the watcher's state is not touched (G4);
 * - on a bailout (fatal error) breaks the loop too and sets base->bailout, so libevent
 *   unwinds its own loop normally before loop() resumes the bailout;
 * - does not call PHP at all while an exception or a bailout is pending.
 * Returns false when the call did not complete normally (exception pending).
 */
AS_RUNS_PHP bool as_invoke(as_base *base, zend_object *owner, as_callback *cb, uint32_t argc, zval *argv);

/*
 * Raises the queued diagnostics from inside base's loop (a libevent callback), with the
 * same care as as_invoke(): an exception or exit() from the user's error handler breaks
 * the loop (loop() rethrows it), a fatal error is caught and resumed by loop(), a fork
 * is noticed. The caller holds a reference on whatever it touches afterwards and
 * re-checks its state. Returns false when the loop must stop (exception or bailout).
 */
AS_RUNS_PHP bool as_diag_flush_in_loop(as_base *base);

/*
 * G4 for user code that runs inside a libevent callback outside as_invoke(): the
 * destructor of a value released there, an error handler. When it left an exception
 * pending, the running loop must stop at once (loop() rethrows it); otherwise libevent
 * goes on (and level-triggered events that defer while an exception is pending would
 * spin). Every internal callback calls this on its way out, and when it defers.
 */
void as_loop_break_on_exception(void);
#define as_loop_break_if_exception() do { \
		if (UNEXPECTED(EG(exception))) { \
			as_loop_break_on_exception(); \
		} \
	} while (0)

/*
 * get_gc of a child object (G3): reports its callbacks, the extra values (anything not
 * refcounted is skipped) and the base it holds (NULL: none).
 */
HashTable *as_child_get_gc(zend_object *obj, zval **table, int *n, as_callback *const *cbs, uint32_t ncbs,
	zval *const *extra, uint32_t nextra, as_base *base);

/*
 * Take the callables out, release them last (G12): moves the n callables into out[]
 * and leaves the callbacks unset. The caller finishes its bookkeeping, stops touching
 * the object, then calls as_zvals_release(out, n): a closure may hold the last
 * reference to the object, so releasing it may free the object.
 */
void as_callbacks_take(as_callback *const *cbs, uint32_t n, zval *out);
AS_RUNS_PHP void as_zvals_release(zval *vals, uint32_t n);

/*
 * The guard around a libevent callback of a child object (G1): a reference on the
 * object and its `running` count for the duration, so PHP inside may close or drop it;
 * on the way out the native part is released when the object was closed meanwhile
 * (`release` is the class's release call; it is deferred while `running` > 0).
 */
#define AS_GUARD_ENTER(obj, running) do { \
		GC_ADDREF(obj); \
		(running)++; \
	} while (0)
#define AS_GUARD_LEAVE(obj, running, closed, release) do { \
		(running)--; \
		if (closed) { \
			release; \
		} \
		OBJ_RELEASE(obj); \
		as_loop_break_if_exception(); \
	} while (0)

/* Frees a libevent event and clears the pointer (release_native of every class). */
static zend_always_inline void as_event_free_ptr(struct event **ev)
{
	if (*ev) {
		event_free(*ev);
		*ev = NULL;
	}
}

/*
 * Messages name the method one way: "Class::method(): ", taken from the running
 * function (get_active_function_or_method_name(), so an alias names itself).
 * as_throw() throws ce (NULL: Error) with code and that prefix before the formatted text.
 */
void as_throw(zend_class_entry *ce, zend_long code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);
/* Error "Class::__construct() cannot be called twice". */
void as_throw_constructed_twice(void);

/*
 * The one "is this base usable" check of a PHP method: returns b, or throws Error naming
 * the running method and returns NULL. `given`: b is an argument ("the EventBase given
 * has been freed") rather than $this ("the EventBase has been freed").
 */
as_base *as_base_live_or_throw(as_base *b, bool given);

/* =================================================================================
 * base.c: EventBase and its children
 * =============================================================================== */

/*
 * Every object that holds libevent state tied to a base (Event, AsyncStream,
 * AsyncStreamServer) embeds an as_child and links it into its base while attached.
 * EventBase::free() and base destruction call detach() on each: the child must release
 * its libevent state (or arrange to release it once its running callback returns),
 * drop its reference on the base, and leave itself in a state where every method
 * throws Error. detach() unlinks the child itself via as_base_unlink().
 */
typedef struct _as_child as_child;
typedef struct _as_server_conns as_server_conns; /* server_accept.c: an AsyncStreamServer's open connections */
struct _as_child {
	as_child *prev, *next;
	void (*detach)(as_child *child);
	/*
	 * The loop's own reference on the child's object (an open AsyncStream, a listening
	 * AsyncStreamServer: "the loop owns it until it closes"), or NULL (an Event lives only
	 * as long as the script references it, ext-event's rule). The base's get_gc reports
	 * it, so the GC sees base -> child -> base: a base nothing else references, whose loop
	 * is not running, is collected together with everything it owns (as_child_own()).
	 */
	zend_object *owned;
};

struct _as_base {
	struct event_base *base;       /* NULL once freed */
	as_child children;             /* sentinel of the intrusive child list */
	uint32_t fork_gen;             /* as_fork_generation when last (re)initialised */
	uint32_t loop_depth;           /* > 0 while loop() runs on this base */
	bool free_pending;             /* free() was called while looping: release after the loop */
	bool was_freed;                /* EventBase::free() was called */
	bool bailout;                  /* a callback bailed out (fatal error): loop() resumes the bailout */
	as_base *live_next;            /* list of bases holding a libevent base (fork.c, G5) */
	as_base **live_pprev;
	struct evdns_base *dns;        /* dns.c: the resolver, created lazily by streams */
	zend_string *dns_conf;         /* dns.c: the resolv.conf it was configured from */
	struct _as_uring *uring;       /* uring.c: the io_uring ring, created when a stream first uses it */
	uint8_t io_method;             /* uring.c: AS_IO_METHOD_*, decided by the base's first stream */
	double dns_try_timeout;        /* dns.c: seconds evdns waits per try ("options timeout:", default 5) */
	int dns_conf_errno;            /* dns.c: the asyncstream.resolv_conf file cannot be read: why */
	struct as_write_round *write_round; /* stream_write.c: write coalescing, created lazily */
	struct as_tu_pool *tls_wire_pool; /* transport_tls_uring.c: blocks for the ring's TLS records, created lazily */
	HashTable *tls_ctxs;           /* tls_ctx.c: one SSL_CTX per distinct 'tls' option set, created lazily */
	struct event *diag_ev;         /* while loop() runs and a warning waits: raises it (as_diag_schedule) */
	as_base *running_prev;         /* the base whose loop() this one's loop() runs inside, if any */
	zend_object std;
};

static zend_always_inline as_base *as_base_from_obj(zend_object *obj)
{
	return (as_base *)((char *)obj - XtOffsetOf(as_base, std));
}
#define Z_AS_BASE_P(zv) as_base_from_obj(Z_OBJ_P(zv))

/* A base that can still be used: not freed and not waiting to be freed. */
static zend_always_inline bool as_base_is_live(const as_base *b)
{
	return b->base != NULL && !b->free_pending;
}

/*
 * Takes over one reference on obj and drops it at RSHUTDOWN. For a dtor_obj handler that
 * closes an object the loop owned during the shutdown destructor pass: that pass holds the
 * object with GC_ADDREF/GC_DELREF, so dropping the loop's (last) reference inside it leaves
 * the refcount at 0 without freeing, and the object store never frees it (a leak under
 * valgrind). Released at RSHUTDOWN instead, the object is freed like any other.
 */
void as_release_after_destructors(zend_object *obj);

/* Link/unlink a child; linking takes a reference on the base object, unlinking drops it. */
void as_base_link(as_base *b, as_child *child);
AS_RUNS_PHP void as_base_unlink(as_base *b, as_child *child);

/*
 * The loop takes a reference on obj (the object embedding child) while it is open or
 * listening. Only while child is linked does the base report it to the GC; a reference
 * the GC cannot see merely keeps obj alive, so the order of unlink and disown is free.
 */
static zend_always_inline void as_child_own(as_child *child, zend_object *obj)
{
	ZEND_ASSERT(!child->owned);
	GC_ADDREF(obj);
	child->owned = obj;
}

/* Drops the loop's reference, if held. It may be the last one: call it last, touch nothing after. */
static zend_always_inline void as_child_disown(as_child *child)
{
	zend_object *obj = child->owned;

	if (obj) {
		child->owned = NULL;
		OBJ_RELEASE(obj);
	}
}

void as_base_class_init(zend_class_entry *ce);

/* =================================================================================
 * fork.c: the fork guarantee (G5)
 * =============================================================================== */

/* Bumped in every forked child (pthread_atfork). */
extern volatile uint32_t as_fork_generation;
/* Runs no PHP: a failure is queued (as_diag_later) for the caller's next safe point. */
void as_base_reinit_after_fork(as_base *b);
/*
 * Called in the forked child (pthread_atfork): re-initialises at once every base that
 * has signal events, because libevent's signal handler would otherwise keep writing to
 * the signal pipe it shares with the parent. Other bases stay lazy (as_base_fork_check).
 */
void as_bases_after_fork(void);
/* The list of bases holding a libevent base, walked by as_bases_after_fork(). */
void as_base_list_add(as_base *b);
void as_base_list_remove(as_base *b);
/* Registers the atfork handler (once per process). */
void as_fork_register(void);

/* G5: one integer compare before any call that reaches the kernel through a base. Runs no PHP. */
static zend_always_inline void as_base_fork_check(as_base *b)
{
	if (UNEXPECTED(b->fork_gen != as_fork_generation) && b->base) {
		as_base_reinit_after_fork(b);
	}
}

/* =================================================================================
 * log.c: libevent's log routed into PHP (G6)
 *
 * While capture is on, libevent's messages are kept (the last one) instead of being
 * emitted, so a method can fold the detail into its own precise warning.
 * =============================================================================== */
void as_log_capture_begin(void);
/* Returns the captured message or NULL; stops capturing. */
const char *as_log_capture_end(void);

/*
 * Deferred diagnostics (G12). A warning must not be raised where user code cannot run
 * safely — the user's error handler may free, close, loop or throw — such as inside
 * libevent (its log callback) or half-way through a fork check. as_diag_later() queues
 * it; as_diag_flush() raises the queued warnings (E_WARNING, the running method as
 * prefix) at a point where every object is consistent and nothing follows that the
 * handler could invalidate: the end of a method, before a callback from the loop
 * (as_invoke), after the loop. From inside the loop use as_diag_flush_in_loop().
 */
void as_diag_later(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);
AS_RUNS_PHP void as_diag_flush(void);
#define AS_DIAG_FLUSH() do { \
		if (UNEXPECTED(AS_G(diag_queued))) { \
			as_diag_flush(); \
		} \
	} while (0)
/* base.c; called by as_diag_later(): makes the innermost running loop raise the warning next. */
void as_diag_schedule(void);
void as_diag_reset(void);
void as_log_register(void);
void as_log_unregister(void);

/* =================================================================================
 * config.c, event.c, util.c: EventConfig, Event, EventUtil
 * =============================================================================== */
typedef struct _as_config {
	struct event_config *cfg;
	zend_object std;
} as_config;

static zend_always_inline as_config *as_config_from_obj(zend_object *obj)
{
	return (as_config *)((char *)obj - XtOffsetOf(as_config, std));
}
#define Z_AS_CONFIG_P(zv) as_config_from_obj(Z_OBJ_P(zv))

void as_config_class_init(zend_class_entry *ce);
void as_event_class_init(zend_class_entry *ce);
void as_util_class_init(zend_class_entry *ce);

/* =================================================================================
 * convert.c: descriptors (G7) and time (G8)
 * =============================================================================== */

/*
 * Converts an int fd, a stream resource castable to a descriptor, or an ext-sockets
 * Socket to a descriptor (a user stream wrapper's stream_cast() runs here). On bad input
 * throws TypeError/ValueError naming argument `arg_num` of the running function and
 * returns false.
 */
AS_RUNS_PHP bool as_zval_to_fd(zval *zfd, uint32_t arg_num, evutil_socket_t *fd_out);

/* Longest timeout we hand libevent: ~34,000 years, so now + timeout never overflows. */
#define AS_MAX_TIMEOUT_SEC ((time_t)1 << 40)

/*
 * Float seconds to a timeval with microsecond precision: negative → zero (fires now),
 * huge or INF → AS_MAX_TIMEOUT_SEC. NaN throws ValueError naming argument `arg_num`.
 */
bool as_double_to_timeval(double seconds, uint32_t arg_num, struct timeval *tv);

/* =================================================================================
 * address.c: addresses without DNS
 * =============================================================================== */

/*
 * Parses an address in the documented forms ("tcp://HOST:PORT", "HOST:PORT",
 * "[IPv6]:PORT", "unix:///path") into a sockaddr without DNS. Returns 1 on success
 * (ss/sslen filled), 0 when HOST is a name that needs resolution (host/port filled; host
 * is NUL-terminated), -1 after throwing ValueError naming argument arg_num. Port 0 is accepted.
 */
int as_address_parse(const char *addr, size_t len, uint32_t arg_num, struct sockaddr_storage *ss, socklen_t *sslen,
	char *host, size_t hostlen, int *port);
/*
 * Formats a sockaddr the way getLocalAddress()/getRemoteAddress() return it
 * ("tcp://127.0.0.1:40312", "tcp://[::1]:8080", "unix:///path"); NULL for an unnamed
 * unix socket or an unknown family.
 */
zend_string *as_address_format(const struct sockaddr *sa, socklen_t len);

/* =================================================================================
 * options.c: stream and server option arrays
 * =============================================================================== */

/* Per-connection options (connect() and the server's per-connection keys). */
typedef struct _as_stream_opts {
	double timeout;          /* connect timeout (s); default: ini default_socket_timeout; <= 0 in the ini: none */
	zend_string *bind;       /* local address for connect(), or NULL */
	bool nodelay;            /* default true */
	bool keepalive;          /* default false */
	size_t high_water;       /* default 64 KiB */
	size_t low_water;        /* default 16 KiB */
	size_t max_frame;        /* default 1 MiB */
	size_t max_write_buffer; /* default 64 MiB; 0 = unlimited */
} as_stream_opts;

#define AS_STREAM_DEFAULT_HIGH_WATER (64 * 1024)
#define AS_STREAM_DEFAULT_LOW_WATER  (16 * 1024)
#define AS_STREAM_DEFAULT_MAX_FRAME  (1024 * 1024)
#define AS_STREAM_DEFAULT_MAX_WRITE_BUFFER ((size_t)64 * 1024 * 1024)

void as_stream_opts_init(as_stream_opts *o);
/* Frees bind. */
void as_stream_opts_release(as_stream_opts *o);
/*
 * Reads the per-connection keys (nodelay, keepalive, high_water, low_water, max_frame,
 * max_write_buffer)
 * from ht, and also timeout/bind when for_connect. A key that is neither one of those nor
 * listed in extra_keys (NULL-terminated, may be NULL) throws ValueError naming argument
 * arg_num and the key. Bad values throw TypeError/ValueError. Returns false after throwing;
 * o is left valid for as_stream_opts_release() either way.
 */
bool as_stream_opts_parse(HashTable *ht, uint32_t arg_num, bool for_connect, const char *const *extra_keys,
	as_stream_opts *o);

/* A bool option: TypeError naming argument arg_num and the key otherwise. */
bool as_opt_bool(zval *v, uint32_t arg_num, const char *key, bool *out);

/* The listening options of AsyncStreamServer (the per-connection ones: as_stream_opts_parse()). */
typedef struct _as_server_opts {
	zend_long backlog;
	zend_long max_connections; /* 0: no limit */
	bool reuseaddr;
	bool reuseport;
	int ipv6_only;    /* -1: the system default */
} as_server_opts;

/* The keys as_server_opts_parse() reads, NULL-terminated (extra_keys of as_stream_opts_parse()). */
extern const char *const as_server_keys[];
extern const char *const as_stream_tls_keys[];
bool as_server_opts_parse(HashTable *ht, as_server_opts *o);

/* =================================================================================
 * dns.c: the per-base resolver (G9)
 * =============================================================================== */

/* The base's resolver, created on first use (resolv.conf per asyncstream.resolv_conf); NULL on failure. */
struct evdns_base *as_dns_get(as_base *b);
/* Releases the resolver (base release). */
void as_dns_free(as_base *b);
/* A stream's lookup failed or was cancelled: reset the nameservers when no other lookup is in flight. */
void as_dns_lookup_ended(as_base *b, as_stream *except);
/* In a forked child: nameserver sockets of its own, lookups in flight re-sent (G5). */
void as_dns_after_fork(as_base *b);

/* =================================================================================
 * stream_io.c, stream_connect.c, stream_read.c, stream_write.c: the AsyncStream core
 * (connect, read + framing, write + backpressure, timers, the one close path). stream.c
 * holds the PHP methods.
 * =============================================================================== */

enum {
	AS_FRAME_NONE = 0,
	AS_FRAME_DELIMITER = 1,
	AS_FRAME_FIXED = 2,
};

typedef enum {
	AS_ST_UNINIT = 0,      /* not constructed (reflection) */
	AS_ST_RESOLVING,       /* waiting for evdns */
	AS_ST_CONNECTING,      /* nonblocking connect() in progress */
	AS_ST_CONNECTED,
	AS_ST_CLOSED,
} as_stream_state;

/*
 * The transport seam (docs/internals.md, "Transports"): the core (stream_*.c) moves
 * bytes and waits for the socket only through these operations. A transport never calls
 * PHP; it calls the core's entry points below (as_stream_io_*), which may.
 *
 * open(s)            s->fd is a new descriptor (connecting, or connected): get ready to
 *                    watch it; 0 or an errno. Called again after close() when connect()
 *                    moves on to the next resolved address.
 * want(s, what, on)  start/stop telling the core that it can make progress in direction
 *                    what (AS_WANT_READ: call as_stream_io_readable(); AS_WANT_WRITE:
 *                    as_stream_io_writable()); 0 or an errno. The core calls it only on
 *                    changes, except want(both, false), which must be harmless anyway.
 *                    How the transport learns it (socket readiness, a completion, TLS
 *                    needing the other direction) is its own business.
 * activate(s)        have as_stream_io_readable() called from the loop soon, readiness or
 *                    not (the core re-delivers buffered frames this way).
 * recv(s, buf, len)  > 0: bytes copied into buf; 0: the peer's EOF; -1: errno (EAGAIN:
 *                    nothing now). Called once per as_stream_io_readable().
 * recv_str(s, len, str)  NULL, or recv() that makes the string onData gets itself (*str,
 *                    n bytes, n <= len), for a transport that holds the received bytes in
 *                    memory (io_uring): one copy instead of two. Used instead of recv()
 *                    when no framing needs the read buffer.
 * send(s, iov, n)    bytes taken (possibly fewer than offered), or -1 with errno (EAGAIN:
 *                    none now). NULL for a transport that cannot send synchronously: the
 *                    core then only queues into s->out and says want(AS_WANT_WRITE); the
 *                    transport drains s->out itself and calls as_stream_io_writable().
 * unsent(s)          NULL, or the bytes the transport took out of s->out and the kernel has
 *                    not sent yet (a completion-based transport moves the queue's chains to
 *                    memory only it and the kernel touch). The core counts them as still
 *                    queued (as_stream_queued()): backpressure, onDrain, end()'s FIN and
 *                    getWriteBufferSize() then behave as with a synchronous send().
 * shutdown_write(s)  end our direction once the queue is empty: 0 (done), EAGAIN (needs
 *                    more loop turns: the core asks for AS_WANT_WRITE and calls it again
 *                    from the next writable turn), or an errno (ignored, as a FIN is).
 * handshake(s)       NULL, or run between "TCP connected" and onConnect: 0 (done, the
 *                    core goes on to onConnect), EAGAIN (the transport waits for what it
 *                    needs and calls either entry point), or an errno (connect fails).
 * close(s)           close s->fd and set it to -1; drop per-connection state.
 * release(s)         free what open() allocated (watchers). Called only when no callback
 *                    of the stream is on the C stack.
 * error(s, what, err, peer)  NULL, or the exception for a failure of this transport
 *                    (what: "handshake", "handshake timeout", "read from", "write to"),
 *                    so that it can carry the transport's own reason (TLS: OpenSSL's);
 *                    returning NULL keeps the core's AsyncStreamException.
 */
#define AS_WANT_READ  1u
#define AS_WANT_WRITE 2u

typedef struct _as_transport_ops {
	const char *name;
	int (*open)(as_stream *s);
	int (*want)(as_stream *s, unsigned what, bool on);
	void (*activate)(as_stream *s);
	ssize_t (*recv)(as_stream *s, char *buf, size_t len);
	ssize_t (*recv_str)(as_stream *s, size_t len, zend_string **str);
	ssize_t (*send)(as_stream *s, const struct iovec *iov, int iovcnt);
	size_t (*unsent)(as_stream *s);
	int (*shutdown_write)(as_stream *s);
	int (*handshake)(as_stream *s);
	void (*close)(as_stream *s);
	void (*release)(as_stream *s);
	zend_object *(*error)(as_stream *s, const char *what, int err, const char *peer);
} as_transport_ops;

/* transport_plain.c: read()/send() on the descriptor (sockets, pipes, terminals). */
extern const as_transport_ops as_transport_plain;
/* transport_uring.c: the base's io_uring ring (uring.c), for sockets. */
extern const as_transport_ops as_transport_uring;
/* transport_tls.c: OpenSSL on the descriptor (tls.c is the engine); absent without TLS. */
extern const as_transport_ops as_transport_tls;

/*
 * Instead of onConnect when the transport's handshake finishes (error NULL), and, when
 * ready_gets_errors, instead of onClose(error) when it fails before that: an accepted
 * TLS connection goes to its server's onConnection/onError (ready_obj is the server),
 * startTls() calls onSecure. Takes no ownership of error; may run PHP.
 */
typedef void (*as_stream_ready_fn)(as_stream *s, zend_object *ready_obj, zend_object *error);

/*
 * What only connect() needs, kept from connect() until connected (or closed): options for
 * the socket, the lookup and the resolved addresses. Out of as_stream so that accepted and
 * connected streams do not carry it.
 */
typedef struct _as_connect_extra {
	struct sockaddr_storage bind_ss;
	socklen_t bind_len;
	bool has_bind;
	bool nodelay, keepalive;
	struct evdns_getaddrinfo_request *dns_req;
	struct evutil_addrinfo *ai_head, *ai_next; /* resolved addresses still to try */
} as_connect_extra;

struct _as_stream {
	as_base *base;                 /* NULL once closed */
	as_child link;
	evutil_socket_t fd;
	int adopted_fd;                /* the descriptor given to __construct (names pipes in messages), or -1 */
	const as_transport_ops *tp;    /* how bytes cross fd (never NULL) */
	void *tp_data;                 /* the transport's per-stream state */
	struct _as_tls *tls;           /* TLS engine (tls.c) once TLS is on; kept until the object goes (getTlsInfo()) */
	as_stream_ready_fn ready;      /* see as_stream_ready_fn; NULL: onConnect */
	zend_object *ready_obj;        /* held while ready is set (the accepting server) */
	as_callback on_secure;         /* startTls()'s onSecure */
	struct event *rev;             /* the transport's: READ readiness of fd (plain: READ|PERSIST) */
	struct event *wev;             /* the transport's: WRITE readiness of fd, created on first need */
	struct event *tev;             /* connect timeout, idle timeout, deferred failure */
	struct evbuffer *in, *out;     /* created on first use */
	as_connect_extra *cx;          /* connect()'s options, lookup and addresses, only until connected */
	as_server_conns *conns;        /* the accepting server's connection count, until closed */
	zend_string *addr;             /* the address connected to, normalised ("tcp://..."), or NULL */
	union {                        /* by framing: */
		zend_string *delim;        /* FRAME_DELIMITER (held) */
		size_t fixed;              /* FRAME_FIXED */
	};
	size_t scan;                   /* bytes of `in` known not to hold the start of a delimiter */
	size_t high_water, low_water, max_frame;
	size_t max_write_buffer;       /* 0 = unlimited */
	struct timeval connect_tv;     /* connect timeout (0 = none) */
	double idle_timeout;           /* seconds, when idle_on (a double, not a timeval: 8 bytes per stream) */
	struct timeval last_io;        /* cached loop time of the last byte either way */
	as_callback on_connect, on_data, on_drain, on_end, on_close;
	int pending_err;               /* failure to report from the timer (connect, write) */
	uint32_t running;              /* > 0 while a libevent callback of this stream is on the stack */
	uint32_t fork_gen;             /* as_fork_generation when created: another value means inherited (G5) */
	uint32_t wrote_round;          /* the base's write round of the last write-through (coalescing) */
	union {                        /* the peer of an accepted/adopted TCP stream, for messages after a reset */
		struct sockaddr sa;
		struct sockaddr_in in;
		struct sockaddr_in6 in6;
	} peer_sa;
	uint8_t state;
	uint8_t framing;
	bool is_socket : 1;
	bool has_connect_timeout : 1;
	bool idle_on : 1;
	bool reading : 1;              /* the transport is asked for AS_WANT_READ */
	bool writing : 1;              /* the transport is asked for AS_WANT_WRITE (connecting, or queue non-empty) */
	bool handshaking : 1;          /* connected at the TCP level, the transport's handshake runs */
	bool ready_gets_errors : 1;    /* failures before ready go to ready(), not onClose */
	bool upgrading : 1;            /* the handshake is not part of connect() (accepted TLS, startTls()) */
	bool accepted : 1;             /* made by AsyncStreamServer (startTls() takes the server role) */
	bool paused : 1;
	bool ending : 1;               /* end() called: FIN after the queue drains */
	bool fin_sent : 1;
	bool eof : 1;                  /* peer EOF read */
	bool end_delivered : 1;        /* onEnd fired */
	bool need_drain : 1;           /* write() returned false: onDrain at low_water */
	bool user_closed : 1;          /* close()/end() called by the user: write() throws */
	bool base_freed : 1;           /* closed by EventBase::free() */
	bool overflow : 1;             /* closing because the queue would pass max_write_buffer */
	bool no_read : 1;              /* a write-only descriptor (the write end of a pipe): never read */
	bool dns_timed_out : 1;        /* the lookup failed because no nameserver answered in time */
	bool dns_conf_failed : 1;      /* the lookup failed because asyncstream.resolv_conf cannot be read */
	bool flush_pending : 1;        /* writes of this round are queued; the round's end flushes them in one call */
	bool backlog : 1;              /* frames left undelivered for fairness; the timer goes on delivering */
	zend_object std;
};

static zend_always_inline as_stream *as_stream_from_obj(zend_object *obj)
{
	return (as_stream *)((char *)obj - XtOffsetOf(as_stream, std));
}
#define Z_AS_STREAM_P(zv) as_stream_from_obj(Z_OBJ_P(zv))

static zend_always_inline as_stream *as_stream_from_link(as_child *child)
{
	return (as_stream *)((char *)child - XtOffsetOf(as_stream, link));
}

/* stream_io.c: the core (exceptions, the close path and failures, setup, the timer). */

/*
 * A new (not thrown) exception object of class ce (AsyncStreamException or a subclass)
 * with code err and a printf-formatted message. Throw it with zend_throw_exception_object()
 * or hand it to a callback; the caller owns the reference.
 */
zend_object *as_stream_exception_new(zend_class_entry *ce, int err, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);

/* Frees connect()'s state (cancels the lookup: b is the stream's base, still alive). */
void as_stream_free_extra(as_stream *s, as_base *b);
/* Keeps the TCP peer's address, so messages can name it after a reset (getpeername() then fails). */
void as_stream_record_peer(as_stream *s, const struct sockaddr *sa, socklen_t len);
/* The peer named in error messages ("tcp://127.0.0.1:40312", the address connected to, "fd 7"). */
zend_string *as_stream_peer_name(as_stream *s);
AS_RUNS_PHP void as_stream_close(as_stream *s, zend_object *error, bool call_php);
/* A close the protocol asked for (both sides ended): clean, unless a write already failed. */
AS_RUNS_PHP AS_HIDDEN void as_stream_close_clean(as_stream *s);
void as_stream_release_native(as_stream *s);
AS_RUNS_PHP void as_stream_detach(as_child *child);
/* The one failure path: closes s with ex (taken), or hands ex to ready() (see as_stream_ready_fn). */
AS_RUNS_PHP void as_stream_fail_ex(as_stream *s, zend_object *ex);
/* Closes with a new AsyncStreamException (or subclass) built from the format. */
AS_RUNS_PHP AS_HIDDEN void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 4, 5);
/* A failure of the transport (what: "read from", "write to", "handshake", ...): its own exception when it has one. */
AS_RUNS_PHP AS_HIDDEN bool as_stream_fail_transport(as_stream *s, const char *what, int err);
/* Closes with "WHAT PEER failed: strerror(err)", or the transport's own exception. */
AS_RUNS_PHP AS_HIDDEN void as_stream_fail_errno(as_stream *s, const char *what, int err);
/* Bytes written and not yet sent: the queue plus what the transport holds in flight (unsent()). */
size_t as_stream_queued(as_stream *s);
/* Records the loop time of I/O for the idle timeout (a completion transport's sends too). */
void as_stream_touch(as_stream *s);
bool as_stream_arm_read(as_stream *s);
void as_stream_disarm_read(as_stream *s);
bool as_stream_ensure_timer(as_stream *s);
void as_stream_defer_error(as_stream *s, int err);
void as_stream_arm_idle(as_stream *s);
void as_stream_attach(as_stream *s, as_base *b, const as_stream_opts *o);
/*
 * The core's entry points for transports. Each runs PHP (onData, onDrain, onConnect,
 * onEnd, onClose) and may close s; each holds its own reference on s meanwhile. While a
 * PHP exception is pending (G4) readable re-activates itself and writable does nothing:
 * a level-triggered watcher fires again on the next loop run, a completion-based
 * transport must call as_stream_io_writable() again itself. (Readable is in
 * stream_read.c, writable in stream_write.c.)
 */
/* The transport failed on its own (a completion error): closes s with `what` ("read from") and err. */
AS_RUNS_PHP void as_stream_io_error(as_stream *s, const char *what, int err);

/* stream_connect.c: connect, and a stream from a connected descriptor. */

/*
 * Makes the fresh stream s own the connected descriptor fd on base b and start reading.
 * On failure: fd closed, s left closed (no PHP called), errno set, false returned.
 */
AS_RUNS_PHP bool as_stream_init_connected(as_stream *s, as_base *b, evutil_socket_t fd, bool is_socket,
	const as_stream_opts *o);
/*
 * Wraps a connected, nonblocking, close-on-exec socket (ownership of fd passes to the
 * stream) in a new AsyncStream object written to *out; applies nodelay/keepalive/waters/
 * max_frame and starts reading when the loop runs. conns (or NULL): the accepting server's
 * count, held by the stream until it closes. Returns false (fd closed, exception thrown,
 * *out UNDEF, conns untouched) on failure.
 */
AS_RUNS_PHP bool as_stream_new_connected(zval *out, as_base *b, evutil_socket_t fd, const as_stream_opts *o,
	as_server_conns *conns);
/* Starts a nonblocking connect() to sa. Returns 0, or the errno of an immediate failure. */
int as_stream_connect_to(as_stream *s, const struct sockaddr *sa, socklen_t salen,
	const struct sockaddr_storage *bind_ss, socklen_t bind_len);
/* Connects to the next resolved address, or reports the last error from the timer. */
void as_stream_try_next(as_stream *s);
/* Connected (and the transport's handshake done): onConnect or ready(), then what was written meanwhile. */
AS_RUNS_PHP AS_HIDDEN void as_stream_connected(as_stream *s);
/* TCP is up: the transport's handshake first, when it has one, then onConnect. */
AS_RUNS_PHP AS_HIDDEN void as_stream_handshake(as_stream *s);
/* Starts the transport's handshake on a stream whose TCP connection is up (accepted TLS, startTls()). */
void as_stream_start_handshake(as_stream *s, double timeout);

/* stream_read.c: the read path, framing, delivery. */

/* The transport can make progress reading (or the core asked for activate()). */
AS_RUNS_PHP void as_stream_io_readable(as_stream *s);
/* Have buffered input delivered from the loop (not from inside the calling method). */
void as_stream_redeliver(as_stream *s);
/* The timer of a connected stream: the delivery backlog, then the idle timeout. */
AS_RUNS_PHP AS_HIDDEN void as_stream_tick(as_stream *s);

/* stream_write.c: the write path, backpressure, write coalescing. */

#define AS_WRITE_IOV   64            /* iovecs per transport send() when flushing the queue */
/* stream_io.c: one nonblocking sendmsg() of buf now, drained by what the socket took; bytes or -1. */
AS_HIDDEN ssize_t as_evbuffer_send_now(int fd, struct evbuffer *buf);

AS_RUNS_PHP void as_stream_after_write(as_stream *s);
bool as_stream_do_write(as_stream *s, const char *data, size_t len, zend_string *owner);
/* Asks the transport to say when it can write (connect completion, a queue to flush). */
AS_HIDDEN bool as_stream_arm_write(as_stream *s);
AS_HIDDEN void as_stream_disarm_write(as_stream *s);
/* Writes as much of the queue as the socket takes, in one call. Returns false on a write error (errno). */
AS_HIDDEN bool as_stream_flush(as_stream *s);
/* The transport can make progress writing (connect completion, queue, handshake, shutdown). */
AS_RUNS_PHP void as_stream_io_writable(as_stream *s);
/* Base release: frees the write-coalescing state (before event_base_free()). */
void as_stream_write_round_free(as_base *b);

/*
 * The open connections of one AsyncStreamServer (server_accept.c), shared by the server
 * and every stream it accepted, so either may be freed first: max_connections and
 * var_dump()'s count.
 */
/* One more open connection; the stream keeps c until it closes. */
void as_server_conns_add(as_server_conns *c);
/* The connection closed: one fewer, and the server resumes accepting if it was at its limit. Calls no PHP. */
void as_server_conns_done(as_server_conns *c);

/* dns.c: starts resolving host for s (state RESOLVING); the answer continues in its callback. */
void as_stream_resolve(as_stream *s, const char *host, int port);

/* =================================================================================
 * stream.c, server.c: AsyncStream, AsyncStreamServer
 * =============================================================================== */
void as_stream_class_init(zend_class_entry *ce);
void as_server_class_init(zend_class_entry *ce);

#endif /* ASYNCSTREAM_INTERNAL_H */
