/*
 * asyncstream: an event loop and nonblocking streams for PHP, over libevent 2.1.
 *
 * This header holds what more than one .c file needs: the base object and its child
 * links (ownership, G2), the stored-callback type and the trampoline (G1, G4), the fd
 * converter (G7), the time converter (G8) and the fork check (G5).
 */
#ifndef PHP_ASYNCSTREAM_H
#define PHP_ASYNCSTREAM_H

#include "php.h"

#include <event2/event.h>

extern zend_module_entry asyncstream_module_entry;
#define phpext_asyncstream_ptr &asyncstream_module_entry

#define PHP_ASYNCSTREAM_VERSION "0.1.0"

#if defined(ZTS) && defined(COMPILE_DL_ASYNCSTREAM)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* ---------------------------------------------------------------------------------
 * Class entries (registered from the generated arginfo in MINIT)
 * ------------------------------------------------------------------------------- */
extern zend_class_entry *php_asyncstream_base_ce;      /* EventBase */
extern zend_class_entry *php_asyncstream_event_ce;     /* Event */
extern zend_class_entry *php_asyncstream_config_ce;    /* EventConfig */
extern zend_class_entry *php_asyncstream_util_ce;      /* EventUtil */
extern zend_class_entry *php_asyncstream_exception_ce; /* EventException */

/* ---------------------------------------------------------------------------------
 * Stored callbacks and the trampoline (invoke.c)
 *
 * A callback keeps the user's callable zval (which owns closures and bound objects and
 * is what get_gc reports) plus a resolved fcc, so the hot path does no lookup. Callables
 * that resolve to a call-via-trampoline function (__call/__callStatic) are re-resolved
 * per call, because such a zend_function is freed by the engine after one call.
 * ------------------------------------------------------------------------------- */
typedef struct _as_callback {
	zval callable;                 /* IS_UNDEF when unset */
	zend_fcall_info_cache fcc;
	bool cached;                   /* fcc may be reused across calls */
} as_callback;

static zend_always_inline bool as_callback_isset(const as_callback *cb)
{
	return !Z_ISUNDEF(cb->callable);
}

void as_callback_init(as_callback *cb);
/* Stores a copy of fci->function_name; fcc comes from Z_PARAM_FUNC. */
void as_callback_set(as_callback *cb, zend_fcall_info *fci, zend_fcall_info_cache *fcc);
/* Releases the callable. Safe while the callback is running: the trampoline holds its own reference. */
void as_callback_clear(as_callback *cb);
void as_callback_gc(zend_get_gc_buffer *buf, as_callback *cb);

typedef struct _as_base as_base;

/*
 * The one place libevent reaches PHP (DESIGN.md, "The trampoline").
 * - holds a reference on `owner` and on the callable for the duration of the call, so
 *   the callback may free/unset/close anything, itself included (G1);
 * - on an exception (or exit()) breaks the base's loop at once and leaves the exception
 *   pending for loop() to rethrow; the watcher's state is not touched (G4);
 * - on a bailout (fatal error) breaks the loop too and sets base->bailout, so libevent
 *   unwinds its own loop normally before loop() resumes the bailout;
 * - does not call PHP at all while an exception or a bailout is pending.
 * Returns false when the call did not complete normally (exception pending).
 */
bool as_invoke(as_base *base, zend_object *owner, as_callback *cb, uint32_t argc, zval *argv);

/* ---------------------------------------------------------------------------------
 * The base and its children (event.c)
 * ------------------------------------------------------------------------------- */

/*
 * Every object that holds libevent state tied to a base (Event, AsyncStream,
 * AsyncStreamServer) embeds an as_child and links it into its base while attached.
 * EventBase::free() and base destruction call detach() on each: the child must release
 * its libevent state (or arrange to release it once its running callback returns),
 * drop its reference on the base, and leave itself in a state where every method
 * throws Error. detach() unlinks the child itself via as_base_unlink().
 */
typedef struct _as_child as_child;
struct _as_child {
	as_child *prev, *next;
	void (*detach)(as_child *child);
};

struct _as_base {
	struct event_base *base;       /* NULL once freed */
	as_child children;             /* sentinel of the intrusive child list */
	uint32_t fork_gen;             /* as_fork_generation when last (re)initialised */
	uint32_t loop_depth;           /* > 0 while loop() runs on this base */
	bool free_pending;             /* free() was called while looping: release after the loop */
	bool was_freed;                /* EventBase::free() was called */
	bool bailout;                  /* a callback bailed out (fatal error): loop() resumes the bailout */
	as_base *live_next;            /* list of bases holding a libevent base (fork, G5) */
	as_base **live_pprev;
	void *dns;                     /* struct evdns_base *, created lazily by streams */
	void (*dns_free)(as_base *b);  /* releases `dns`; set by whoever created it */
	void (*dns_after_fork)(as_base *b); /* gives a forked child its own resolver sockets; set with dns */
	zend_object std;
};

static zend_always_inline as_base *as_base_from_obj(zend_object *obj)
{
	return (as_base *)((char *)obj - XtOffsetOf(as_base, std));
}
#define Z_AS_BASE_P(zv) as_base_from_obj(Z_OBJ_P(zv))

/* Bumped in every forked child (pthread_atfork). */
extern volatile uint32_t as_fork_generation;
void as_base_reinit_after_fork(as_base *b);
/*
 * Called in the forked child (pthread_atfork): re-initialises at once every base that
 * has signal events, because libevent's signal handler would otherwise keep writing to
 * the signal pipe it shares with the parent. Other bases stay lazy (as_base_fork_check).
 */
void as_bases_after_fork(void);

/* G5: one integer compare before any call that reaches the kernel through a base. */
static zend_always_inline void as_base_fork_check(as_base *b)
{
	if (UNEXPECTED(b->fork_gen != as_fork_generation) && b->base) {
		as_base_reinit_after_fork(b);
	}
}

/* A base that can still be used: not freed and not waiting to be freed. */
static zend_always_inline bool as_base_is_live(const as_base *b)
{
	return b->base != NULL && !b->free_pending;
}

/* Throws Error (naming `what`) and returns NULL when the base was freed. */
as_base *as_base_get_live(zend_object *obj, const char *what);

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
void as_base_unlink(as_base *b, as_child *child);

/* ---------------------------------------------------------------------------------
 * Descriptors (fd.c, G7)
 * ------------------------------------------------------------------------------- */
#define AS_FD_ALLOW_INT 1u     /* an int is taken as a file descriptor */

/*
 * Converts an int fd, a stream resource castable to a descriptor, or an ext-sockets
 * Socket to a descriptor. On bad input throws TypeError/ValueError naming argument
 * `arg_num` of the running function and returns false.
 */
bool as_zval_to_fd(zval *zfd, uint32_t arg_num, evutil_socket_t *fd_out);

/* ---------------------------------------------------------------------------------
 * Time (G8)
 * ------------------------------------------------------------------------------- */

/* Longest timeout we hand libevent: ~34,000 years, so now + timeout never overflows. */
#define AS_MAX_TIMEOUT_SEC ((time_t)1 << 40)

/*
 * Float seconds to a timeval with microsecond precision: negative → zero (fires now),
 * huge or INF → AS_MAX_TIMEOUT_SEC. NaN throws ValueError naming argument `arg_num`.
 */
bool as_double_to_timeval(double seconds, uint32_t arg_num, struct timeval *tv);

/* ---------------------------------------------------------------------------------
 * libevent log routing (asyncstream.c, G6)
 *
 * While capture is on, libevent's messages are kept (the last one) instead of being
 * emitted, so a method can fold the detail into its own precise warning.
 * ------------------------------------------------------------------------------- */
void as_log_capture_begin(void);
/* Returns the captured message or NULL; stops capturing. */
const char *as_log_capture_end(void);

/* ---------------------------------------------------------------------------------
 * Streams (stream.c): the pieces AsyncStreamServer (server.c) builds on
 * ------------------------------------------------------------------------------- */
#include <sys/socket.h>

extern zend_class_entry *php_asyncstream_stream_ce;               /* AsyncStream */
extern zend_class_entry *php_asyncstream_stream_exception_ce;     /* AsyncStreamException */
extern zend_class_entry *php_asyncstream_dns_exception_ce;        /* AsyncStreamDnsException */

/* Per-connection options (API.md Part 2, connect() and the server's per-connection keys). */
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
/*
 * Wraps a connected, nonblocking, close-on-exec socket (ownership of fd passes to the
 * stream) in a new AsyncStream object written to *out; applies nodelay/keepalive/waters/
 * max_frame and starts reading when the loop runs. Returns false (fd closed, exception
 * thrown, *out UNDEF) on failure.
 */
bool as_stream_new_connected(zval *out, as_base *b, evutil_socket_t fd, const as_stream_opts *o);
/*
 * Parses an address in the API.md forms ("tcp://HOST:PORT", "HOST:PORT", "[IPv6]:PORT",
 * "unix:///path") into a sockaddr without DNS. Returns 1 on success (ss/sslen filled),
 * 0 when HOST is a name that needs resolution (host/port filled; host is NUL-terminated),
 * -1 after throwing ValueError naming argument arg_num. Port 0 is accepted.
 */
int as_address_parse(const char *addr, size_t len, uint32_t arg_num, struct sockaddr_storage *ss, socklen_t *sslen,
	char *host, size_t hostlen, int *port);
/*
 * Formats a sockaddr the way getLocalAddress()/getRemoteAddress() return it
 * ("tcp://127.0.0.1:40312", "tcp://[::1]:8080", "unix:///path"); NULL for an unnamed
 * unix socket or an unknown family.
 */
zend_string *as_address_format(const struct sockaddr *sa, socklen_t len);
/*
 * A new (not thrown) exception object of class ce (AsyncStreamException or a subclass)
 * with code err and a printf-formatted message. Throw it with zend_throw_exception_object()
 * or hand it to a callback; the caller owns the reference.
 */
zend_object *as_stream_exception_new(zend_class_entry *ce, int err, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);

/* Registration hooks, one per class group, called from MINIT. */
zend_result as_event_register(void);
zend_result as_stream_register(int module_number);
zend_result as_server_register(void);

/* AsyncStreamServer (server.c) */
extern zend_class_entry *php_asyncstream_server_ce;

#endif /* PHP_ASYNCSTREAM_H */
