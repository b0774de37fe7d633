/*
 * AsyncStream: a nonblocking byte stream over its own I/O (DESIGN.md, "Streams").
 *
 * One persistent level-triggered READ event, armed while the stream reads and never
 * re-armed per readiness; one read() of up to 64 KiB per readiness, straight into the
 * zend_string handed to onData when nothing is buffered and no framing is set, otherwise
 * into the input evbuffer where frames are cut. write() tries the socket at once when
 * nothing is queued and only queues the rest; the WRITE event is armed only while the
 * queue is non-empty (or while connecting). One timer serves the connect timeout, the
 * idle timeout and deferred failures. Names go through one evdns_base per EventBase.
 *
 * Close funnels through as_stream_close(): events, DNS request, buffers, fd and
 * callbacks are released there and onClose runs exactly once. libevent structures are
 * freed only when no callback of this stream is on the C stack (the `running` counter),
 * like event.c does for Event (G1).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php_asyncstream.h"
#include "php_ini.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/file.h"

#include <event2/buffer.h>
#include <event2/dns.h>
#include <event2/util.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include "as_arginfo.h"

#ifndef MSG_NOSIGNAL
# define MSG_NOSIGNAL 0
#endif

zend_class_entry *php_asyncstream_stream_ce;
zend_class_entry *php_asyncstream_stream_exception_ce;
zend_class_entry *php_asyncstream_dns_exception_ce;

static zend_object_handlers as_stream_handlers;

#define AS_READ_SIZE   (64 * 1024)   /* one read() per readiness */
#define AS_WRITE_IOV   64            /* iovecs per sendmsg() when flushing the queue */

/*
 * Fairness: what one stream may deliver per readiness before the rest waits for the next
 * loop iteration (after the other streams' events and the timers that are due). Frames
 * and bytes bound a stream's own share; the iteration budget bounds everyone's share once
 * an iteration has run long (then each stream delivers AS_DELIVER_MIN_FRAMES per iteration),
 * so a 1 s timer stays on time under a fan-out where one frame makes hundreds of writes.
 * The minimum keeps small bursts (a few pipelined requests) in one iteration, whatever
 * the machine's load.
 */
#define AS_DELIVER_MIN_FRAMES   4
#define AS_DELIVER_MAX_FRAMES   64
#define AS_DELIVER_MAX_BYTES    (64 * 1024)
#define AS_ITERATION_BUDGET_US  10000

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

/* Options kept from connect() until the socket is made (DNS may come first). */
typedef struct _as_connect_extra {
	struct sockaddr_storage bind_ss;
	socklen_t bind_len;
	bool has_bind;
	bool nodelay, keepalive;
} as_connect_extra;

typedef struct _as_stream {
	as_base *base;                 /* NULL once closed */
	as_child link;
	evutil_socket_t fd;
	struct event *rev;             /* READ|PERSIST, armed while reading */
	struct event *wev;             /* WRITE|PERSIST, armed while connecting or queue non-empty */
	struct event *tev;             /* connect timeout, idle timeout, deferred failure */
	struct evbuffer *in, *out;     /* created on first use */
	struct evdns_getaddrinfo_request *dns_req;
	struct evutil_addrinfo *ai_head, *ai_next; /* resolved addresses still to try */
	as_connect_extra *cx;        /* connect() options, only until connected */
	zend_string *addr;             /* the address connected to, normalised ("tcp://..."), or NULL */
	zend_string *delim;            /* FRAME_DELIMITER */
	size_t fixed;                  /* FRAME_FIXED */
	size_t scan;                   /* bytes of `in` known not to hold the start of a delimiter */
	size_t high_water, low_water, max_frame;
	size_t max_write_buffer;       /* 0 = unlimited */
	struct timeval connect_tv;     /* connect timeout (0 = none) */
	struct timeval idle_tv;        /* idle timeout (0 = none) */
	struct timeval last_io;        /* cached loop time of the last byte either way */
	as_callback on_connect, on_data, on_drain, on_end, on_close;
	int pending_err;               /* failure to report from the timer (connect, write) */
	uint32_t running;              /* > 0 while a libevent callback of this stream is on the stack */
	uint32_t fork_gen;             /* as_fork_generation when created: another value means inherited (G5) */
	uint32_t wrote_round;          /* the base's write round of the last write-through (coalescing) */
	int adopted_fd;                /* the descriptor given to __construct (names pipes in messages), or -1 */
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
	bool reading : 1;              /* rev is added */
	bool writing : 1;              /* wev is added */
	bool paused : 1;
	bool ending : 1;               /* end() called: FIN after the queue drains */
	bool fin_sent : 1;
	bool eof : 1;                  /* peer EOF read */
	bool end_delivered : 1;        /* onEnd fired */
	bool need_drain : 1;           /* write() returned false: onDrain at low_water */
	bool user_closed : 1;          /* close()/end() called by the user: write() throws */
	bool base_freed : 1;           /* closed by EventBase::free() */
	bool loop_owned : 1;           /* the loop holds a reference while the stream is open */
	bool overflow : 1;             /* closing because the queue would pass max_write_buffer */
	bool no_read : 1;              /* a write-only descriptor (the write end of a pipe): never read */
	bool dns_timed_out : 1;        /* the lookup failed because no nameserver answered in time */
	bool dns_conf_failed : 1;      /* the lookup failed because asyncstream.resolv_conf cannot be read */
	bool flush_pending : 1;        /* writes of this round are queued; the round's end flushes them in one call */
	bool backlog : 1;              /* frames left undelivered for fairness; the timer goes on delivering */
	zend_object std;
} as_stream;

static zend_always_inline as_stream *as_stream_from_obj(zend_object *obj)
{
	return (as_stream *)((char *)obj - XtOffsetOf(as_stream, std));
}
#define Z_AS_STREAM_P(zv) as_stream_from_obj(Z_OBJ_P(zv))

static zend_always_inline as_stream *as_stream_from_link(as_child *child)
{
	return (as_stream *)((char *)child - XtOffsetOf(as_stream, link));
}

static void as_stream_free_extra(as_stream *s)
{
	if (s->cx) {
		efree(s->cx);
		s->cx = NULL;
	}
}

static void as_stream_close(as_stream *s, zend_object *error, bool call_php);
static void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 4, 5);
static void as_stream_fail_errno(as_stream *s, const char *what, int err);
static void as_stream_deliver(as_stream *s);
static bool as_stream_flush(as_stream *s);
static void as_stream_after_write(as_stream *s);
static void as_stream_read_cb(evutil_socket_t fd, short what, void *arg);
static void as_stream_write_cb(evutil_socket_t fd, short what, void *arg);
static void as_stream_timer_cb(evutil_socket_t fd, short what, void *arg);
static void as_stream_tick(as_stream *s);
static void as_stream_detach(as_child *child);
static void as_stream_dns_cb(int result, struct evutil_addrinfo *res, void *arg);
static void as_stream_dns_after_fork(as_base *b);

/* =================================================================================
 * Exceptions
 * =============================================================================== */

zend_object *as_stream_exception_new(zend_class_entry *ce, int err, const char *fmt, ...)
{
	va_list ap;
	zend_string *msg;
	zval ex, tmp;

	va_start(ap, fmt);
	msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);

	object_init_ex(&ex, ce);
	ZVAL_STR(&tmp, msg);
	zend_update_property_ex(zend_ce_exception, Z_OBJ(ex), ZSTR_KNOWN(ZEND_STR_MESSAGE), &tmp);
	zval_ptr_dtor(&tmp);
	ZVAL_LONG(&tmp, err);
	zend_update_property_ex(zend_ce_exception, Z_OBJ(ex), ZSTR_KNOWN(ZEND_STR_CODE), &tmp);
	return Z_OBJ(ex);
}

/*
 * The peer named in error messages, in getRemoteAddress()'s form: the address connected
 * to; the TCP peer recorded when the stream was accepted or adopted (after a reset
 * getpeername() fails); getpeername(); for an accepted unix connection (unnamed peer) the
 * server's path; for a pipe or terminal its path when it has one. "fd N (pipe)" only when
 * nothing better exists, N being the descriptor the script gave.
 */
static zend_string *as_stream_peer_name(as_stream *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	zend_string *r;
	int shown_fd = s->adopted_fd >= 0 ? s->adopted_fd : (int)s->fd;

	if (s->addr) {
		return zend_string_copy(s->addr);
	}
	if (s->peer_sa.sa.sa_family != AF_UNSPEC) {
		if ((r = as_address_format(&s->peer_sa.sa, s->peer_sa.sa.sa_family == AF_INET
				? sizeof(s->peer_sa.in) : sizeof(s->peer_sa.in6)))) {
			return r;
		}
	}
	if (s->fd < 0) {
		return zend_string_init("(closed stream)", sizeof("(closed stream)") - 1, 0);
	}
	if (s->is_socket) {
		if (getpeername(s->fd, (struct sockaddr *)&ss, &len) == 0
				&& (r = as_address_format((struct sockaddr *)&ss, len))) {
			return r;
		}
		len = sizeof(ss);
		if (getsockname(s->fd, (struct sockaddr *)&ss, &len) == 0
				&& (r = as_address_format((struct sockaddr *)&ss, len))) {
			return r;
		}
		return zend_strpprintf(0, "fd %d (unnamed unix socket)", shown_fd);
	} else {
		char link[64], target[PATH_MAX];
		ssize_t n;

		snprintf(link, sizeof(link), "/proc/self/fd/%d", (int)s->fd);
		n = readlink(link, target, sizeof(target) - 1);
		if (n > 0 && target[0] == '/') {
			return zend_string_init(target, (size_t)n, 0); /* a named pipe (FIFO) or a terminal */
		}
		return zend_strpprintf(0, "fd %d (pipe)", shown_fd);
	}
}

/* Keeps the TCP peer's address, so messages can name it after a reset (getpeername() then fails). */
static void as_stream_record_peer(as_stream *s, const struct sockaddr *sa, socklen_t len)
{
	if (sa->sa_family == AF_INET && len >= sizeof(s->peer_sa.in)) {
		memcpy(&s->peer_sa.in, sa, sizeof(s->peer_sa.in));
	} else if (sa->sa_family == AF_INET6 && len >= sizeof(s->peer_sa.in6)) {
		memcpy(&s->peer_sa.in6, sa, sizeof(s->peer_sa.in6));
	}
}

/* =================================================================================
 * Object
 * =============================================================================== */

/* A close the protocol asked for (both sides ended): clean, unless a write already failed. */
static void as_stream_close_clean(as_stream *s)
{
	if (s->pending_err > 0) {
		as_stream_fail_errno(s, "write to", s->pending_err);
	} else {
		as_stream_close(s, NULL, true);
	}
}

static void as_stream_detach(as_child *child);

static zend_object *as_stream_create(zend_class_entry *ce)
{
	as_stream *s = zend_object_alloc(sizeof(as_stream), ce);

	memset(s, 0, XtOffsetOf(as_stream, std));
	zend_object_std_init(&s->std, ce);
	object_properties_init(&s->std, ce);
	s->std.handlers = &as_stream_handlers;
	s->fd = -1;
	s->adopted_fd = -1;
	s->link.detach = as_stream_detach;
	as_callback_init(&s->on_connect);
	as_callback_init(&s->on_data);
	as_callback_init(&s->on_drain);
	as_callback_init(&s->on_end);
	as_callback_init(&s->on_close);
	s->high_water = AS_STREAM_DEFAULT_HIGH_WATER;
	s->low_water = AS_STREAM_DEFAULT_LOW_WATER;
	s->max_frame = AS_STREAM_DEFAULT_MAX_FRAME;
	s->max_write_buffer = AS_STREAM_DEFAULT_MAX_WRITE_BUFFER;
	s->state = AS_ST_UNINIT;
	return &s->std;
}

/* Frees the libevent structures, unless a callback of this stream is on the stack. */
static void as_stream_release_native(as_stream *s)
{
	if (s->running) {
		return;
	}
	if (s->rev) {
		event_free(s->rev);
		s->rev = NULL;
	}
	if (s->wev) {
		event_free(s->wev);
		s->wev = NULL;
	}
	if (s->tev) {
		event_free(s->tev);
		s->tev = NULL;
	}
	if (s->in) {
		evbuffer_free(s->in);
		s->in = NULL;
	}
	if (s->out) {
		evbuffer_free(s->out);
		s->out = NULL;
	}
}

static void as_stream_clear_callbacks(as_stream *s)
{
	as_callback_clear(&s->on_connect);
	as_callback_clear(&s->on_data);
	as_callback_clear(&s->on_drain);
	as_callback_clear(&s->on_end);
	as_callback_clear(&s->on_close);
}

/* Calls onClose with any pending exception set aside, the way PHP runs destructors. */
static void as_stream_invoke_close(as_stream *s, as_base *b, zend_object *error)
{
	zval args[2];
	zend_object *old_exception = NULL;
	const zend_op *old_opline = NULL;

	if (!as_callback_isset(&s->on_close)) {
		return;
	}
	if (EG(exception)) {
		old_exception = EG(exception);
		old_opline = EG(opline_before_exception);
		EG(exception) = NULL;
	}
	ZVAL_OBJ_COPY(&args[0], &s->std);
	if (error) {
		ZVAL_OBJ_COPY(&args[1], error);
	} else {
		ZVAL_NULL(&args[1]);
	}
	as_invoke(b, &s->std, &s->on_close, 2, args);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	if (old_exception) {
		EG(opline_before_exception) = old_opline;
		if (EG(exception)) {
			zend_exception_set_previous(EG(exception), old_exception);
		} else {
			EG(exception) = old_exception;
		}
	}
}

/*
 * The one close path. Stops all I/O, unlinks from the base, calls onClose(error) once
 * (when call_php; never from free_obj), then closes the fd and drops the callbacks.
 * Takes ownership of `error`. Safe from inside any callback of this stream.
 */
static void as_stream_close(as_stream *s, zend_object *error, bool call_php)
{
	as_base *b = s->base;

	if (s->state == AS_ST_CLOSED || s->state == AS_ST_UNINIT) {
		if (error) {
			OBJ_RELEASE(error);
		}
		return;
	}
	if (s->flush_pending && s->state == AS_ST_CONNECTED && !s->pending_err && b && b->base) {
		/*
		 * Bytes coalesced this round would have been written by write() itself without
		 * coalescing: try them once (nonblocking), so close() right after write() sends
		 * what it sent before. What the socket does not take is dropped, as close() says.
		 */
		as_base_fork_check(b);
		as_stream_flush(s);
	}
	s->flush_pending = false;
	s->state = AS_ST_CLOSED;
	s->reading = s->writing = false;

	if (b && b->base) {
		as_base_fork_check(b);
		if (s->rev) {
			event_del(s->rev);
		}
		if (s->wev) {
			event_del(s->wev);
		}
		if (s->tev) {
			event_del(s->tev);
		}
	}
	if (s->dns_req) {
		struct evdns_getaddrinfo_request *req = s->dns_req;
		s->dns_req = NULL;
		evdns_getaddrinfo_cancel(req); /* calls back with EVUTIL_EAI_CANCEL, ignored */
	}
	if (s->ai_head) {
		evutil_freeaddrinfo(s->ai_head);
		s->ai_head = s->ai_next = NULL;
	}
	as_stream_free_extra(s);
	/*
	 * Free the libevent structures now, while the base is certainly alive: onClose may
	 * call EventBase::free(), which releases the native base at once when no loop runs.
	 * (With a callback of ours on the stack the loop runs, so the base outlives it.)
	 */
	as_stream_release_native(s);

	/* Unlink first: onClose may call EventBase::free(), which must not see us again. */
	if (b) {
		GC_ADDREF(&b->std);
		s->base = NULL;
		as_base_unlink(b, &s->link);
	}
	if (call_php) {
		/* The fd stays open during onClose so getLocalAddress()/getRemoteAddress() still answer. */
		as_stream_invoke_close(s, b, error);
	}
	if (error) {
		OBJ_RELEASE(error);
	}
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	if (s->delim) {
		zend_string_release(s->delim);
		s->delim = NULL;
	}
	as_stream_release_native(s);
	/*
	 * Callbacks last, and s untouched after: a closure may hold the last reference to
	 * this stream (or to the base), and releasing it may free s when nobody else holds it
	 * (base destruction at shutdown detaching us).
	 */
	{
		as_callback *cbs[5] = { &s->on_connect, &s->on_data, &s->on_drain, &s->on_end, &s->on_close };
		zval old[5];

		for (int i = 0; i < 5; i++) {
			ZVAL_COPY_VALUE(&old[i], &cbs[i]->callable);
			ZVAL_UNDEF(&cbs[i]->callable);
			cbs[i]->cached = false;
		}
		if (b) {
			OBJ_RELEASE(&b->std);
		}
		for (int i = 0; i < 5; i++) {
			zval_ptr_dtor(&old[i]);
		}
	}
	/* The loop's reference, dropped last of all: it may be the one keeping s alive. */
	if (s->loop_owned) {
		s->loop_owned = false;
		OBJ_RELEASE(&s->std);
	}
}

/* Closes with a new AsyncStreamException (or subclass) built from the format. */
static void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
{
	va_list ap;
	zend_string *msg;
	zend_object *ex;

	if (s->state == AS_ST_CLOSED) {
		return;
	}
	va_start(ap, fmt);
	msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	ex = as_stream_exception_new(ce, err, "%s", ZSTR_VAL(msg));
	zend_string_release(msg);
	as_stream_close(s, ex, true);
}

static void as_stream_fail_errno(as_stream *s, const char *what, int err)
{
	zend_string *peer = as_stream_peer_name(s);

	as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "%s %s failed: %s",
		what, ZSTR_VAL(peer), strerror(err));
	zend_string_release(peer);
}

static void as_stream_detach(as_child *child)
{
	as_stream *s = as_stream_from_link(child);
	as_base *b = s->base;

	s->base_freed = true;
	if (b && !b->was_freed) {
		/*
		 * The base is being destroyed, so its loop is not running: a non-zero count is
		 * left over from a bailout (fatal error, exit) inside one of our callbacks.
		 */
		s->running = 0;
	}
	/*
	 * EventBase::free() is a PHP call: onClose runs (exactly once). Base destruction
	 * (GC of a cycle, shutdown) is not a place to run PHP: release natively only.
	 */
	if (b && b->was_freed) {
		/*
		 * Nobody else holds this stream for the duration of the close (the other paths run
		 * inside a method call or one of our libevent callbacks, which do): onClose may
		 * drop the last reference, and the close must finish before the object goes.
		 */
		GC_ADDREF(&s->std);
		as_stream_close(s, NULL, true);
		OBJ_RELEASE(&s->std);
	} else {
		as_stream_close(s, NULL, false);
	}
}

static void as_stream_dtor_obj(zend_object *obj)
{
	as_stream *s = as_stream_from_obj(obj);

	/*
	 * An open stream is referenced by its loop, so this runs for one only in the
	 * destructor pass at shutdown: a local close, onClose(null) (PHP is allowed here).
	 */
	if (s->state != AS_ST_CLOSED && s->state != AS_ST_UNINIT) {
		bool owned = s->loop_owned;

		if (owned && (EG(flags) & EG_FLAGS_IN_SHUTDOWN)) {
			/*
			 * The close drops the loop's reference; when that is the last one besides the
			 * destructor pass's own, the pass would leave the object unfreed (refcount 0,
			 * still in the store): keep one reference and drop it at RSHUTDOWN.
			 */
			GC_ADDREF(obj);
			as_release_after_destructors(obj);
		}
		s->user_closed = true;
		as_stream_close(s, NULL, true);
	}
}

static void as_stream_free_obj(zend_object *obj)
{
	as_stream *s = as_stream_from_obj(obj);

	/* Only reached with the loop's reference still held when the object store frees everything at shutdown. */
	s->loop_owned = false;
	as_stream_close(s, NULL, false);
	as_stream_clear_callbacks(s);
	s->running = 0;
	as_stream_release_native(s);
	if (s->addr) {
		zend_string_release(s->addr);
	}
	if (s->delim) {
		zend_string_release(s->delim);
	}
	zend_object_std_dtor(obj);
}

static HashTable *as_stream_get_gc(zend_object *obj, zval **table, int *n)
{
	as_stream *s = as_stream_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();

	as_callback_gc(buf, &s->on_connect);
	as_callback_gc(buf, &s->on_data);
	as_callback_gc(buf, &s->on_drain);
	as_callback_gc(buf, &s->on_end);
	as_callback_gc(buf, &s->on_close);
	if (s->base) {
		zend_get_gc_buffer_add_obj(buf, &s->base->std);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

/* getLocalAddress()/getRemoteAddress(): NULL when unknown, unnamed or closed. */
static zend_string *as_stream_sockname(as_stream *s, bool remote)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (s->fd < 0 || !s->is_socket || s->state == AS_ST_RESOLVING) {
		return NULL;
	}
	memset(&ss, 0, sizeof(ss));
	if ((remote ? getpeername(s->fd, (struct sockaddr *)&ss, &len) : getsockname(s->fd, (struct sockaddr *)&ss, &len)) != 0) {
		return NULL;
	}
	return as_address_format((struct sockaddr *)&ss, len);
}

/*
 * var_dump()/print_r(): the properties ($data), then what a debugging user wants to see,
 * computed now (the shape agreed with AsyncStreamServer's). Runs no user code.
 */
static HashTable *as_stream_get_debug_info(zend_object *obj, int *is_temp)
{
	static const char *const states[] = { "uninitialised", "resolving", "connecting", "connected", "closed" };
	as_stream *s = as_stream_from_obj(obj);
	HashTable *ht = zend_array_dup(zend_std_get_properties(obj));
	zend_string *str;
	zval v;

	*is_temp = 1;
	ZVAL_STRING(&v, states[s->state]);
	zend_hash_str_update(ht, "state", sizeof("state") - 1, &v);
	if ((str = as_stream_sockname(s, false))) {
		ZVAL_STR(&v, str);
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(ht, "local_address", sizeof("local_address") - 1, &v);
	if ((str = as_stream_sockname(s, true))) {
		ZVAL_STR(&v, str);
	} else if (s->addr && s->state != AS_ST_CLOSED) {
		ZVAL_STR_COPY(&v, s->addr); /* still resolving or connecting */
	} else {
		ZVAL_NULL(&v);
	}
	zend_hash_str_update(ht, "remote_address", sizeof("remote_address") - 1, &v);
	ZVAL_LONG(&v, s->out && s->state != AS_ST_CLOSED ? (zend_long)evbuffer_get_length(s->out) : 0);
	zend_hash_str_update(ht, "write_buffer_size", sizeof("write_buffer_size") - 1, &v);
	ZVAL_LONG(&v, s->in && s->state != AS_ST_CLOSED ? (zend_long)evbuffer_get_length(s->in) : 0);
	zend_hash_str_update(ht, "read_buffer_size", sizeof("read_buffer_size") - 1, &v);
	ZVAL_BOOL(&v, s->paused);
	zend_hash_str_update(ht, "paused", sizeof("paused") - 1, &v);
	ZVAL_BOOL(&v, s->ending);
	zend_hash_str_update(ht, "ended", sizeof("ended") - 1, &v);
	ZVAL_BOOL(&v, s->eof);
	zend_hash_str_update(ht, "peer_ended", sizeof("peer_ended") - 1, &v);
	return ht;
}

/* Throws Error for an unconstructed stream or one whose base was freed (G2). */
static as_stream *as_stream_this(zval *zthis, const char *method, bool allow_closed)
{
	as_stream *s = Z_AS_STREAM_P(zthis);

	if (UNEXPECTED(s->state == AS_ST_UNINIT)) {
		zend_throw_error(NULL, "AsyncStream::%s: the stream is not initialised (its constructor was not called)", method);
		return NULL;
	}
	if (UNEXPECTED(s->base_freed && !allow_closed)) {
		zend_throw_error(NULL, "AsyncStream::%s: the stream's EventBase has been freed", method);
		return NULL;
	}
	if (s->base) {
		as_base_fork_check(s->base); /* G5: every method may reach libevent */
	}
	return s;
}

/* =================================================================================
 * Setup
 * =============================================================================== */

static void as_stream_touch(as_stream *s)
{
	if (s->idle_on && s->base && s->base->base) {
		event_base_gettimeofday_cached(s->base->base, &s->last_io);
	}
}

static bool as_stream_arm_read(as_stream *s)
{
	if (!s->reading && !s->paused && !s->eof && !s->no_read && s->state == AS_ST_CONNECTED) {
		int r;

		/* A refusal is reported by the caller with errno, not as a raw libevent line (G6). */
		as_log_capture_begin();
		errno = 0;
		r = event_add(s->rev, NULL);
		as_log_capture_end();
		if (r != 0) {
			if (!errno) {
				errno = EINVAL;
			}
			return false;
		}
		s->reading = true;
	}
	return true;
}

static void as_stream_disarm_read(as_stream *s)
{
	if (s->reading) {
		event_del(s->rev);
		s->reading = false;
	}
}

/*
 * The WRITE event exists only once a stream has had to wait for the socket (a connect,
 * a short write): most connections never need it, and an idle one is ~130 bytes lighter.
 */
static bool as_stream_arm_write(as_stream *s)
{
	if (!s->writing) {
		if (!s->wev && !(s->wev = event_new(s->base->base, s->fd, EV_WRITE | EV_PERSIST, as_stream_write_cb, s))) {
			return false;
		}
		event_add(s->wev, NULL);
		s->writing = true;
	}
	return true;
}

static void as_stream_disarm_write(as_stream *s)
{
	if (s->writing) {
		event_del(s->wev);
		s->writing = false;
	}
}

static bool as_stream_ensure_timer(as_stream *s)
{
	if (!s->tev) {
		s->tev = evtimer_new(s->base->base, as_stream_timer_cb, s);
	}
	return s->tev != NULL;
}

/* Reports `err` from the timer on the next loop iteration (never from inside a PHP method). */
static void as_stream_defer_error(as_stream *s, int err)
{
	struct timeval now = {0, 0};

	if (!s->pending_err) {
		s->pending_err = err;
	}
	if (as_stream_ensure_timer(s)) {
		event_add(s->tev, &now);
	}
}

/* Runs the timer at the start of the next iteration: a deferred flush or delivery (it re-arms the idle timeout after). */
static void as_stream_tick_soon(as_stream *s)
{
	static const struct timeval zero = {0, 0};

	if (as_stream_ensure_timer(s)) {
		event_add(s->tev, &zero);
	}
}

static void as_stream_arm_idle(as_stream *s)
{
	if (s->idle_on && s->state == AS_ST_CONNECTED && !s->pending_err && as_stream_ensure_timer(s)) {
		event_base_gettimeofday_cached(s->base->base, &s->last_io);
		if (!s->backlog) {
			event_add(s->tev, &s->idle_tv); /* else the pending tick re-arms it after its work */
		}
	}
}

static void as_stream_apply_sockopts(as_stream *s, bool nodelay, bool keepalive)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int on;

	if (!s->is_socket || getsockname(s->fd, (struct sockaddr *)&ss, &len) != 0) {
		return;
	}
	if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
		on = nodelay;
		setsockopt(s->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
		if (keepalive) {
			on = 1;
			setsockopt(s->fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
		}
	}
}

/* Creates the read/write events for s->fd (first time or after switching to the next address). */
static bool as_stream_assign_fd_events(as_stream *s)
{
	struct event_base *eb = s->base->base;

	if (s->rev) {
		event_del(s->rev);
		event_assign(s->rev, eb, s->fd, EV_READ | EV_PERSIST, as_stream_read_cb, s);
	} else if (!(s->rev = event_new(eb, s->fd, EV_READ | EV_PERSIST, as_stream_read_cb, s))) {
		return false;
	}
	if (s->wev) {
		event_del(s->wev);
		event_assign(s->wev, eb, s->fd, EV_WRITE | EV_PERSIST, as_stream_write_cb, s);
	}
	s->reading = s->writing = false;
	return true;
}

/* Links a fresh stream object to b; the caller fills in the rest. */
static void as_stream_attach(as_stream *s, as_base *b, const as_stream_opts *o)
{
	as_base_link(b, &s->link);
	s->base = b;
	/*
	 * An open stream belongs to its loop until it closes, like a socket in ReactPHP or
	 * Node: a connection nobody stores (a server's onConnection, a fluent connect()
	 * chain), or one reachable only through its own closures, stays open. close(),
	 * end(), the peer, an error or EventBase::free() end it; the reference goes with it.
	 */
	GC_ADDREF(&s->std);
	s->loop_owned = true;
	s->fork_gen = as_fork_generation;
	s->high_water = o->high_water;
	s->low_water = o->low_water;
	s->max_frame = o->max_frame;
	s->max_write_buffer = o->max_write_buffer;
}

/* Turns an attached stream with a connected fd into a reading stream. */
static bool as_stream_start_connected(as_stream *s)
{
	s->state = AS_ST_CONNECTED;
	if (!as_stream_assign_fd_events(s) || !as_stream_arm_read(s)) {
		return false;
	}
	return true;
}

/*
 * Makes the fresh stream s own the connected descriptor fd on base b and start reading.
 * On failure: fd closed, s left closed (no PHP called), errno set, false returned.
 */
static bool as_stream_init_connected(as_stream *s, as_base *b, evutil_socket_t fd, bool is_socket,
	const as_stream_opts *o)
{
	as_base_fork_check(b);
	as_stream_attach(s, b, o);
	s->fd = fd;
	s->is_socket = is_socket;
	s->state = AS_ST_CONNECTING; /* so that as_stream_close() releases everything on failure */
	as_stream_apply_sockopts(s, o->nodelay, o->keepalive);
	if (!as_stream_start_connected(s)) {
		int err = errno;
		as_stream_close(s, NULL, false);
		errno = err;
		return false;
	}
	return true;
}

bool as_stream_new_connected(zval *out, as_base *b, evutil_socket_t fd, const as_stream_opts *o)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	object_init_ex(out, php_asyncstream_stream_ce);
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
		as_stream_record_peer(Z_AS_STREAM_P(out), (struct sockaddr *)&ss, len);
	}
	if (!as_stream_init_connected(Z_AS_STREAM_P(out), b, fd, true, o)) {
		int err = errno;
		zval_ptr_dtor(out);
		ZVAL_UNDEF(out);
		zend_throw_exception_ex(php_asyncstream_stream_exception_ce, err,
			"cannot watch the accepted connection (fd %d): %s", (int)fd, strerror(err));
		return false;
	}
	return true;
}

/* =================================================================================
 * Connect
 * =============================================================================== */

/* Starts a nonblocking connect() to sa. Returns 0, or the errno of an immediate failure. */
static int as_stream_connect_to(as_stream *s, const struct sockaddr *sa, socklen_t salen,
	const struct sockaddr_storage *bind_ss, socklen_t bind_len)
{
	evutil_socket_t fd;
	int on = 1;

	if (s->fd >= 0) {
		if (s->rev) {
			event_del(s->rev);
		}
		if (s->wev) {
			event_del(s->wev);
		}
		close(s->fd);
		s->fd = -1;
	}
	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return errno;
	}
	s->fd = fd;
	s->is_socket = true;
	if (sa->sa_family != AF_UNIX) {
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	}
	if (bind_ss) {
		if (bind_ss->ss_family != sa->sa_family) {
			return EAFNOSUPPORT;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		if (bind(fd, (const struct sockaddr *)bind_ss, bind_len) != 0) {
			return errno;
		}
	}
	if (!as_stream_assign_fd_events(s)) {
		return ENOMEM;
	}
	if (connect(fd, sa, salen) != 0 && errno != EINPROGRESS && errno != EINTR) {
		return errno;
	}
	/* Success or not is learnt when the socket becomes writable (also for an immediate success). */
	s->state = AS_ST_CONNECTING;
	if (!as_stream_arm_write(s)) {
		return ENOMEM;
	}
	return 0;
}


static zend_always_inline as_connect_extra *as_stream_extra(as_stream *s)
{
	return s->cx;
}


static void as_stream_try_next(as_stream *s)
{
	int err = ECONNREFUSED;

	s->state = AS_ST_CONNECTING;
	while (s->ai_next) {
		struct evutil_addrinfo *ai = s->ai_next;
		as_connect_extra *x = as_stream_extra(s);

		s->ai_next = ai->ai_next;
		err = as_stream_connect_to(s, ai->ai_addr, (socklen_t)ai->ai_addrlen,
			x->has_bind ? &x->bind_ss : NULL, x->bind_len);
		if (err == 0) {
			return;
		}
	}
	as_stream_defer_error(s, err);
}

/*
 * What stream.c keeps per base, in b->dns (the slot event.c frees and re-forks through
 * its hooks), created lazily: the resolver and the resolv.conf it was configured from,
 * and the end-of-iteration flush of coalesced writes.
 */
typedef struct _as_dns {
	struct evdns_base *evdns;      /* NULL until a stream of the base resolves a name */
	double try_timeout;            /* seconds evdns waits per try ("options timeout:", default 5) */
	int conf_errno;                /* the asyncstream.resolv_conf file could not be read: why */
	char *conf;                    /* the resolv.conf path, NULL until evdns exists */
	/* Write coalescing (as_stream_do_write): a "round" is the rest of one loop iteration. */
	struct event *round_ev;        /* activated by the first write-through of a round; runs after its callbacks */
	uint32_t round;                /* bumped when round_ev runs: a stream's wrote_round tells "this round" */
	bool round_active;
	uint32_t nflush, capflush;
	zend_object **flush;           /* streams with coalesced bytes (one reference each) */
} as_dns;

#define AS_DNS_DEFAULT_TIMEOUT 5.0 /* evdns's own default */

/*
 * evdns reports a lookup that got no answer as EVUTIL_EAI_FAIL, the same as a refusal or
 * a SERVFAIL. To tell them apart we need the per-try timeout it uses, which it does not
 * expose: read it from the same file ("options timeout:N", as evdns parses it).
 */
static double as_dns_conf_timeout(const char *conf)
{
	double t = AS_DNS_DEFAULT_TIMEOUT;
	char line[1024];
	FILE *f = fopen(conf, "re");

	if (!f) {
		return t;
	}
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save);

		if (!tok || strcmp(tok, "options") != 0) {
			continue;
		}
		while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
			if (strncmp(tok, "timeout:", 8) == 0) {
				double v = zend_strtod(tok + 8, NULL);
				if (v > 0) {
					t = v;
				}
			}
		}
	}
	fclose(f);
	return t;
}

/* Why the file cannot be read (0 when it can), the way evdns would read it. */
static int as_dns_conf_unreadable(const char *conf)
{
	char c;
	int fd = open(conf, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0) {
		return errno;
	}
	if (read(fd, &c, 1) < 0) {
		err = errno;
	}
	close(fd);
	return err;
}

static void as_stream_dns_free(as_base *b)
{
	as_dns *d = (as_dns *)b->dns;

	if (d) {
		b->dns = NULL;
		if (d->evdns) {
			evdns_base_free(d->evdns, 0);
		}
		if (d->round_ev) {
			event_free(d->round_ev);
		}
		if (d->conf) {
			efree(d->conf);
		}
		/* Streams are detached (closed) by now: dropping our references runs no PHP. */
		for (uint32_t i = 0; i < d->nflush; i++) {
			OBJ_RELEASE(d->flush[i]);
		}
		if (d->flush) {
			efree(d->flush);
		}
		efree(d);
	}
}

/* The base's stream state (b->dns), created on first use; NULL only when the base is gone. */
static as_dns *as_base_state(as_base *b)
{
	if (!b->dns) {
		if (!b->base) {
			return NULL;
		}
		b->dns = ecalloc(1, sizeof(as_dns));
		b->dns_free = as_stream_dns_free;
		b->dns_after_fork = as_stream_dns_after_fork;
	}
	return (as_dns *)b->dns;
}

static struct evdns_base *as_base_dns(as_base *b)
{
	as_dns *d = as_base_state(b);

	if (d && !d->evdns) {
		/* Idle, the resolver's sockets do not keep loop() running. */
		struct evdns_base *dns = evdns_base_new(b->base, EVDNS_BASE_DISABLE_WHEN_INACTIVE);
		const char *ini = INI_STR("asyncstream.resolv_conf");
		const char *conf = ini && *ini ? ini : "/etc/resolv.conf";

		if (!dns) {
			return NULL;
		}
		/* resolv.conf (nameservers, options) and /etc/hosts. */
		int r = evdns_base_resolv_conf_parse(dns, DNS_OPTIONS_ALL, conf);

		d->evdns = dns;
		d->try_timeout = as_dns_conf_timeout(conf);
		d->conf_errno = 0;
		if (r != 0 && ini && *ini) {
			/*
			 * A file the user named but that cannot be read is a configuration error, not
			 * something to paper over with evdns's defaults (a nameserver on 127.0.0.1:53,
			 * so every lookup would just time out): lookups fail at once, naming the file.
			 * A missing /etc/resolv.conf keeps those defaults, as the C library does.
			 */
			d->conf_errno = as_dns_conf_unreadable(conf);
		}
		d->conf = estrdup(conf);
	}
	return d ? d->evdns : NULL;
}

static void as_stream_dns_cb(int result, struct evutil_addrinfo *res, void *arg)
{
	as_stream *s = (as_stream *)arg;

	if (result == EVUTIL_EAI_CANCEL) {
		/* A cancelled lookup answers later, from a deferred callback: s may be gone, never touch it. */
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	s->dns_req = NULL;
	if (s->state != AS_ST_RESOLVING) {
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	if (result == EVUTIL_EAI_FAIL && s->base && s->base->dns && ((as_dns *)s->base->dns)->evdns) {
		struct timeval now, took;
		double t = ((as_dns *)s->base->dns)->try_timeout;

		evutil_gettimeofday(&now, NULL);
		timersub(&now, &s->last_io, &took);
		if ((double)took.tv_sec + took.tv_usec / 1e6 >= t * 0.95) {
			/* No answer within the resolver's timeout: a temporary failure, not "non-recoverable". */
			result = EVUTIL_EAI_AGAIN;
			s->dns_timed_out = true;
		}
	}
	if (result != 0 || !res) {
		/* From the timer, so onClose never runs inside connect() (the answer may be synchronous). */
		as_stream_defer_error(s, result != 0 ? result : EVUTIL_EAI_NONAME);
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	s->ai_head = res;
	s->ai_next = res;
	as_stream_try_next(s);
}

/* Starts resolving host for s (state RESOLVING); the answer continues in as_stream_dns_cb(). */
static void as_stream_resolve(as_stream *s, const char *host, int port)
{
	struct evdns_base *dns = as_base_dns(s->base);
	struct evutil_addrinfo hints;
	struct evdns_getaddrinfo_request *req;
	char service[8];

	s->state = AS_ST_RESOLVING;
	if (!dns) {
		as_stream_defer_error(s, EVUTIL_EAI_MEMORY);
		return;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = s->cx && s->cx->has_bind ? s->cx->bind_ss.ss_family : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	snprintf(service, sizeof(service), "%d", port);
	/* When the lookup fails, its duration tells a timeout from a refusal; last_io is unused until connected. */
	evutil_gettimeofday(&s->last_io, NULL);
	/* May answer synchronously (hosts file); the callback never calls PHP. */
	req = evdns_getaddrinfo(dns, host, service, &hints, as_stream_dns_cb, s);
	if (s->state == AS_ST_RESOLVING && !s->ai_head && !s->pending_err) {
		if (((as_dns *)s->base->dns)->conf_errno && req) {
			/* Not in the hosts file, and no nameserver to ask: fail now, naming the file. */
			evdns_getaddrinfo_cancel(req);
			s->dns_conf_failed = true;
			as_stream_defer_error(s, EVUTIL_EAI_SYSTEM);
			return;
		}
		s->dns_req = req;
	}
}

/*
 * In a forked child (G5): the resolver's UDP sockets are shared with the parent, so an
 * answer could reach the wrong process. The child closes its copies, opens nameserver
 * sockets of its own from the same resolv.conf, and re-sends the lookups in flight.
 */
static void as_stream_dns_after_fork(as_base *b)
{
	as_dns *d = (as_dns *)b->dns;

	if (!d->evdns) {
		return;
	}
	evdns_base_clear_nameservers_and_suspend(d->evdns);
	evdns_base_resolv_conf_parse(d->evdns, DNS_OPTION_NAMESERVERS, d->conf);
	evdns_base_resume(d->evdns);
}

/* =================================================================================
 * Reading
 * =============================================================================== */

/* Delivers one frame to onData. Returns false when delivery must stop (closed, exception). */
static bool as_stream_emit(as_stream *s, zend_string *data)
{
	zval args[2];
	bool ok;

	ZVAL_OBJ_COPY(&args[0], &s->std);
	ZVAL_STR(&args[1], data);
	ok = as_invoke(s->base, &s->std, &s->on_data, 2, args);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	return ok && s->state == AS_ST_CONNECTED;
}

static zend_string *as_stream_take(as_stream *s, size_t n, size_t skip)
{
	zend_string *frame = zend_string_alloc(n, 0);

	if (n) {
		evbuffer_remove(s->in, ZSTR_VAL(frame), n);
	}
	ZSTR_VAL(frame)[n] = '\0';
	if (skip) {
		evbuffer_drain(s->in, skip);
	}
	s->scan = 0;
	return frame;
}

static void as_stream_frame_too_large(as_stream *s, size_t size)
{
	zend_string *peer = as_stream_peer_name(s);

	if (size) {
		as_stream_fail(s, php_asyncstream_stream_exception_ce, EMSGSIZE,
			"frame from %s is larger than max_frame (%zu bytes, got %zu)", ZSTR_VAL(peer), s->max_frame, size);
	} else {
		as_stream_fail(s, php_asyncstream_stream_exception_ce, EMSGSIZE,
			"frame from %s is larger than max_frame (%zu bytes)", ZSTR_VAL(peer), s->max_frame);
	}
	zend_string_release(peer);
}

/* Cuts the next frame out of `in`, or returns NULL (not enough bytes, or closed for EMSGSIZE). */
static zend_string *as_stream_next_frame(as_stream *s)
{
	size_t len = s->in ? evbuffer_get_length(s->in) : 0;

	if (len == 0) {
		return NULL;
	}
	switch (s->framing) {
		case AS_FRAME_DELIMITER: {
			size_t dlen = ZSTR_LEN(s->delim);
			struct evbuffer_ptr start, pos;

			if (s->scan < len) {
				evbuffer_ptr_set(s->in, &start, s->scan, EVBUFFER_PTR_SET);
				pos = evbuffer_search(s->in, ZSTR_VAL(s->delim), dlen, &start);
				if (pos.pos >= 0) {
					if ((size_t)pos.pos > s->max_frame) {
						as_stream_frame_too_large(s, (size_t)pos.pos);
						return NULL;
					}
					return as_stream_take(s, (size_t)pos.pos, dlen);
				}
				s->scan = len >= dlen ? len - dlen + 1 : 0;
			}
			if (len > s->max_frame + dlen - 1) {
				as_stream_frame_too_large(s, 0);
				return NULL;
			}
			if (s->eof) {
				return as_stream_take(s, len, 0); /* the bytes after the last delimiter */
			}
			return NULL;
		}
		case AS_FRAME_FIXED:
			if (s->fixed > s->max_frame) {
				as_stream_frame_too_large(s, s->fixed);
				return NULL;
			}
			if (len >= s->fixed) {
				return as_stream_take(s, s->fixed, 0);
			}
			if (s->eof) {
				return as_stream_take(s, len, 0); /* a short last frame */
			}
			return NULL;
		default:
			return as_stream_take(s, len, 0);
	}
}

/* After the peer's EOF was delivered: onEnd, then close when our side has ended too. */
static void as_stream_deliver_end(as_stream *s)
{
	if (!s->end_delivered) {
		zval arg;
		bool ok;

		s->end_delivered = true;
		ZVAL_OBJ_COPY(&arg, &s->std);
		ok = as_invoke(s->base, &s->std, &s->on_end, 1, &arg);
		zval_ptr_dtor(&arg);
		if (!ok) {
			if (s->state == AS_ST_CONNECTED && EG(exception)) {
				/* G4: finish the close bookkeeping on the next loop run. */
				event_active(s->rev, EV_READ, 1);
			}
			return;
		}
		if (s->state != AS_ST_CONNECTED) {
			return;
		}
		if (!as_callback_isset(&s->on_end) && !s->ending) {
			/* Nobody handles the half-close: end our side too (queued bytes go first). */
			s->ending = true;
			if (!s->out || evbuffer_get_length(s->out) == 0) {
				as_stream_after_write(s);
				return;
			}
			return;
		}
	}
	if (s->fin_sent || ((!s->is_socket || s->fork_gen != as_fork_generation) && s->ending)) {
		as_stream_close_clean(s);
	}
}

/* True once this loop iteration has run longer than the budget (its cached time is when it started). */
static bool as_stream_iteration_over_budget(as_stream *s)
{
	struct timeval start, now, took;

	if (!s->base || !s->base->base || event_base_gettimeofday_cached(s->base->base, &start) != 0) {
		return false;
	}
	evutil_gettimeofday(&now, NULL);
	timersub(&now, &start, &took);
	return took.tv_sec > 0 || took.tv_usec > AS_ITERATION_BUDGET_US;
}

/*
 * Delivers the complete frames the input holds, re-checking the stream after each call
 * (G1) — up to the fairness bounds; then the rest waits for the next iteration (backlog).
 */
static void as_stream_deliver(as_stream *s)
{
	uint32_t frames = 0;
	size_t bytes = 0;

	s->backlog = false;
	while (s->state == AS_ST_CONNECTED && !s->paused) {
		zend_string *frame;

		if (frames >= AS_DELIVER_MIN_FRAMES && (frames >= AS_DELIVER_MAX_FRAMES || bytes >= AS_DELIVER_MAX_BYTES
				|| as_stream_iteration_over_budget(s))) {
			if (s->in && evbuffer_get_length(s->in) > 0) {
				s->backlog = true;
				as_stream_tick_soon(s);
				return;
			}
			break;
		}
		frame = as_stream_next_frame(s);
		if (!frame) {
			break;
		}
		frames++;
		bytes += ZSTR_LEN(frame);
		if (!as_stream_emit(s, frame)) {
			if (s->state == AS_ST_CONNECTED && EG(exception)) {
				/* G4: the rest stays buffered; the next loop run goes on from here. */
				event_active(s->rev, EV_READ, 1);
			}
			return;
		}
	}
	if (s->state == AS_ST_CONNECTED && !s->paused && s->eof && (!s->in || evbuffer_get_length(s->in) == 0)) {
		as_stream_deliver_end(s);
	}
}

/* READ readiness (or a re-delivery): one read() of up to 64 KiB, then deliver what the input holds. */
static void as_stream_read_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream *s = (as_stream *)arg;
	ssize_t n;
	int err;

	if (UNEXPECTED(s->state != AS_ST_CONNECTED)) {
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		/* Another callback of this batch threw: deliver nothing now (no frame may be lost), retry next loop. */
		event_active(s->rev, EV_READ, 1);
		return;
	}
	GC_ADDREF(&s->std);
	s->running++;

	if (s->paused) {
		goto done;
	}
	if (!s->eof && s->reading && !s->backlog) {
		/* (With a backlog the buffered frames go first: reading more would only grow the buffer.) */
		if (s->framing == AS_FRAME_NONE && (!s->in || evbuffer_get_length(s->in) == 0)) {
			/*
			 * The common case. Read into one scratch buffer shared by all streams, then
			 * make the string onData gets at its exact size: one small allocation and a
			 * copy of the bytes read, instead of a 64 KiB allocation shrunk afterwards
			 * (which cost ~15% of the server's user-space instructions at 64 B).
			 */
			static char scratch[AS_READ_SIZE];
			zend_string *str;

			do {
				n = read(s->fd, scratch, AS_READ_SIZE);
			} while (n < 0 && errno == EINTR);
			err = errno;
			if (n > 0) {
				as_stream_touch(s);
				str = zend_string_init(scratch, (size_t)n, 0);
				as_stream_emit(s, str);
				if (s->state == AS_ST_CONNECTED && !EG(exception)) {
					as_stream_deliver(s); /* framing may have been set with bytes left over: none here */
				}
				goto done;
			}
			errno = err;
		} else {
			struct evbuffer_iovec vec;

			if (!s->in && !(s->in = evbuffer_new())) {
				as_stream_fail_errno(s, "read from", ENOMEM);
				goto done;
			}
			if (evbuffer_reserve_space(s->in, AS_READ_SIZE, &vec, 1) < 1) {
				as_stream_fail_errno(s, "read from", ENOMEM);
				goto done;
			}
			do {
				n = read(s->fd, vec.iov_base, AS_READ_SIZE < vec.iov_len ? AS_READ_SIZE : vec.iov_len);
			} while (n < 0 && errno == EINTR);
			if (n > 0) {
				vec.iov_len = (size_t)n;
				evbuffer_commit_space(s->in, &vec, 1);
				as_stream_touch(s);
			}
		}
		if (n == 0) {
			s->eof = true;
			as_stream_disarm_read(s);
		} else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			as_stream_fail_errno(s, "read from", errno);
			goto done;
		}
	}
	as_stream_deliver(s);

done:
	s->running--;
	if (s->state == AS_ST_CLOSED) {
		as_stream_release_native(s);
	}
	OBJ_RELEASE(&s->std);
}

/* =================================================================================
 * Writing
 * =============================================================================== */

/*
 * writev() to a pipe or terminal without ever raising SIGPIPE (sockets use MSG_NOSIGNAL):
 * a SAPI may leave SIGPIPE at its default action, which kills the process when the
 * reader is gone. SIGPIPE is blocked around the write; one our write raised is consumed
 * with sigtimedwait() (unless one was pending already), so the failure is only EPIPE.
 */
static ssize_t as_pipe_writev(int fd, const struct iovec *iov, int iovcnt)
{
	sigset_t pipe_set, old, pending;
	bool was_pending;
	ssize_t n;
	int err;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigemptyset(&pending);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE) == 1;
	do {
		n = writev(fd, iov, iovcnt);
	} while (n < 0 && errno == EINTR);
	err = errno;
	if (n < 0 && err == EPIPE && !was_pending) {
		static const struct timespec zero = {0, 0};
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR) {
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return n;
}

static ssize_t as_stream_send(as_stream *s, const char *data, size_t len)
{
	ssize_t n;

	if (!s->is_socket) {
		struct iovec iov = { (void *)data, len };
		return as_pipe_writev(s->fd, &iov, 1);
	}
	do {
		n = send(s->fd, data, len, MSG_NOSIGNAL);
	} while (n < 0 && errno == EINTR);
	return n;
}

/* Writes as much of the queue as the socket takes, in one call. Returns false on a write error (errno). */
static bool as_stream_flush(as_stream *s)
{
	struct evbuffer_iovec vec[AS_WRITE_IOV];
	struct iovec iov[AS_WRITE_IOV];
	int nvec;
	ssize_t n;

	if (!s->out || evbuffer_get_length(s->out) == 0) {
		return true;
	}
	nvec = evbuffer_peek(s->out, -1, NULL, vec, AS_WRITE_IOV);
	if (nvec > AS_WRITE_IOV) {
		nvec = AS_WRITE_IOV;
	}
	for (int i = 0; i < nvec; i++) {
		iov[i].iov_base = vec[i].iov_base;
		iov[i].iov_len = vec[i].iov_len;
	}
	if (s->is_socket) {
		struct msghdr msg;

		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = iov;
		msg.msg_iovlen = (size_t)nvec;
		do {
			n = sendmsg(s->fd, &msg, MSG_NOSIGNAL);
		} while (n < 0 && errno == EINTR);
	} else {
		n = as_pipe_writev(s->fd, iov, nvec);
	}
	if (n < 0) {
		return errno == EAGAIN || errno == EWOULDBLOCK;
	}
	evbuffer_drain(s->out, (size_t)n);
	as_stream_touch(s);
	return true;
}

/* After the queue shrank: disarm, FIN when ending, onDrain when below low_water. */
static void as_stream_after_write(as_stream *s)
{
	size_t left = s->out ? evbuffer_get_length(s->out) : 0;

	if (left == 0) {
		as_stream_disarm_write(s);
		if (s->ending && !s->fin_sent) {
			if (!s->is_socket || s->fork_gen != as_fork_generation) {
				/*
				 * No half-close: a pipe has none; and a stream inherited across fork()
				 * shares its socket with the parent, where shutdown() would end the
				 * parent's connection too (G5). Closing releases only our descriptor.
				 */
				as_stream_close_clean(s);
				return;
			}
			shutdown(s->fd, SHUT_WR);
			s->fin_sent = true;
			if (s->eof && s->end_delivered) {
				as_stream_close_clean(s);
				return;
			}
		}
	}
	if (s->need_drain && left <= s->low_water) {
		zval arg;

		s->need_drain = false;
		ZVAL_OBJ_COPY(&arg, &s->std);
		as_invoke(s->base, &s->std, &s->on_drain, 1, &arg);
		zval_ptr_dtor(&arg);
	}
}

static void as_stream_connected(as_stream *s)
{
	zval arg;

	if (s->ai_head) {
		evutil_freeaddrinfo(s->ai_head);
		s->ai_head = s->ai_next = NULL;
	}
	if (s->tev) {
		event_del(s->tev);
	}
	s->state = AS_ST_CONNECTED;
	if (s->cx) {
		as_stream_apply_sockopts(s, s->cx->nodelay, s->cx->keepalive);
		as_stream_free_extra(s);
	}
	as_stream_arm_read(s);
	as_stream_arm_idle(s);
	if (!s->out || evbuffer_get_length(s->out) == 0) {
		as_stream_disarm_write(s);
	}
	ZVAL_OBJ_COPY(&arg, &s->std);
	as_invoke(s->base, &s->std, &s->on_connect, 1, &arg);
	zval_ptr_dtor(&arg);
	if (s->state != AS_ST_CONNECTED || EG(exception)) {
		return;
	}
	/* Bytes written while connecting, or an end() called then. */
	if (s->out && evbuffer_get_length(s->out) > 0) {
		if (!as_stream_flush(s)) {
			as_stream_fail_errno(s, "write to", errno);
			return;
		}
	}
	as_stream_after_write(s);
}

static void as_stream_write_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream *s = (as_stream *)arg;

	if (UNEXPECTED(s->state != AS_ST_CONNECTED && s->state != AS_ST_CONNECTING)) {
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		return; /* level-triggered and persistent: fires again on the next loop run */
	}
	GC_ADDREF(&s->std);
	s->running++;

	if (s->state == AS_ST_CONNECTING) {
		int err = 0;
		socklen_t len = sizeof(err);

		if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
			err = errno;
		}
		if (err == 0) {
			as_stream_connected(s);
		} else if (s->ai_next) {
			as_stream_try_next(s);
		} else {
			zend_string *peer = as_stream_peer_name(s);
			as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "connect to %s failed: %s",
				ZSTR_VAL(peer), strerror(err));
			zend_string_release(peer);
		}
	} else if (!as_stream_flush(s)) {
		as_stream_fail_errno(s, "write to", errno);
	} else {
		as_stream_after_write(s);
	}

	s->running--;
	if (s->state == AS_ST_CLOSED) {
		as_stream_release_native(s);
	}
	OBJ_RELEASE(&s->std);
}

/* =================================================================================
 * Timer: deferred failures, connect timeout, idle timeout
 * =============================================================================== */

static void as_stream_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream *s = (as_stream *)arg;

	if (UNEXPECTED(s->state == AS_ST_CLOSED || s->state == AS_ST_UNINIT)) {
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		struct timeval now = {0, 0};
		event_add(s->tev, &now); /* handled on the next loop run */
		return;
	}
	GC_ADDREF(&s->std);
	s->running++;

	if (s->pending_err) {
		int err = s->pending_err;
		zend_string *peer = as_stream_peer_name(s);

		if (s->overflow) {
			as_stream_fail(s, php_asyncstream_stream_exception_ce, err,
				"write buffer of %s would exceed max_write_buffer (%zu bytes): %s (the peer does not read "
				"fast enough; wait for onDrain when write() returns false)", ZSTR_VAL(peer), s->max_write_buffer,
				strerror(err));
		} else if (s->state == AS_ST_RESOLVING) {
			char host[256] = "";
			const char *p = ZSTR_VAL(peer);
			const char *h = strstr(p, "://");
			const char *colon;

			h = h ? h + 3 : p;
			colon = strrchr(h, ':');
			snprintf(host, sizeof(host), "%.*s", (int)(colon ? colon - h : (ptrdiff_t)strlen(h)), h);
			if (s->dns_conf_failed) {
				as_dns *d = (as_dns *)s->base->dns;
				as_stream_fail(s, php_asyncstream_dns_exception_ce, err, "connect to %s failed: cannot resolve \"%s\": "
					"cannot read the resolver configuration \"%s\" (ini asyncstream.resolv_conf): %s", p, host,
					d->conf, strerror(d->conf_errno));
			} else if (s->dns_timed_out) {
				as_stream_fail(s, php_asyncstream_dns_exception_ce, err, "connect to %s failed: cannot resolve \"%s\": "
					"timed out (no answer from the nameservers; %s)", p, host, evutil_gai_strerror(err));
			} else {
				as_stream_fail(s, php_asyncstream_dns_exception_ce, err, "connect to %s failed: cannot resolve \"%s\": %s",
					p, host, evutil_gai_strerror(err));
			}
		} else if (s->state == AS_ST_CONNECTING) {
			as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "connect to %s failed: %s",
				ZSTR_VAL(peer), strerror(err));
		} else {
			as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "write to %s failed: %s",
				ZSTR_VAL(peer), strerror(err));
		}
		zend_string_release(peer);
	} else if (s->state == AS_ST_RESOLVING || s->state == AS_ST_CONNECTING) {
		zend_string *peer = as_stream_peer_name(s);
		as_stream_fail(s, php_asyncstream_stream_exception_ce, ETIMEDOUT,
			"connect to %s failed: %s (timeout %.3g s)", ZSTR_VAL(peer), strerror(ETIMEDOUT),
			(double)s->connect_tv.tv_sec + s->connect_tv.tv_usec / 1e6);
		zend_string_release(peer);
	} else {
		as_stream_tick(s);
	}

	s->running--;
	if (s->state == AS_ST_CLOSED) {
		as_stream_release_native(s);
	}
	OBJ_RELEASE(&s->std);
}

/* Sends what write() coalesced this round, in one call; then as after any write. */
static void as_stream_flush_coalesced(as_stream *s)
{
	s->flush_pending = false;
	if (!as_stream_flush(s)) {
		as_stream_fail_errno(s, "write to", errno);
		return;
	}
	if (s->out && evbuffer_get_length(s->out) > 0 && !as_stream_arm_write(s)) {
		as_stream_fail_errno(s, "write to", ENOMEM);
		return;
	}
	as_stream_after_write(s);
}

/*
 * The end of a write round (the rest of the loop iteration in which a stream of this base
 * first wrote through): every stream's coalesced bytes leave in one call each.
 */
static void as_stream_round_cb(evutil_socket_t fd, short what, void *arg)
{
	as_base *b = (as_base *)arg;
	as_dns *d = (as_dns *)b->dns;
	zend_object **list = d->flush;
	uint32_t n = d->nflush, i;

	d->round++;
	d->round_active = false;
	d->flush = NULL;
	d->nflush = d->capflush = 0;
	GC_ADDREF(&b->std);
	for (i = 0; i < n; i++) {
		as_stream *s = as_stream_from_obj(list[i]);

		if (EG(exception)) {
			break; /* G4: the loop stops; the rest is flushed on the next run */
		}
		if (s->state == AS_ST_CONNECTED && s->flush_pending) {
			s->running++;
			as_stream_flush_coalesced(s);
			s->running--;
			if (s->state == AS_ST_CLOSED) {
				as_stream_release_native(s);
			}
		}
		OBJ_RELEASE(list[i]);
	}
	if (i < n) {
		/* Put the rest back; b->dns is alive: a freed base releases it after the loop. */
		d = (as_dns *)b->dns;
		for (; i < n; i++) {
			as_stream *s = as_stream_from_obj(list[i]);
			if (d && s->flush_pending && d->round_ev) {
				if (d->nflush == d->capflush) {
					d->capflush = d->capflush ? d->capflush * 2 : 16;
					d->flush = erealloc(d->flush, d->capflush * sizeof(*d->flush));
				}
				d->flush[d->nflush++] = list[i];
				if (!d->round_active) {
					d->round_active = true;
					event_active(d->round_ev, EV_TIMEOUT, 1);
				}
			} else {
				OBJ_RELEASE(list[i]);
			}
		}
	}
	if (list) {
		efree(list);
	}
	OBJ_RELEASE(&b->std);
}

/* The timer of a connected stream: the delivery backlog, then the idle timeout. */
static void as_stream_tick(as_stream *s)
{
	if (s->backlog && !s->paused) {
		as_stream_deliver(s);
		if (s->state != AS_ST_CONNECTED || EG(exception)) {
			return;
		}
	}
	if (s->idle_on && !s->backlog) {
		struct timeval now, deadline;

		event_base_gettimeofday_cached(s->base->base, &now);
		timeradd(&s->last_io, &s->idle_tv, &deadline);
		if (timercmp(&now, &deadline, <)) {
			struct timeval left;
			timersub(&deadline, &now, &left);
			event_add(s->tev, &left);
		} else {
			zend_string *peer = as_stream_peer_name(s);
			as_stream_fail(s, php_asyncstream_stream_exception_ce, ETIMEDOUT,
				"connection to %s idle for %.3g s: %s", ZSTR_VAL(peer),
				(double)s->idle_tv.tv_sec + s->idle_tv.tv_usec / 1e6, strerror(ETIMEDOUT));
			zend_string_release(peer);
		}
	}
}

/* =================================================================================
 * Methods
 * =============================================================================== */

static as_base *as_stream_base_arg(zval *zbase, const char *method)
{
	as_base *b = Z_AS_BASE_P(zbase);

	if (UNEXPECTED(!as_base_is_live(b))) {
		zend_throw_error(NULL, "%s: the EventBase given %s", method,
			b->was_freed ? "has been freed" : "is not initialised");
		return NULL;
	}
	return b;
}

ZEND_METHOD(AsyncStream, __construct)
{
	zval *zbase, *zsock;
	HashTable *options = NULL;
	as_stream *s = Z_AS_STREAM_P(ZEND_THIS);
	as_stream_opts o;
	evutil_socket_t fd, dupfd;
	int type = 0, flags;
	socklen_t len = sizeof(type);
	bool is_socket = true;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_ZVAL(zsock)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (s->state != AS_ST_UNINIT) {
		zend_throw_error(NULL, "AsyncStream::__construct() cannot be called twice");
		RETURN_THROWS();
	}
	if (!(b = as_stream_base_arg(zbase, "AsyncStream::__construct()"))) {
		RETURN_THROWS();
	}
	if (!as_zval_to_fd(zsock, 2, &fd)) {
		RETURN_THROWS();
	}
	/* The per-connection options (no timeout/bind: the socket is connected already). */
	as_stream_opts_init(&o);
	if (options && !as_stream_opts_parse(options, 3, false, NULL, &o)) {
		as_stream_opts_release(&o);
		RETURN_THROWS();
	}
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
		if (errno != ENOTSOCK) {
			zend_argument_value_error(2, "must be a connected stream socket: %s", strerror(errno));
			RETURN_THROWS();
		}
		struct stat st;

		if (fstat(fd, &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
			zend_argument_value_error(2, "must be a connected stream socket, a pipe or a terminal; "
				"this file cannot be polled (%s)", strerror(EPERM));
			RETURN_THROWS();
		}
		is_socket = false; /* a pipe or tty: read()/write(), no half-close */
	} else {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);

		if (type != SOCK_STREAM) {
			zend_argument_value_error(2, "must be a stream socket (SOCK_STREAM), not a datagram or raw socket");
			RETURN_THROWS();
		}
		if (getpeername(fd, (struct sockaddr *)&ss, &sl) != 0) {
			zend_argument_value_error(2, "must be a connected socket (%s)", strerror(errno));
			RETURN_THROWS();
		}
		as_stream_record_peer(s, (struct sockaddr *)&ss, sl);
	}
	dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (dupfd < 0) {
		zend_throw_exception_ex(php_asyncstream_stream_exception_ce, errno,
			"AsyncStream::__construct(): cannot duplicate fd %d: %s", (int)fd, strerror(errno));
		RETURN_THROWS();
	}
	flags = fcntl(dupfd, F_GETFL);
	if (flags < 0 || fcntl(dupfd, F_SETFL, flags | O_NONBLOCK) != 0) {
		int err = errno;
		close(dupfd);
		zend_throw_exception_ex(php_asyncstream_stream_exception_ce, err,
			"AsyncStream::__construct(): cannot make fd %d nonblocking: %s", (int)fd, strerror(err));
		RETURN_THROWS();
	}
	s->adopted_fd = (int)fd;
	/* The write end of a pipe (or a file opened "w") cannot be read: reading it fails with EBADF. */
	s->no_read = (flags & O_ACCMODE) == O_WRONLY;
	if (!as_stream_init_connected(s, b, dupfd, is_socket, &o)) {
		int err = errno;
		zend_throw_exception_ex(php_asyncstream_stream_exception_ce, err,
			"AsyncStream::__construct(): cannot watch fd %d: %s", (int)fd, strerror(err));
		RETURN_THROWS();
	}
}

ZEND_METHOD(AsyncStream, connect)
{
	zval *zbase;
	zend_string *address;
	HashTable *options = NULL;
	as_stream_opts o;
	as_base *b;
	as_stream *s;
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	char host[256];
	int port = 0, r, err;
	as_connect_extra *cx;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_STR(address)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_stream_base_arg(zbase, "AsyncStream::connect()"))) {
		RETURN_THROWS();
	}
	r = as_address_parse(ZSTR_VAL(address), ZSTR_LEN(address), 2, &ss, &sslen, host, sizeof(host), &port);
	if (r < 0) {
		RETURN_THROWS();
	}
	if (ss.ss_family != AF_UNIX && port == 0) {
		zend_argument_value_error(2, "must have a port between 1 and 65535, \"%s\" given", ZSTR_VAL(address));
		RETURN_THROWS();
	}
	as_stream_opts_init(&o);
	if (options && !as_stream_opts_parse(options, 3, true, NULL, &o)) {
		as_stream_opts_release(&o);
		RETURN_THROWS();
	}
	cx = ecalloc(1, sizeof(*cx));
	cx->nodelay = o.nodelay;
	cx->keepalive = o.keepalive;
	if (o.bind) {
		char bhost[256];
		int bport;
		int br = as_address_parse(ZSTR_VAL(o.bind), ZSTR_LEN(o.bind), 3, &cx->bind_ss, &cx->bind_len,
			bhost, sizeof(bhost), &bport);

		if (br == 0) {
			zend_argument_value_error(3, "option \"bind\" must be a literal IP address or unix path, \"%s\" given",
				ZSTR_VAL(o.bind));
		}
		if (br <= 0) {
			efree(cx);
			as_stream_opts_release(&o);
			RETURN_THROWS();
		}
		if (r == 1 && cx->bind_ss.ss_family != ss.ss_family) {
			zend_argument_value_error(3, "option \"bind\" (\"%s\") must be of the same address family as the address \"%s\"",
				ZSTR_VAL(o.bind), ZSTR_VAL(address));
			efree(cx);
			as_stream_opts_release(&o);
			RETURN_THROWS();
		}
		cx->has_bind = true;
	}

	object_init_ex(return_value, php_asyncstream_stream_ce);
	s = Z_AS_STREAM_P(return_value);
	as_base_fork_check(b);
	as_stream_attach(s, b, &o);
	s->cx = cx;
	if (ZSTR_LEN(address) >= 6 && (strncasecmp(ZSTR_VAL(address), "tcp://", 6) == 0
			|| strncasecmp(ZSTR_VAL(address), "unix://", 7) == 0)) {
		s->addr = zend_string_copy(address);
	} else {
		s->addr = zend_strpprintf(0, "tcp://%s", ZSTR_VAL(address));
	}
	if (o.timeout > 0.0) {
		/* 0 or negative: no timeout, PHP's convention (default_socket_timeout = -1) */
		as_double_to_timeval(o.timeout, 3, &s->connect_tv);
		s->has_connect_timeout = true;
	}
	as_stream_opts_release(&o);

	if (!as_stream_ensure_timer(s)) {
		s->state = AS_ST_CONNECTING; /* so that the close path releases what attach took */
		as_stream_close(s, NULL, false);
		zval_ptr_dtor(return_value);
		zend_throw_exception(php_asyncstream_stream_exception_ce, "AsyncStream::connect(): libevent could not create a timer", ENOMEM);
		RETURN_THROWS();
	}
	if (s->has_connect_timeout) {
		event_add(s->tev, &s->connect_tv);
	}

	if (r == 1) {
		s->state = AS_ST_CONNECTING;
		err = as_stream_connect_to(s, (struct sockaddr *)&ss, sslen, cx->has_bind ? &cx->bind_ss : NULL, cx->bind_len);
		if (err) {
			as_stream_defer_error(s, err);
		}
		return;
	}

	/* A name: resolve without blocking (G9). */
	as_stream_resolve(s, host, port);
}

static void as_stream_set_cb(INTERNAL_FUNCTION_PARAMETERS, as_callback *(*field)(as_stream *), const char *method)
{
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, method, true))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		/* Nothing will ever call it: do not keep it (no cycle to collect). */
		if (fcc.function_handler && (fcc.function_handler->common.fn_flags & ZEND_ACC_CALL_VIA_TRAMPOLINE)) {
			zend_release_fcall_info_cache(&fcc);
		}
	} else if (ZEND_FCI_INITIALIZED(fci)) {
		as_callback_set(field(s), &fci, &fcc);
	} else {
		as_callback_clear(field(s));
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

static as_callback *as_f_connect(as_stream *s) { return &s->on_connect; }
static as_callback *as_f_data(as_stream *s) { return &s->on_data; }
static as_callback *as_f_drain(as_stream *s) { return &s->on_drain; }
static as_callback *as_f_end(as_stream *s) { return &s->on_end; }
static as_callback *as_f_close(as_stream *s) { return &s->on_close; }

ZEND_METHOD(AsyncStream, onConnect)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_connect, "onConnect()");
}

ZEND_METHOD(AsyncStream, onData)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_data, "onData()");
}

ZEND_METHOD(AsyncStream, onDrain)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_drain, "onDrain()");
}

ZEND_METHOD(AsyncStream, onEnd)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_end, "onEnd()");
}

ZEND_METHOD(AsyncStream, onClose)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_close, "onClose()");
}

/*
 * The write path shared by write() and end(): write-through when nothing is queued, queue
 * the rest, arm WRITE only then. Returns false at/above high_water or when closed.
 */
static bool as_stream_do_write(as_stream *s, const char *data, size_t len)
{
	size_t queued;
	bool coalesce = false;

	if (s->state == AS_ST_CLOSED) {
		return false;
	}
	if (s->pending_err) {
		return false; /* a write error is being reported */
	}
	if (len == 0) {
		return !s->out || evbuffer_get_length(s->out) < s->high_water;
	}
	as_base_fork_check(s->base);
	if (s->state == AS_ST_CONNECTED && !s->writing && !s->flush_pending && (!s->out || evbuffer_get_length(s->out) == 0)) {
		/*
		 * Inside the loop, the first write of a round (the rest of this loop iteration)
		 * goes to the socket at once, so request/response pays nothing extra. A second
		 * one to the same stream in the same round is queued, and all it queued leaves in
		 * one call when the round ends (as_stream_round_cb, after the iteration's other
		 * callbacks): a fan-out of many small messages costs each peer two syscalls per
		 * iteration, not one per message.
		 */
		as_dns *d = s->base->loop_depth ? (as_dns *)s->base->dns : NULL;

		coalesce = d && d->round_active && s->wrote_round == d->round;
	}
	if (coalesce) {
		/* queued below; flushed at the end of the round */
	} else if (s->state == AS_ST_CONNECTED && !s->writing && !s->flush_pending && (!s->out || evbuffer_get_length(s->out) == 0)) {
		ssize_t n = as_stream_send(s, data, len);

		if (s->base->loop_depth) {
			as_dns *d = as_base_state(s->base);

			if (d && !d->round_ev) {
				d->round_ev = event_new(s->base->base, -1, 0, as_stream_round_cb, s->base);
				if (d->round_ev) {
					/* after everything else that is active in the iteration */
					event_priority_set(d->round_ev, event_base_get_npriorities(s->base->base) - 1);
				}
			}
			if (d && d->round_ev) {
				s->wrote_round = d->round;
				if (!d->round_active) {
					d->round_active = true;
					event_active(d->round_ev, EV_TIMEOUT, 1);
				}
			}
		}

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK) {
				/* Reported through onClose from the loop, never from inside write(). */
				as_stream_defer_error(s, errno);
				return false;
			}
			n = 0;
		} else {
			as_stream_touch(s);
		}
		if ((size_t)n == len) {
			return true;
		}
		data += n;
		len -= (size_t)n;
	}
	if (s->max_write_buffer && (s->out ? evbuffer_get_length(s->out) : 0) + len > s->max_write_buffer) {
		/*
		 * Past the hard limit (the queue lives outside memory_limit): the stream closes
		 * with ENOBUFS. The queue is released now, not when the error is reported.
		 */
		s->overflow = true;
		if (s->out) {
			evbuffer_drain(s->out, evbuffer_get_length(s->out));
		}
		if (s->state == AS_ST_CONNECTED) {
			as_stream_disarm_write(s);
		}
		as_stream_defer_error(s, ENOBUFS);
		return false;
	}
	if (!s->out && !(s->out = evbuffer_new())) {
		as_stream_defer_error(s, ENOMEM);
		return false;
	}
	if (evbuffer_add(s->out, data, len) != 0) {
		as_stream_defer_error(s, ENOMEM);
		return false;
	}
	if (s->state == AS_ST_CONNECTED && (coalesce || s->flush_pending)) {
		if (!s->flush_pending) {
			as_dns *d = (as_dns *)s->base->dns;

			if (d->nflush == d->capflush) {
				d->capflush = d->capflush ? d->capflush * 2 : 16;
				d->flush = erealloc(d->flush, d->capflush * sizeof(*d->flush));
			}
			GC_ADDREF(&s->std);
			d->flush[d->nflush++] = &s->std;
			s->flush_pending = true;
		}
	} else if (s->state == AS_ST_CONNECTED && !as_stream_arm_write(s)) {
		as_stream_defer_error(s, ENOMEM);
		return false;
	}
	queued = evbuffer_get_length(s->out);
	if (queued >= s->high_water) {
		s->need_drain = true;
		return false;
	}
	return true;
}

ZEND_METHOD(AsyncStream, write)
{
	zend_string *data;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(data)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, "write()", false))) {
		RETURN_THROWS();
	}
	if (UNEXPECTED(s->user_closed)) {
		zend_throw_error(NULL, "AsyncStream::write(): the stream was %s", s->state == AS_ST_CLOSED && !s->ending
			? "closed with close()" : "ended with end()");
		RETURN_THROWS();
	}
	if (UNEXPECTED(s->ending)) {
		RETURN_FALSE; /* ended by itself after the peer's EOF (no onEnd handler) */
	}
	RETURN_BOOL(as_stream_do_write(s, ZSTR_VAL(data), ZSTR_LEN(data)));
}

ZEND_METHOD(AsyncStream, end)
{
	zend_string *data = NULL;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(data)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, "end()", false))) {
		RETURN_THROWS();
	}
	if (s->user_closed || s->ending) {
		if (data && ZSTR_LEN(data) > 0 && s->user_closed) {
			zend_throw_error(NULL, "AsyncStream::end(): the stream was %s", s->state == AS_ST_CLOSED && !s->ending
				? "closed with close()" : "ended with end()");
			RETURN_THROWS();
		}
		return; /* idempotent */
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	if (data && ZSTR_LEN(data) > 0) {
		as_stream_do_write(s, ZSTR_VAL(data), ZSTR_LEN(data));
	}
	s->ending = true;
	s->user_closed = true;
	if (s->state == AS_ST_CONNECTED && !s->pending_err && (!s->out || evbuffer_get_length(s->out) == 0)) {
		GC_ADDREF(&s->std);
		as_stream_after_write(s); /* FIN now; closes at once when the peer already ended */
		OBJ_RELEASE(&s->std);
	}
}

ZEND_METHOD(AsyncStream, close)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "close()", true))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	s->user_closed = true;
	s->ending = false;
	as_stream_close(s, NULL, true);
}

ZEND_METHOD(AsyncStream, pause)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "pause()", false))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	s->paused = true;
	if (s->base) {
		as_base_fork_check(s->base);
	}
	if (s->rev) {
		as_stream_disarm_read(s);
	}
}

ZEND_METHOD(AsyncStream, resume)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "resume()", false))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED || !s->paused) {
		return;
	}
	s->paused = false;
	if (s->state != AS_ST_CONNECTED) {
		return;
	}
	as_base_fork_check(s->base);
	as_stream_arm_read(s);
	if ((s->in && evbuffer_get_length(s->in) > 0) || (s->eof && !s->end_delivered)) {
		/* Buffered frames (or a pending EOF) are delivered from the loop, not inside resume(). */
		event_active(s->rev, EV_READ, 1);
	}
}

ZEND_METHOD(AsyncStream, setFraming)
{
	zend_long mode, fixed = 0;
	zval *arg = NULL;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(mode)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(arg)
	ZEND_PARSE_PARAMETERS_END();

	if (arg && Z_TYPE_P(arg) != IS_NULL && Z_TYPE_P(arg) != IS_STRING && Z_TYPE_P(arg) != IS_LONG) {
		zend_argument_type_error(2, "must be of type string|int|null, %s given", zend_zval_type_name(arg));
		RETURN_THROWS();
	}
	switch (mode) {
		case AS_FRAME_NONE:
			if (arg && Z_TYPE_P(arg) != IS_NULL) {
				zend_argument_value_error(2, "must be null for AsyncStream::FRAME_NONE");
				RETURN_THROWS();
			}
			break;
		case AS_FRAME_DELIMITER:
			if (!arg || Z_TYPE_P(arg) != IS_STRING || Z_STRLEN_P(arg) == 0) {
				zend_argument_value_error(2, "must be a non-empty delimiter string for AsyncStream::FRAME_DELIMITER");
				RETURN_THROWS();
			}
			break;
		case AS_FRAME_FIXED:
			if (arg && Z_TYPE_P(arg) == IS_STRING) {
				/* A length parsed out of a header ("512") is fine as it is. */
				zend_long n;
				if (is_numeric_string(Z_STRVAL_P(arg), Z_STRLEN_P(arg), &n, NULL, false) == IS_LONG) {
					fixed = n;
				} else {
					fixed = 0;
				}
			} else if (arg && Z_TYPE_P(arg) == IS_LONG) {
				fixed = Z_LVAL_P(arg);
			}
			if (fixed < 1) {
				zend_argument_value_error(2, "must be a frame size of 1 byte or more for AsyncStream::FRAME_FIXED");
				RETURN_THROWS();
			}
			break;
		default:
			zend_argument_value_error(1, "must be AsyncStream::FRAME_NONE, FRAME_DELIMITER or FRAME_FIXED, " ZEND_LONG_FMT " given", mode);
			RETURN_THROWS();
	}
	if (!(s = as_stream_this(ZEND_THIS, "setFraming()", false))) {
		RETURN_THROWS();
	}
	if (s->state != AS_ST_CLOSED) {
		bool was_none = s->framing == AS_FRAME_NONE;

		if (s->delim) {
			zend_string_release(s->delim);
			s->delim = NULL;
		}
		s->framing = (uint8_t)mode;
		s->scan = 0;
		if (mode == AS_FRAME_DELIMITER) {
			s->delim = zend_string_copy(Z_STR_P(arg));
		} else if (mode == AS_FRAME_FIXED) {
			s->fixed = (size_t)fixed;
		}
		/*
		 * Outside onData (where the delivery loop picks the change up itself), frames that
		 * the new framing finds in the buffered bytes are delivered from the loop.
		 */
		if (!s->running && !was_none && s->state == AS_ST_CONNECTED && !s->paused && s->in
				&& evbuffer_get_length(s->in) > 0) {
			event_active(s->rev, EV_READ, 1);
		}
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(AsyncStream, setTimeout)
{
	double seconds;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_DOUBLE(seconds)
	ZEND_PARSE_PARAMETERS_END();

	if (zend_isnan(seconds)) {
		zend_argument_value_error(1, "must be a number of seconds, NAN given");
		RETURN_THROWS();
	}
	if (!(s = as_stream_this(ZEND_THIS, "setTimeout()", false))) {
		RETURN_THROWS();
	}
	if (s->state != AS_ST_CLOSED) {
		as_base_fork_check(s->base);
		if (seconds <= 0.0) {
			/* 0 or negative: no idle timeout, as for connect()'s timeout option */
			s->idle_on = false;
			if (s->tev && s->state == AS_ST_CONNECTED && !s->pending_err && !s->backlog) {
				event_del(s->tev);
			}
		} else {
			as_double_to_timeval(seconds, 1, &s->idle_tv);
			s->idle_on = true;
			as_stream_arm_idle(s);
		}
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

static void as_stream_sockopt(INTERNAL_FUNCTION_PARAMETERS, int level, int opt, const char *method)
{
	bool on = true;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(on)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, method, false))) {
		RETURN_THROWS();
	}
	if (s->cx) {
		/* Still connecting: applied once connected. */
		if (opt == TCP_NODELAY && level == IPPROTO_TCP) {
			s->cx->nodelay = on;
		} else {
			s->cx->keepalive = on;
		}
	} else if (s->fd >= 0 && s->is_socket && s->state != AS_ST_CLOSED) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);

		if (getsockname(s->fd, (struct sockaddr *)&ss, &len) == 0
				&& (ss.ss_family == AF_INET || ss.ss_family == AF_INET6)) {
			int v = on;
			setsockopt(s->fd, level, opt, &v, sizeof(v));
		}
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(AsyncStream, setNoDelay)
{
	as_stream_sockopt(INTERNAL_FUNCTION_PARAM_PASSTHRU, IPPROTO_TCP, TCP_NODELAY, "setNoDelay()");
}

ZEND_METHOD(AsyncStream, setKeepAlive)
{
	as_stream_sockopt(INTERNAL_FUNCTION_PARAM_PASSTHRU, SOL_SOCKET, SO_KEEPALIVE, "setKeepAlive()");
}

static void as_stream_address(INTERNAL_FUNCTION_PARAMETERS, bool remote)
{
	as_stream *s;
	zend_string *r;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, remote ? "getRemoteAddress()" : "getLocalAddress()", true))) {
		RETURN_THROWS();
	}
	if (!(r = as_stream_sockname(s, remote))) {
		RETURN_NULL();
	}
	RETURN_STR(r);
}

ZEND_METHOD(AsyncStream, getLocalAddress)
{
	as_stream_address(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

ZEND_METHOD(AsyncStream, getRemoteAddress)
{
	as_stream_address(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

ZEND_METHOD(AsyncStream, getWriteBufferSize)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "getWriteBufferSize()", true))) {
		RETURN_THROWS();
	}
	RETURN_LONG(s->out && s->state != AS_ST_CLOSED ? (zend_long)evbuffer_get_length(s->out) : 0);
}

ZEND_METHOD(AsyncStream, isConnected)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "isConnected()", true))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(s->state == AS_ST_CONNECTED);
}

ZEND_METHOD(AsyncStream, isClosed)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, "isClosed()", true))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(s->state == AS_ST_CLOSED);
}

/* =================================================================================
 * Registration
 * =============================================================================== */

PHP_INI_BEGIN()
	/* Path of a resolv.conf-format file for the resolver, read when a base first resolves a name. */
	PHP_INI_ENTRY("asyncstream.resolv_conf", "", PHP_INI_ALL, NULL)
PHP_INI_END()

zend_result as_stream_register(int module_number)
{
	zend_register_ini_entries(ini_entries, module_number);

	php_asyncstream_stream_exception_ce = register_class_AsyncStreamException(spl_ce_RuntimeException);
	php_asyncstream_dns_exception_ce = register_class_AsyncStreamDnsException(php_asyncstream_stream_exception_ce);

	php_asyncstream_stream_ce = register_class_AsyncStream();
	php_asyncstream_stream_ce->create_object = as_stream_create;
	memcpy(&as_stream_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_stream_handlers.offset = XtOffsetOf(as_stream, std);
	as_stream_handlers.free_obj = as_stream_free_obj;
	as_stream_handlers.dtor_obj = as_stream_dtor_obj;
	as_stream_handlers.clone_obj = NULL;
	as_stream_handlers.get_gc = as_stream_get_gc;
	as_stream_handlers.get_debug_info = as_stream_get_debug_info;
	return SUCCESS;
}
