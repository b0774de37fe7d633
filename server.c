/*
 * AsyncStreamServer (docs/api.md): its methods, object handlers and the one teardown
 * path. The listening socket (the constructor), the accept loop and the connection count
 * are in server_accept.c; the object itself in as_server.h.
 *
 * Ownership (G2): the server links itself into its EventBase (as_child, which holds a
 * reference on the base) and owns the listening fd, one persistent READ event on it
 * and a back-off timer. The user's references keep the server alive; dropping the last
 * one closes it, like close(). EventBase::free() detaches it: the fd is closed, the
 * events are deleted and the callbacks dropped, without calling PHP. A libevent event is
 * never freed while one of its callbacks is on the stack (G1): the release is deferred
 * to the end of that callback.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "as_server.h"
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

/* =================================================================================
 * Teardown
 * =============================================================================== */

/* Frees the libevent events unless one of their callbacks is running (it does it then). */
void as_server_release_native(as_server *s)
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
void as_server_unlink_path(as_server *s)
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
