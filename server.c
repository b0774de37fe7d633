/*
 * AsyncStreamServer (docs/api.md): a listening socket and its accept loop.
 *
 * Ownership (G2): the server links itself into its EventBase (as_child, which holds a
 * reference on the base) and owns the listening fd, one persistent READ event on it
 * and a back-off timer. The user's references keep the server alive; dropping the last
 * one closes it, like close(). EventBase::free() detaches it: the fd is closed, the
 * events are deleted and the callbacks dropped, without calling PHP. A libevent event is
 * never freed while one of its callbacks is on the stack (G1): the release is deferred
 * to the end of that callback.
 *
 * Accept loop: each wakeup drains the backlog with accept4(SOCK_NONBLOCK|SOCK_CLOEXEC)
 * until EAGAIN, retries EINTR, skips connections that died in the queue (ECONNABORTED,
 * EPROTO, and the network errors Linux passes on through accept). Out of descriptors or
 * memory (EMFILE, ENFILE, ENOBUFS, ENOMEM) it reports once through onError, deletes the
 * READ event and retries from a timer, 10 ms doubling to 1 s, so the process stays idle
 * while the limit lasts and the connections wait in the kernel's queue meanwhile; the
 * first successful accept ends the episode.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "uring.h"
#include "as_tls.h"
#include "zend_exceptions.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>


zend_class_entry *php_asyncstream_server_ce;

static zend_object_handlers as_server_handlers;

/* Linux, the BSDs: nonblocking close-on-exec sockets in one call (socket(), accept4()). */
#if defined(SOCK_NONBLOCK) && defined(SOCK_CLOEXEC)
# define AS_HAVE_SOCK_FLAGS 1
# define AS_SOCK_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)
#else
# define AS_HAVE_SOCK_FLAGS 0
# define AS_SOCK_FLAGS 0
#endif

#define AS_SERVER_BACKOFF_MIN_MS 10
#define AS_SERVER_BACKOFF_MAX_MS 1000
/* Errors skipped in a row before the loop yields to the others (they each consume a connection). */
#define AS_SERVER_MAX_SKIPS 1024

typedef enum {
	AS_SRV_UNINIT = 0,     /* created without a constructor, or construction failed */
	AS_SRV_LIVE,
	AS_SRV_CLOSED,         /* close(), or destroyed at shutdown */
	AS_SRV_BASE_FREED,     /* detached by EventBase::free() / base destruction */
} as_server_state;

/*
 * The open connections of one server. Shared with every stream it accepted (each holds a
 * reference until it closes), so that the server and its connections may go in any order.
 */
struct _as_server_conns {
	uint32_t refcount;         /* the server (while it exists) + one per open accepted stream */
	uint32_t count;            /* open accepted connections */
	struct _as_server *server; /* NULL once the server object is freed */
};

typedef struct _as_server {
	as_base *base;             /* attached base, NULL once closed or detached */
	as_child link;
	struct event *ev_accept;   /* READ|PERSIST on fd */
	struct event *ev_backoff;  /* retry timer while out of descriptors */
	evutil_socket_t fd;        /* listening socket, -1 once closed */
	as_callback on_connection;
	as_callback on_error;
	as_stream_opts opts;       /* per-connection options for every accepted AsyncStream */
	as_server_conns *conns;    /* open accepted connections (shared with them) */
	uint32_t max_connections;  /* 0: no limit */
	zend_string *address;      /* what getAddress() returns; kept after close() */
	zend_string *unix_path;    /* the socket file this process created, removed on close */
	dev_t unix_dev;
	ino_t unix_ino;
	pid_t owner_pid;           /* the process that created unix_path */
	uint32_t backoff_ms;       /* > 0 during an exhaustion episode: the next retry delay */
	uint32_t running;          /* > 0 while one of our libevent callbacks is on the stack */
	uint8_t state;
	bool paused;
	bool at_limit;             /* ev_accept removed because max_connections are open */
#ifdef HAVE_AS_TLS
	as_tls_ctx *tls_ctx;       /* tls:// server: its SSL_CTX (a reference), else NULL */
	as_tls_conf tls_conf;      /* per-connection TLS options (handshake_timeout, ...) */
#endif
	zend_object std;
} as_server;

static zend_always_inline as_server *as_server_from_obj(zend_object *obj)
{
	return (as_server *)((char *)obj - XtOffsetOf(as_server, std));
}
#define Z_AS_SERVER_P(zv) as_server_from_obj(Z_OBJ_P(zv))

static zend_always_inline as_server *as_server_from_link(as_child *child)
{
	return (as_server *)((char *)child - XtOffsetOf(as_server, link));
}

/* =================================================================================
 * Connection count (max_connections)
 * =============================================================================== */

void as_server_conns_add(as_server_conns *c)
{
	c->refcount++;
	c->count++;
}

static void as_server_conns_release(as_server_conns *c)
{
	if (--c->refcount == 0) {
		efree(c);
	}
}

/*
 * An accepted connection closed. A server at its limit watches its socket again: the
 * queued connections are accepted when the loop next polls, never from here (no PHP runs,
 * so this is safe inside any close path, base destruction included).
 */
void as_server_conns_done(as_server_conns *c)
{
	as_server *s = c->server;

	c->count--;
	if (s && s->at_limit && c->count < s->max_connections && s->state == AS_SRV_LIVE
			&& s->base && as_base_is_live(s->base)) {
		s->at_limit = false;
		if (!s->paused) {
			as_base_fork_check(s->base);
			event_add(s->ev_accept, NULL);
		}
	}
	as_server_conns_release(c);
}

/* =================================================================================
 * Teardown
 * =============================================================================== */

/* Frees the libevent events unless one of their callbacks is running (it does it then). */
static void as_server_release_native(as_server *s)
{
	if (s->running) {
		return;
	}
	as_event_free_ptr(&s->ev_accept);
	as_event_free_ptr(&s->ev_backoff);
}

/*
 * Removes the unix socket file, but only from the process that created it (a forked
 * worker closing its copy must not pull the file from under its siblings) and only while
 * the path is still the socket we bound (another server may have taken it over since).
 */
static void as_server_unlink_path(as_server *s)
{
	struct stat st;

	if (!s->unix_path) {
		return;
	}
	if (getpid() == s->owner_pid && lstat(ZSTR_VAL(s->unix_path), &st) == 0
			&& S_ISSOCK(st.st_mode) && st.st_dev == s->unix_dev && st.st_ino == s->unix_ino) {
		unlink(ZSTR_VAL(s->unix_path));
	}
	zend_string_release(s->unix_path);
	s->unix_path = NULL;
}

/*
 * The one teardown path: close(), the last reference, EventBase::free() and base
 * destruction all end here. Stops accepting, closes the listening socket, removes the
 * socket file, drops the callbacks and unlinks from the base. Calls no PHP code (the
 * callables' destructors aside). Safe inside the server's own callbacks.
 */
AS_RUNS_PHP static void as_server_teardown(as_server *s, as_server_state why)
{
	as_callback *cbs[2] = { &s->on_connection, &s->on_error };
	zval old[2];

	if (s->state != AS_SRV_LIVE) {
		return;
	}
	s->state = why;
	if (s->base && s->base->base) {
		as_base_fork_check(s->base);
		if (s->ev_accept) {
			event_del(s->ev_accept);
		}
		if (s->ev_backoff) {
			event_del(s->ev_backoff);
		}
	}
	as_server_release_native(s);
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	as_server_unlink_path(s);
	/*
	 * Take the callables out and release them last: a closure that captured this server
	 * may hold the last reference to it, and releasing it can free s (e.g. when the base's
	 * destruction detaches us at shutdown). s is not touched after.
	 */
	as_callbacks_take(cbs, 2, old);
	if (s->base) {
		as_base *b = s->base;
		s->base = NULL;
		as_base_unlink(b, &s->link);
	}
	as_zvals_release(old, 2);
	/* The loop's reference, dropped last of all: it may be the one keeping s alive. */
	as_child_disown(&s->link);
}

AS_RUNS_PHP static void as_server_detach(as_child *child)
{
	as_server_teardown(as_server_from_link(child), AS_SRV_BASE_FREED);
}

/* =================================================================================
 * Object handlers
 * =============================================================================== */

static zend_object *as_server_create(zend_class_entry *ce)
{
	as_server *s = zend_object_alloc(sizeof(as_server), ce);

	memset(s, 0, XtOffsetOf(as_server, std));
	zend_object_std_init(&s->std, ce);
	object_properties_init(&s->std, ce);
	s->std.handlers = &as_server_handlers;
	s->fd = -1;
	s->link.detach = as_server_detach;
	as_callback_init(&s->on_connection);
	as_callback_init(&s->on_error);
	as_stream_opts_init(&s->opts);
	s->conns = emalloc(sizeof(*s->conns));
	s->conns->refcount = 1;
	s->conns->count = 0;
	s->conns->server = s;
#ifdef HAVE_AS_TLS
	as_tls_conf_init(&s->tls_conf);
#endif
	s->state = AS_SRV_UNINIT;
	return &s->std;
}

/*
 * A listening server is referenced by its loop, so this runs for one only when the GC
 * collects its unreachable base (nothing to do: free_obj tears it down, no PHP) or in the
 * destructor pass at shutdown. There it closes now, and, since the teardown drops the
 * loop's reference while the pass holds its own (a release to zero there would leave the
 * object unfreed in the store), it keeps one reference that RSHUTDOWN drops.
 */
AS_RUNS_PHP static void as_server_dtor_obj(zend_object *obj)
{
	as_server *s = as_server_from_obj(obj);

	if (s->state == AS_SRV_LIVE && s->link.owned && (EG(flags) & EG_FLAGS_IN_SHUTDOWN)) {
		GC_ADDREF(obj);
		as_release_after_destructors(obj);
		as_server_teardown(s, AS_SRV_CLOSED);
	}
}

AS_RUNS_PHP static void as_server_free_obj(zend_object *obj)
{
	as_server *s = as_server_from_obj(obj);

	/*
	 * Reached with the loop's reference still held when the object store frees everything
	 * at shutdown, or when the GC collects an unreachable base with its servers: that
	 * reference is the one being discarded, never released.
	 */
	s->link.owned = NULL;
	as_server_teardown(s, AS_SRV_CLOSED);
	as_callback_clear(&s->on_connection);
	as_callback_clear(&s->on_error);
	s->running = 0;
	as_server_release_native(s);
	if (s->fd >= 0) {
		close(s->fd); /* construction failed half-way */
		s->fd = -1;
	}
	as_server_unlink_path(s);
	as_stream_opts_release(&s->opts);
	/* Connections still open keep the count; it forgets the server. */
	s->conns->server = NULL;
	as_server_conns_release(s->conns);
	s->conns = NULL;
	if (s->address) {
		zend_string_release(s->address);
		s->address = NULL;
	}
#ifdef HAVE_AS_TLS
	if (s->tls_ctx) {
		as_tls_ctx_unref(s->tls_ctx);
		s->tls_ctx = NULL;
	}
	as_tls_conf_release(&s->tls_conf);
#endif
	zend_object_std_dtor(obj);
}

static HashTable *as_server_get_gc(zend_object *obj, zval **table, int *n)
{
	as_server *s = as_server_from_obj(obj);
	as_callback *cbs[2] = { &s->on_connection, &s->on_error };

	return as_child_get_gc(obj, table, n, cbs, 2, NULL, 0, s->base);
}

/*
 * var_dump(): $data, then what the server is doing, computed now (never throws).
 * Keys agreed with AsyncStream's: data, state, address, connections, max_connections.
 */
static HashTable *as_server_get_debug_info(zend_object *obj, int *is_temp)
{
	as_server *s = as_server_from_obj(obj);
	HashTable *ht = zend_new_array(5);
	zval *data = OBJ_PROP_NUM(obj, 0), zv;
	const char *state;

	if (!Z_ISUNDEF_P(data)) {
		Z_TRY_ADDREF_P(data);
		zend_hash_str_add_new(ht, "data", sizeof("data") - 1, data);
	}
	switch (s->state) {
		case AS_SRV_UNINIT:
			state = "uninitialised";
			break;
		case AS_SRV_LIVE:
			state = s->paused ? "paused" : "listening";
			break;
		default:
			state = "closed";
			break;
	}
	ZVAL_STRING(&zv, state);
	zend_hash_str_add_new(ht, "state", sizeof("state") - 1, &zv);
	if (s->address) {
		ZVAL_STR_COPY(&zv, s->address);
	} else {
		ZVAL_NULL(&zv);
	}
	zend_hash_str_add_new(ht, "address", sizeof("address") - 1, &zv);
	ZVAL_LONG(&zv, s->conns ? s->conns->count : 0);
	zend_hash_str_add_new(ht, "connections", sizeof("connections") - 1, &zv);
	ZVAL_LONG(&zv, s->max_connections);
	zend_hash_str_add_new(ht, "max_connections", sizeof("max_connections") - 1, &zv);
	*is_temp = 1;
	return ht;
}

/*
 * Throws Error and returns NULL for a server that was never constructed, whose base was
 * freed (G2) or, unless allow_closed, that was closed.
 */
static as_server *as_server_this(zval *zthis, bool allow_closed)
{
	as_server *s = Z_AS_SERVER_P(zthis);

	switch (s->state) {
		case AS_SRV_UNINIT:
			as_throw(NULL, 0, "the server is not initialised (its constructor was not called or failed)");
			return NULL;
		case AS_SRV_BASE_FREED:
			as_throw(NULL, 0, "the server's EventBase has been freed");
			return NULL;
		case AS_SRV_CLOSED:
			if (!allow_closed) {
				as_throw(NULL, 0, "the server has been closed");
				return NULL;
			}
			return s;
		default:
			if (UNEXPECTED(!s->base || !as_base_is_live(s->base))) {
				as_throw(NULL, 0, "the server's EventBase has been freed");
				return NULL;
			}
			return s;
	}
}

/* =================================================================================
 * The accept loop
 * =============================================================================== */

/*
 * Hands an accept error to onError as an AsyncStreamException (errno as code), or, with
 * no onError set, raises it as a warning so it is never silent.
 */
AS_RUNS_PHP static void as_server_report(as_server *s, int err)
{
	zval args[2];
	zend_object *ex;

	if (!as_callback_isset(&s->on_error)) {
		/*
		 * From inside the loop, like a callback: the user's error handler may close the
		 * server, free the base, throw (loop() rethrows at once) or exit (G4, G12). The
		 * caller has armed the back-off timer already and holds a reference on s.
		 */
		as_diag_later("AsyncStreamServer cannot accept connections on %s: %s%s",
			ZSTR_VAL(s->address), strerror(err),
			s->backoff_ms ? " (retrying until descriptors are free again; set onError() to handle this)" : "");
		as_diag_flush_in_loop(s->base);
		return;
	}
	ex = as_stream_exception_new(php_asyncstream_stream_exception_ce, err,
		"cannot accept connections on %s: %s", ZSTR_VAL(s->address), strerror(err));
	ZVAL_OBJ_COPY(&args[0], &s->std);
	ZVAL_OBJ(&args[1], ex);
	as_invoke(s->base, &s->std, &s->on_error, 2, args);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
}

/*
 * Out of descriptors or memory: stop watching the socket and retry from a timer
 * (10 ms, doubling to 1 s). The connections stay queued in the kernel meanwhile.
 * Reports once per episode; the timer is armed first, so onError may close or pause.
 */
AS_RUNS_PHP static void as_server_back_off(as_server *s, int err)
{
	struct timeval tv;
	bool first = s->backoff_ms == 0;

	if (first) {
		s->backoff_ms = AS_SERVER_BACKOFF_MIN_MS;
	} else if (s->backoff_ms < AS_SERVER_BACKOFF_MAX_MS) {
		s->backoff_ms = MIN(s->backoff_ms * 2, AS_SERVER_BACKOFF_MAX_MS);
	}
	event_del(s->ev_accept);
	tv.tv_sec = s->backoff_ms / 1000;
	tv.tv_usec = (s->backoff_ms % 1000) * 1000;
	if (event_add(s->ev_backoff, &tv) != 0) {
		/* Cannot arm the timer: keep watching the socket rather than stop for good. */
		event_add(s->ev_accept, NULL);
	}
	if (first) {
		as_server_report(s, err);
	}
}

/* Whether accept() failed on a connection that died in the queue: skip it, go on. */
static bool as_accept_error_is_per_connection(int err)
{
	switch (err) {
		case ECONNABORTED:
		case EPROTO:
		/* Linux passes pending network errors of the new socket on through accept(). */
#ifdef ENETDOWN
		case ENETDOWN:
#endif
#ifdef ENOPROTOOPT
		case ENOPROTOOPT:
#endif
#ifdef EHOSTDOWN
		case EHOSTDOWN:
#endif
#ifdef ENONET
		case ENONET:
#endif
#ifdef EHOSTUNREACH
		case EHOSTUNREACH:
#endif
#ifdef ENETUNREACH
		case ENETUNREACH:
#endif
		case EPERM: /* a firewall rule refused it */
			return true;
		default:
			return false;
	}
}

#ifdef HAVE_AS_TLS
/*
 * An accepted TLS connection finished its handshake (error NULL: onConnection) or failed
 * it (onError with the AsyncStreamTlsException naming the peer; a warning without
 * onError). The stream was never shown to PHP before.
 */
static void as_server_tls_ready(as_stream *st, zend_object *owner, zend_object *error)
{
	as_server *s = as_server_from_obj(owner);
	zval args[2];

	if (s->state != AS_SRV_LIVE || !s->base) {
		/* The server was closed meanwhile: nobody to hand the connection to. */
		if (!error) {
			as_stream_close(st, NULL, false);
		}
		return;
	}
	if (error) {
		if (!as_callback_isset(&s->on_error)) {
			zval tmp, *msg = zend_read_property_ex(zend_ce_exception, error, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &tmp);
			php_error_docref(NULL, E_WARNING, "AsyncStreamServer on %s: %s (set onError() to handle this)",
				ZSTR_VAL(s->address), Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "TLS handshake failed");
			return;
		}
		ZVAL_OBJ_COPY(&args[0], &s->std);
		ZVAL_OBJ_COPY(&args[1], error);
		as_invoke(s->base, &s->std, &s->on_error, 2, args);
	} else {
		ZVAL_OBJ_COPY(&args[0], &st->std);
		ZVAL_OBJ_COPY(&args[1], &s->std);
		as_invoke(s->base, &s->std, &s->on_connection, 2, args);
	}
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
}
#endif

/* Wraps one accepted descriptor in an AsyncStream and calls onConnection. False: stop. */
AS_RUNS_PHP static bool as_server_dispatch(as_server *s, evutil_socket_t cfd)
{
	zval args[2];
	bool ok;

#ifdef HAVE_AS_TLS
	if (s->tls_ctx) {
		/* onConnection (or onError) once the handshake is done, from the loop. The
		 * connection counts against max_connections from now on, handshake included. */
		if (!as_stream_tls_accept(s->base, cfd, &s->opts, s->conns, s->tls_ctx, &s->tls_conf, &s->std,
				as_server_tls_ready)) {
			int err = errno;
			zend_throw_exception_ex(php_asyncstream_stream_exception_ce, err,
				"cannot watch the accepted connection (fd %d): %s", (int)cfd, strerror(err));
			goto failed;
		}
		return true;
	}
#endif
	if (!as_stream_new_connected(&args[0], s->base, cfd, &s->opts, s->conns)) {
#ifdef HAVE_AS_TLS
failed:;
#endif
		/* fd closed, AsyncStreamException thrown: hand it to onError, keep serving the others. */
		zend_object *ex = EG(exception);

		if (ex && instanceof_function(ex->ce, php_asyncstream_stream_exception_ce)
				&& as_callback_isset(&s->on_error)) {
			GC_ADDREF(ex);
			zend_clear_exception();
			ZVAL_OBJ_COPY(&args[0], &s->std);
			ZVAL_OBJ(&args[1], ex);
			ok = as_invoke(s->base, &s->std, &s->on_error, 2, args);
			zval_ptr_dtor(&args[0]);
			zval_ptr_dtor(&args[1]);
			return ok;
		}
		/* No onError: the exception comes out of loop() (G4). */
		event_base_loopbreak(s->base->base);
		return false;
	}
	ZVAL_OBJ_COPY(&args[1], &s->std);
	ok = as_invoke(s->base, &s->std, &s->on_connection, 2, args);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	return ok;
}

/* Accepts until the backlog is empty, the server is closed/paused, or a callback threw. */
AS_RUNS_PHP static void as_server_accept_all(as_server *s)
{
	uint32_t skipped = 0;

	for (;;) {
		evutil_socket_t cfd;

		if (s->state != AS_SRV_LIVE || s->paused || !s->base || !as_base_is_live(s->base) || EG(exception)) {
			return;
		}
		if (s->max_connections && s->conns->count >= s->max_connections) {
			/* At the limit: stop watching the socket (level-triggered, it would wake the loop
			 * for nothing); the next connection of ours to close watches it again. */
			s->at_limit = true;
			event_del(s->ev_accept);
			return;
		}
#if AS_HAVE_SOCK_FLAGS
		cfd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
#else
		cfd = accept(s->fd, NULL, NULL);
		if (cfd >= 0 && (evutil_make_socket_nonblocking(cfd) != 0 || evutil_make_socket_closeonexec(cfd) != 0)) {
			close(cfd);
			continue;
		}
#endif
		if (cfd < 0) {
			int err = errno;

			if (err == EINTR) {
				continue;
			}
			if (err == EAGAIN || err == EWOULDBLOCK) {
				return;
			}
			if (as_accept_error_is_per_connection(err)) {
				if (++skipped >= AS_SERVER_MAX_SKIPS) {
					return; /* level-triggered: the loop calls us again after the others ran */
				}
				continue;
			}
			/* EMFILE, ENFILE, ENOBUFS, ENOMEM, and anything unexpected: never spin on it. */
			as_server_back_off(s, err);
			return;
		}
		skipped = 0;
		s->backoff_ms = 0; /* an accept succeeded: the exhaustion episode is over */
		if (!as_server_dispatch(s, cfd)) {
			return; /* G4: an exception stops accepting at once */
		}
		if (GC_REFCOUNT(&s->std) <= 1) {
			/* The callback dropped the last reference (only our own hold is left): the
			 * server is being freed, so accept nothing more for it. */
			return;
		}
	}
}

AS_RUNS_PHP static void as_server_on_readable(evutil_socket_t fd, short what, void *arg)
{
	as_server *s = (as_server *)arg;

	/* G1: closed, paused or detached since libevent queued it: do nothing. */
	if (UNEXPECTED(s->state != AS_SRV_LIVE || s->paused)) {
		return;
	}
	AS_GUARD_ENTER(&s->std, s->running);
	as_server_accept_all(s);
	AS_GUARD_LEAVE(&s->std, s->running, s->state != AS_SRV_LIVE, as_server_release_native(s));
}

AS_RUNS_PHP static void as_server_on_backoff(evutil_socket_t fd, short what, void *arg)
{
	as_server *s = (as_server *)arg;

	if (UNEXPECTED(s->state != AS_SRV_LIVE || s->paused)) {
		return;
	}
	AS_GUARD_ENTER(&s->std, s->running);
	/* Watch the socket again; if descriptors are still short, accept_all backs off again. */
	event_add(s->ev_accept, NULL);
	as_server_accept_all(s);
	AS_GUARD_LEAVE(&s->std, s->running, s->state != AS_SRV_LIVE, as_server_release_native(s));
}

/* =================================================================================
 * Listening
 * =============================================================================== */

/* Throws "cannot listen on ADDR: <error>[ (detail)]" with errno as code. */
static void as_server_throw_listen(const char *addr, int err, const char *detail)
{
	zval ex;

	ZVAL_OBJ(&ex, as_stream_exception_new(php_asyncstream_stream_exception_ce, err,
		"cannot listen on %s: %s%s%s%s", addr, strerror(err),
		detail ? " (" : "", detail ? detail : "", detail ? ")" : ""));
	zend_throw_exception_object(&ex);
}

/*
 * bind() failed with EADDRINUSE on a unix path: is a live server behind it, or is it the
 * file of a dead one? Probes with a nonblocking connect(): refused means nobody accepts
 * on it. Returns 0 when the stale file was removed (bind again), else throws and returns -1.
 */
static int as_server_clear_stale_unix(const struct sockaddr_un *sun, socklen_t len, const char *addr)
{
	struct stat st;
	int probe, r, err;

	if (lstat(sun->sun_path, &st) != 0) {
		return errno == ENOENT ? 0 : (as_server_throw_listen(addr, errno, "cannot inspect the existing file"), -1);
	}
	if (!S_ISSOCK(st.st_mode)) {
		as_server_throw_listen(addr, EADDRINUSE, "the path exists and is not a socket; it was left alone");
		return -1;
	}
	probe = socket(AF_UNIX, SOCK_STREAM | AS_SOCK_FLAGS, 0);
	if (probe < 0) {
		as_server_throw_listen(addr, errno, "cannot probe the existing socket file");
		return -1;
	}
#if !AS_HAVE_SOCK_FLAGS
	evutil_make_socket_nonblocking(probe);
#endif
	r = connect(probe, (const struct sockaddr *)sun, len);
	err = r == 0 ? 0 : errno;
	close(probe);
	if (r == 0 || err == EAGAIN || err == EINPROGRESS) {
		as_server_throw_listen(addr, EADDRINUSE, "another server is accepting connections on it");
		return -1;
	}
	if (err == ECONNREFUSED || err == ENOENT) {
		/* Nobody listens: a dead server's file. */
		if (unlink(sun->sun_path) != 0 && errno != ENOENT) {
			as_server_throw_listen(addr, errno, "cannot remove the stale socket file");
			return -1;
		}
		return 0;
	}
	as_server_throw_listen(addr, EADDRINUSE, "the existing socket file cannot be probed");
	return -1;
}

/* socket + options + bind + listen. Returns the fd, or -1 after throwing. */
static evutil_socket_t as_server_listen(const struct sockaddr_storage *ss, socklen_t sslen, const as_server_opts *o,
	const char *addr)
{
	evutil_socket_t fd;
	int on = 1, family = ss->ss_family;

	fd = socket(family, SOCK_STREAM | AS_SOCK_FLAGS, 0);
	if (fd < 0) {
		as_server_throw_listen(addr, errno, "socket() failed");
		return -1;
	}
#if !AS_HAVE_SOCK_FLAGS
	if (evutil_make_socket_nonblocking(fd) != 0 || evutil_make_socket_closeonexec(fd) != 0) {
		as_server_throw_listen(addr, errno, "cannot make the socket nonblocking and close-on-exec");
		goto fail;
	}
#endif
	if (family != AF_UNIX) {
		if (o->reuseaddr && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0) {
			as_server_throw_listen(addr, errno, "setting SO_REUSEADDR failed");
			goto fail;
		}
#ifdef SO_REUSEPORT
		if (o->reuseport && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on)) != 0) {
			as_server_throw_listen(addr, errno, "setting SO_REUSEPORT failed");
			goto fail;
		}
#endif
		if (family == AF_INET6 && o->ipv6_only >= 0) {
			int v = o->ipv6_only;
			if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof(v)) != 0) {
				as_server_throw_listen(addr, errno, "setting IPV6_V6ONLY failed");
				goto fail;
			}
		}
	}
	if (bind(fd, (const struct sockaddr *)ss, sslen) != 0) {
		int err = errno;

		if (!(family == AF_UNIX && err == EADDRINUSE)) {
			as_server_throw_listen(addr, err, NULL);
			goto fail;
		}
		if (as_server_clear_stale_unix((const struct sockaddr_un *)ss, sslen, addr) != 0) {
			goto fail;
		}
		if (bind(fd, (const struct sockaddr *)ss, sslen) != 0) {
			as_server_throw_listen(addr, errno, NULL);
			goto fail;
		}
	}
	if (listen(fd, (int)o->backlog) != 0) {
		int err = errno;
		if (family == AF_UNIX) {
			unlink(((const struct sockaddr_un *)ss)->sun_path);
		}
		as_server_throw_listen(addr, err, "listen() failed");
		goto fail;
	}
	return fd;

fail:
	close(fd);
	return -1;
}

/* Binds and listens on a string address. Returns the fd, or -1 after throwing. */
static evutil_socket_t as_server_open(as_server *s, as_base *b, zend_string *address, const as_server_opts *so,
	zend_string **canon_out)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char host[256];
	int port = 0, r;
	zend_string *canon, *tcp;
	evutil_socket_t fd;
	bool is_tls;

	/* "tls://HOST:PORT": a TCP server whose connections are TLS (API Part 4). */
	tcp = as_tls_address_strip(address);
	r = as_address_parse(ZSTR_VAL(tcp ? tcp : address), ZSTR_LEN(tcp ? tcp : address), 2, &ss, &sslen, host, sizeof(host), &port);
	is_tls = tcp != NULL;
	if (tcp) {
		zend_string_release(tcp);
	}
	if (r < 0) {
		return -1;
	}
	if (is_tls && ss.ss_family == AF_UNIX) {
		zend_argument_value_error(2, "must be \"tls://HOST:PORT\" for TLS (not a unix socket), \"%s\" given", ZSTR_VAL(address));
		return -1;
	}
	if (r == 0) {
		/* A server binds without name resolution (G9); "localhost" is the one name we know. */
		if (strcasecmp(host, "localhost") == 0) {
			struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
			memset(&ss, 0, sizeof(ss));
			sin->sin_family = AF_INET;
			sin->sin_port = htons((uint16_t)port);
			sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
			sslen = sizeof(*sin);
		} else {
			zend_argument_value_error(2, "must have an IP address as host (a server binds without resolving names; "
				"use \"0.0.0.0\" or \"[::]\" for every interface), \"%s\" given", ZSTR_VAL(address));
			return -1;
		}
	}
	canon = as_address_format((struct sockaddr *)&ss, sslen);
	if (!canon) {
		canon = zend_string_copy(address);
	}
	as_base_fork_check(b);
	fd = as_server_listen(&ss, sslen, so, ZSTR_VAL(canon));
	if (fd < 0) {
		zend_string_release(canon);
		return -1;
	}
	if (ss.ss_family == AF_UNIX) {
		struct stat st;
		const char *path = ((struct sockaddr_un *)&ss)->sun_path;

		if (path[0] != '\0' && lstat(path, &st) == 0) {
			s->unix_path = zend_string_init(path, strlen(path), 0);
			s->unix_dev = st.st_dev;
			s->unix_ino = st.st_ino;
			s->owner_pid = getpid();
		}
	}
	*canon_out = canon;
	return fd;
}

/* The listening options only make sense for a socket the server creates itself. */
static bool as_server_refuse_listen_opts(HashTable *options)
{
	for (const char *const *k = as_server_keys; *k; k++) {
		if (strcmp(*k, "max_connections") != 0 && options && zend_hash_str_exists(options, *k, strlen(*k))) {
			zend_argument_value_error(4, "option \"%s\" applies only to a socket the server creates, "
				"not to an adopted listening socket", *k);
			return false;
		}
	}
	return true;
}

/*
 * Adopts a listening SOCK_STREAM socket (systemd socket activation, a hand-over between
 * processes): the descriptor is duplicated (close-on-exec, nonblocking), so the original may
 * be closed independently. Its socket file, if any, is never removed by us: we did not create
 * it. Returns the duplicate, or -1 after throwing.
 */
static evutil_socket_t as_server_adopt(zval *zsock, zend_string **canon_out)
{
	evutil_socket_t fd, dupfd;
	int type = 0, acceptconn = 0, flags;
	socklen_t len = sizeof(type), alen = sizeof(acceptconn);

	if (!as_zval_to_fd(zsock, 2, &fd)) {
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) {
		zend_argument_value_error(2, "must be a listening stream socket, fd %d is not a socket (%s)",
			(int)fd, strerror(errno));
		return -1;
	}
	if (type != SOCK_STREAM) {
		zend_argument_value_error(2, "must be a listening stream socket (SOCK_STREAM), not a datagram or raw socket");
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acceptconn, &alen) != 0 || !acceptconn) {
		zend_argument_value_error(2, "must be a listening socket (listen() was not called on it)");
		return -1;
	}
	dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (dupfd < 0) {
		as_throw(php_asyncstream_stream_exception_ce, errno, "cannot duplicate the listening socket (fd %d): %s",
			(int)fd, strerror(errno));
		return -1;
	}
	flags = fcntl(dupfd, F_GETFL);
	if (flags < 0 || fcntl(dupfd, F_SETFL, flags | O_NONBLOCK) != 0) {
		int err = errno;
		close(dupfd);
		as_throw(php_asyncstream_stream_exception_ce, err, "cannot make the listening socket (fd %d) nonblocking: %s",
			(int)fd, strerror(err));
		return -1;
	}
	*canon_out = zend_strpprintf(0, "adopted listening socket (fd %d)", (int)fd);
	return dupfd;
}

ZEND_METHOD(AsyncStreamServer, __construct)
{
	zval *zbase, *zaddress;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	HashTable *options = NULL;
	as_server *s = Z_AS_SERVER_P(ZEND_THIS);
	as_server_opts so;
	as_base *b;
	struct sockaddr_storage bound;
	socklen_t boundlen = sizeof(bound);
	zend_string *canon = NULL;
	zval *ztls;
	bool is_tls = false;

	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_ZVAL(zaddress)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	ZVAL_DEREF(zaddress);
	if (Z_TYPE_P(zaddress) != IS_STRING && Z_TYPE_P(zaddress) != IS_LONG && Z_TYPE_P(zaddress) != IS_RESOURCE
			&& !(Z_TYPE_P(zaddress) == IS_OBJECT && zend_string_equals_literal_ci(Z_OBJCE_P(zaddress)->name, "Socket"))) {
		zend_argument_type_error(2, "must be of type string|resource|Socket|int, %s given", zend_zval_type_name(zaddress));
		RETURN_THROWS();
	}
	if (s->state != AS_SRV_UNINIT || s->address) {
		as_throw_constructed_twice();
		RETURN_THROWS();
	}
	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		RETURN_THROWS();
	}
	/* Its connections are the base's streams: their I/O method is decided now (and "on" fails now). */
	if (as_uring_select(b) < 0) {
		RETURN_THROWS();
	}
	if (options) {
		if (!as_stream_opts_parse(options, 4, false, as_server_keys, &s->opts) || !as_server_opts_parse(options, &so)) {
			RETURN_THROWS();
		}
	} else {
		HashTable empty;
		zend_hash_init(&empty, 0, NULL, NULL, 0);
		as_server_opts_parse(&empty, &so);
		zend_hash_destroy(&empty);
	}
	if (Z_TYPE_P(zaddress) == IS_STRING) {
		/* "tls://HOST:PORT": a TCP server whose connections are TLS (API Part 4). */
		zend_string *tcp = as_tls_address_strip(Z_STR_P(zaddress));
		if (tcp) {
			is_tls = true;
			zend_string_release(tcp);
		}
	}
	ztls = options ? zend_hash_str_find(options, "tls", sizeof("tls") - 1) : NULL;
	if (ztls && !is_tls && Z_TYPE_P(zaddress) == IS_STRING) {
		/* (An adopted socket: as_server_refuse_listen_opts() names the option.) */
		zend_argument_value_error(4, "option \"tls\" needs a \"tls://\" address, \"%s\" given", Z_STRVAL_P(zaddress));
		RETURN_THROWS();
	}
	if (is_tls) {
		/* Certificates and keys are loaded now: a bad one throws before anything is bound. */
#ifdef HAVE_AS_TLS
		if (!(s->tls_ctx = as_tls_setup(b, ztls, 4, true, "AsyncStreamServer::__construct()", &s->tls_conf))) {
			RETURN_THROWS();
		}
		as_tls_ctx_ref(s->tls_ctx);
#else
		as_tls_throw_unavailable("AsyncStreamServer::__construct()");
		RETURN_THROWS();
#endif
	}

	if (Z_TYPE_P(zaddress) == IS_STRING) {
		s->fd = as_server_open(s, b, Z_STR_P(zaddress), &so, &canon);
	} else if (as_server_refuse_listen_opts(options)) {
		as_base_fork_check(b);
		s->fd = as_server_adopt(zaddress, &canon);
	}
	if (s->fd < 0) {
		RETURN_THROWS();
	}
	/* The real address: port 0 becomes the port the system picked. */
	memset(&bound, 0, sizeof(bound));
	if (getsockname(s->fd, (struct sockaddr *)&bound, &boundlen) == 0
			&& (s->address = as_address_format((struct sockaddr *)&bound, boundlen))) {
		zend_string_release(canon);
	} else {
		s->address = canon;
	}
	if (is_tls && strncmp(ZSTR_VAL(s->address), "tcp://", 6) == 0) {
		/* What AsyncStream::connect() needs to reach it: "tls://127.0.0.1:PORT". */
		zend_string *t = zend_strpprintf(0, "tls://%s", ZSTR_VAL(s->address) + 6);
		zend_string_release(s->address);
		s->address = t;
	}

	s->ev_accept = event_new(b->base, s->fd, EV_READ | EV_PERSIST, as_server_on_readable, s);
	s->ev_backoff = evtimer_new(b->base, as_server_on_backoff, s);
	if (!s->ev_accept || !s->ev_backoff || event_add(s->ev_accept, NULL) != 0) {
		int err = errno ? errno : ENOMEM;
		as_server_release_native(s);
		close(s->fd);
		s->fd = -1;
		as_server_unlink_path(s);
		as_throw(php_asyncstream_stream_exception_ce, err, "cannot watch the listening socket of %s: %s",
			ZSTR_VAL(s->address), strerror(err));
		RETURN_THROWS();
	}
	as_callback_set(&s->on_connection, &fci, &fcc);
	s->max_connections = (uint32_t)so.max_connections;
	as_base_link(b, &s->link);
	s->base = b;
	s->state = AS_SRV_LIVE;
	/*
	 * A listening server belongs to its loop until close() (or EventBase::free()), like a
	 * listening socket in ReactPHP or Node: it keeps accepting whether or not the script
	 * keeps a variable for it. The base reports this reference to the GC, so the server is
	 * collected (closed) only together with a base nothing else references.
	 */
	as_child_own(&s->link, &s->std);
	AS_DIAG_FLUSH();
}

/* =================================================================================
 * Methods
 * =============================================================================== */

ZEND_METHOD(AsyncStreamServer, onError)
{
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	as_server *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_server_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	if (s->state == AS_SRV_LIVE && ZEND_FCI_INITIALIZED(fci)) {
		as_callback_set(&s->on_error, &fci, &fcc);
	} else {
		/*
		 * null clears; after close() nothing is stored (nothing can call it any more). ZPP
		 * already released a trampoline it resolved (function_handler is NULL then).
		 */
		as_callback_clear(&s->on_error);
		zend_release_fcall_info_cache(&fcc);
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(AsyncStreamServer, getAddress)
{
	as_server *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_server_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	RETURN_STR_COPY(s->address);
}

ZEND_METHOD(AsyncStreamServer, pause)
{
	as_server *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_server_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	if (s->state != AS_SRV_LIVE || s->paused) {
		return;
	}
	s->paused = true;
	as_base_fork_check(s->base);
	event_del(s->ev_accept);
	event_del(s->ev_backoff);
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStreamServer, resume)
{
	as_server *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_server_this(ZEND_THIS, false))) {
		RETURN_THROWS();
	}
	if (!s->paused) {
		return;
	}
	s->paused = false;
	if (s->at_limit) {
		return; /* the next connection of ours to close watches the socket again */
	}
	as_base_fork_check(s->base);
	/* During an exhaustion episode the next accept backs off again, without a new report. */
	if (event_add(s->ev_accept, NULL) != 0) {
		int err = errno;
		s->paused = true;
		as_throw(php_asyncstream_stream_exception_ce, err, "cannot watch the listening socket of %s: %s",
			ZSTR_VAL(s->address), strerror(err));
		RETURN_THROWS();
	}
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStreamServer, close)
{
	as_server *s = Z_AS_SERVER_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_NONE();
	/* Idempotent, and harmless on a detached or unconstructed server. */
	as_server_teardown(s, AS_SRV_CLOSED);
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStreamServer, isListening)
{
	as_server *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_server_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(s->state == AS_SRV_LIVE && !s->paused);
}

/* =================================================================================
 * Registration
 * =============================================================================== */

void as_server_class_init(zend_class_entry *ce)
{
	ce->create_object = as_server_create;
	memcpy(&as_server_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_server_handlers.offset = XtOffsetOf(as_server, std);
	as_server_handlers.free_obj = as_server_free_obj;
	as_server_handlers.dtor_obj = as_server_dtor_obj;
	as_server_handlers.clone_obj = NULL;
	as_server_handlers.compare = zend_objects_not_comparable; /* == is identity */
	as_server_handlers.get_gc = as_server_get_gc;
	as_server_handlers.get_debug_info = as_server_get_debug_info;
}
