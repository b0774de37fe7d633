/*
 * AsyncStream: the PHP methods and object handlers. The I/O core they drive is
 * stream_io.c (timers, the close path), stream_connect.c (connect), stream_read.c
 * (reading and framing) and stream_write.c (writing and backpressure).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "uring.h"
#include "as_tls.h"
#include "zend_exceptions.h"

#include <event2/buffer.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

zend_class_entry *php_asyncstream_stream_ce;
zend_class_entry *php_asyncstream_stream_exception_ce;
zend_class_entry *php_asyncstream_dns_exception_ce;

static zend_object_handlers as_stream_handlers;

/* =================================================================================
 * Object
 * =============================================================================== */

static zend_object *as_stream_create(zend_class_entry *ce)
{
	as_stream *s = zend_object_alloc(sizeof(as_stream), ce);

	memset(s, 0, XtOffsetOf(as_stream, std));
	zend_object_std_init(&s->std, ce);
	object_properties_init(&s->std, ce);
	s->std.handlers = &as_stream_handlers;
	s->fd = -1;
	s->adopted_fd = -1;
	s->tp = &as_transport_plain;
	s->link.detach = as_stream_detach;
	as_callback_init(&s->on_connect);
	as_callback_init(&s->on_data);
	as_callback_init(&s->on_drain);
	as_callback_init(&s->on_end);
	as_callback_init(&s->on_close);
	as_callback_init(&s->on_secure);
	s->high_water = AS_STREAM_DEFAULT_HIGH_WATER;
	s->low_water = AS_STREAM_DEFAULT_LOW_WATER;
	s->max_frame = AS_STREAM_DEFAULT_MAX_FRAME;
	s->max_write_buffer = AS_STREAM_DEFAULT_MAX_WRITE_BUFFER;
	s->state = AS_ST_UNINIT;
	return &s->std;
}

static void as_stream_clear_callbacks(as_stream *s)
{
	as_callback_clear(&s->on_connect);
	as_callback_clear(&s->on_data);
	as_callback_clear(&s->on_drain);
	as_callback_clear(&s->on_end);
	as_callback_clear(&s->on_close);
	as_callback_clear(&s->on_secure);
}

AS_RUNS_PHP static void as_stream_dtor_obj(zend_object *obj)
{
	as_stream *s = as_stream_from_obj(obj);

	/*
	 * An open stream is referenced by its loop, so this runs for one only when the GC
	 * collects its unreachable base (the loop is not running then), or in the destructor
	 * pass at shutdown: a local close, onClose(null), like any destructor (PHP may run).
	 */
	if (s->state != AS_ST_CLOSED && s->state != AS_ST_UNINIT) {
		if (s->link.owned && (EG(flags) & EG_FLAGS_IN_SHUTDOWN)) {
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

AS_RUNS_PHP static void as_stream_free_obj(zend_object *obj)
{
	as_stream *s = as_stream_from_obj(obj);

	/*
	 * Reached with the loop's reference still held only when the object store frees
	 * everything at shutdown: that reference is discarded, never released. (The GC
	 * collecting an unreachable base calls dtor_obj first, which closes the stream.)
	 */
	s->link.owned = NULL;
	as_stream_close(s, NULL, false);
	as_stream_clear_callbacks(s);
	s->running = 0;
	as_stream_release_native(s);
	if (s->addr) {
		zend_string_release(s->addr);
	}
	if (s->framing == AS_FRAME_DELIMITER) {
		zend_string_release(s->delim);
	}
#ifdef HAVE_AS_TLS
	if (s->tls) {
		as_tls_free(s->tls);
		s->tls = NULL;
	}
#endif
	zend_object_std_dtor(obj);
}

static HashTable *as_stream_get_gc(zend_object *obj, zval **table, int *n)
{
	as_stream *s = as_stream_from_obj(obj);
	as_callback *cbs[6] = { &s->on_connect, &s->on_data, &s->on_drain, &s->on_end, &s->on_close, &s->on_secure };
	zval ready;
	zval *extra[1] = { &ready };

	/* An accepted TLS connection in its handshake holds its server (ready_obj). */
	if (s->ready_obj) {
		ZVAL_OBJ(&ready, s->ready_obj);
	} else {
		ZVAL_UNDEF(&ready);
	}
	return as_child_get_gc(obj, table, n, cbs, 6, extra, 1, s->base);
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
	ZVAL_LONG(&v, s->state != AS_ST_CLOSED && !s->overflow ? (zend_long)as_stream_queued(s) : 0); /* as getWriteBufferSize() */
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
static as_stream *as_stream_this(zval *zthis, bool allow_closed)
{
	as_stream *s = Z_AS_STREAM_P(zthis);

	if (UNEXPECTED(s->state == AS_ST_UNINIT)) {
		as_throw(NULL, 0, "the stream is not initialised (its constructor was not called)");
		return NULL;
	}
	if (UNEXPECTED(s->base_freed && !allow_closed)) {
		as_throw(NULL, 0, "the stream's EventBase has been freed");
		return NULL;
	}
	if (s->base) {
		as_base_fork_check(s->base); /* G5: every method may reach libevent */
	}
	return s;
}

/* =================================================================================
 * Methods
 * =============================================================================== */

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
		as_throw_constructed_twice();
		RETURN_THROWS();
	}
	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
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
	if (as_uring_select(b) < 0) {
		RETURN_THROWS();
	}
	dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (dupfd < 0) {
		as_throw(php_asyncstream_stream_exception_ce, errno, "cannot duplicate fd %d: %s", (int)fd, strerror(errno));
		RETURN_THROWS();
	}
	flags = fcntl(dupfd, F_GETFL);
	if (flags < 0 || fcntl(dupfd, F_SETFL, flags | O_NONBLOCK) != 0) {
		int err = errno;
		close(dupfd);
		as_throw(php_asyncstream_stream_exception_ce, err, "cannot make fd %d nonblocking: %s", (int)fd, strerror(err));
		RETURN_THROWS();
	}
	s->adopted_fd = (int)fd;
	/* The write end of a pipe (or a file opened "w") cannot be read: reading it fails with EBADF. */
	s->no_read = (flags & O_ACCMODE) == O_WRONLY;
	if (!as_stream_init_connected(s, b, dupfd, is_socket, &o)) {
		int err = errno;
		as_throw(php_asyncstream_stream_exception_ce, err, "cannot watch fd %d: %s", (int)fd, strerror(err));
		RETURN_THROWS();
	}
	AS_DIAG_FLUSH();
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
	zend_string *tcp = NULL;
	zval *ztls;
#ifdef HAVE_AS_TLS
	as_tls_conf tls_conf;
	as_tls_ctx *tls_ctx;
	as_tls *tls = NULL;
#endif

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_STR(address)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		RETURN_THROWS();
	}
	/* "tls://HOST:PORT" is "tcp://HOST:PORT" plus TLS (API Part 4). */
	tcp = as_tls_address_strip(address);
	r = as_address_parse(ZSTR_VAL(tcp ? tcp : address), ZSTR_LEN(tcp ? tcp : address), 2, &ss, &sslen, host, sizeof(host), &port);
	if (r < 0) {
		goto fail_early;
	}
	if (tcp && ss.ss_family == AF_UNIX) {
		zend_argument_value_error(2, "must be \"tls://HOST:PORT\" for TLS (not a unix socket), \"%s\" given", ZSTR_VAL(address));
		goto fail_early;
	}
	if (ss.ss_family != AF_UNIX && port == 0) {
		zend_argument_value_error(2, "must have a port between 1 and 65535, \"%s\" given", ZSTR_VAL(address));
		goto fail_early;
	}
	as_stream_opts_init(&o);
	if (options && !as_stream_opts_parse(options, 3, true, as_stream_tls_keys, &o)) {
		as_stream_opts_release(&o);
		goto fail_early;
	}
	ztls = options ? zend_hash_str_find(options, "tls", sizeof("tls") - 1) : NULL;
	if (ztls && !tcp) {
		zend_argument_value_error(3, "option \"tls\" needs a \"tls://\" address, \"%s\" given", ZSTR_VAL(address));
		as_stream_opts_release(&o);
		goto fail_early;
	}
	if (tcp) {
#ifdef HAVE_AS_TLS
		if (!(tls_ctx = as_tls_setup(b, ztls, 3, false, "AsyncStream::connect()", &tls_conf))) {
			as_tls_conf_release(&tls_conf);
			as_stream_opts_release(&o);
			goto fail_early;
		}
		if (r == 1) {
			as_tls_host_of(tcp, host, sizeof(host)); /* the literal, for SNI rules and the IP check */
		}
		tls = as_tls_new(tls_ctx, false, &tls_conf, host);
		if (tls && tls_conf.session_cache) {
			as_tls_session_offer(tls, tcp, &tls_conf);
		}
		as_tls_conf_release(&tls_conf);
		if (!tls) {
			zend_throw_exception(php_asyncstream_tls_exception_ce, "AsyncStream::connect(): OpenSSL could not create a connection", ENOMEM);
			as_stream_opts_release(&o);
			goto fail_early;
		}
#else
		as_tls_throw_unavailable("AsyncStream::connect()");
		as_stream_opts_release(&o);
		goto fail_early;
#endif
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
			goto fail_early;
		}
		if (r == 1 && cx->bind_ss.ss_family != ss.ss_family) {
			zend_argument_value_error(3, "option \"bind\" (\"%s\") must be of the same address family as the address \"%s\"",
				ZSTR_VAL(o.bind), ZSTR_VAL(address));
			efree(cx);
			as_stream_opts_release(&o);
			goto fail_early;
		}
		cx->has_bind = true;
	}
	if (as_uring_select(b) < 0) {
		efree(cx);
		as_stream_opts_release(&o);
		RETURN_THROWS();
	}

	object_init_ex(return_value, php_asyncstream_stream_ce);
	s = Z_AS_STREAM_P(return_value);
#ifdef HAVE_AS_TLS
	if (tls) {
		as_stream_use_tls(s, tls, b);
		tls = NULL;
	} else
#endif
	if (b->io_method == AS_IO_METHOD_URING) {
		s->tp = &as_transport_uring;
	}
	if (tcp) {
		zend_string_release(tcp);
		tcp = NULL;
	}
	as_base_fork_check(b);
	as_stream_attach(s, b, &o);
	s->cx = cx;
	if (ZSTR_LEN(address) >= 6 && (strncasecmp(ZSTR_VAL(address), "tcp://", 6) == 0
			|| strncasecmp(ZSTR_VAL(address), "tls://", 6) == 0
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
		as_throw(php_asyncstream_stream_exception_ce, ENOMEM, "libevent could not create a timer");
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
		AS_DIAG_FLUSH();
		return;
	}

	/* A name: resolve without blocking (G9). */
	as_stream_resolve(s, host, port);
	AS_DIAG_FLUSH(); /* the resolver's complaints about resolv.conf, say */
	return;

fail_early:
	if (tcp) {
		zend_string_release(tcp);
	}
#ifdef HAVE_AS_TLS
	if (tls) {
		as_tls_free(tls);
	}
#endif
	RETURN_THROWS();
}

AS_RUNS_PHP static void as_stream_set_cb(INTERNAL_FUNCTION_PARAMETERS, as_callback *(*field)(as_stream *))
{
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		/* Nothing will ever call it: do not keep it (no cycle to collect). */
		zend_release_fcall_info_cache(&fcc);
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
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_connect);
}

ZEND_METHOD(AsyncStream, onData)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_data);
}

ZEND_METHOD(AsyncStream, onDrain)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_drain);
}

ZEND_METHOD(AsyncStream, onEnd)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_end);
}

ZEND_METHOD(AsyncStream, onClose)
{
	as_stream_set_cb(INTERNAL_FUNCTION_PARAM_PASSTHRU, as_f_close);
}
ZEND_METHOD(AsyncStream, write)
{
	zend_string *data;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(data)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, false))) {
		RETURN_THROWS();
	}
	if (UNEXPECTED(s->user_closed)) {
		as_throw(NULL, 0, "the stream was %s", s->state == AS_ST_CLOSED && !s->ending
			? "closed with close()" : "ended with end()");
		RETURN_THROWS();
	}
	if (UNEXPECTED(s->ending)) {
		RETURN_FALSE; /* ended by itself after the peer's EOF (no onEnd handler) */
	}
	RETVAL_BOOL(as_stream_do_write(s, ZSTR_VAL(data), ZSTR_LEN(data), data));
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStream, end)
{
	zend_string *data = NULL;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(data)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, false))) {
		RETURN_THROWS();
	}
	if (s->user_closed || s->ending) {
		if (data && ZSTR_LEN(data) > 0 && s->user_closed) {
			as_throw(NULL, 0, "the stream was %s", s->state == AS_ST_CLOSED && !s->ending
				? "closed with close()" : "ended with end()");
			RETURN_THROWS();
		}
		return; /* idempotent */
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	if (data && ZSTR_LEN(data) > 0) {
		as_stream_do_write(s, ZSTR_VAL(data), ZSTR_LEN(data), data);
	}
	s->ending = true;
	s->user_closed = true;
	if (s->state == AS_ST_CONNECTED && !s->pending_err && as_stream_queued(s) == 0) {
		GC_ADDREF(&s->std);
		as_stream_after_write(s); /* FIN now; closes at once when the peer already ended */
		OBJ_RELEASE(&s->std);
	}
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStream, close)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	s->user_closed = true;
	s->ending = false;
	as_stream_close(s, NULL, true);
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStream, pause)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, false))) {
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		return;
	}
	s->paused = true;
	if (s->base) {
		as_base_fork_check(s->base);
	}
	as_stream_disarm_read(s);
	AS_DIAG_FLUSH();
}

ZEND_METHOD(AsyncStream, resume)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, false))) {
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
		as_stream_redeliver(s);
	}
	AS_DIAG_FLUSH();
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
	if (!(s = as_stream_this(ZEND_THIS, false))) {
		RETURN_THROWS();
	}
	if (s->state != AS_ST_CLOSED) {
		bool was_none = s->framing == AS_FRAME_NONE;

		if (s->framing == AS_FRAME_DELIMITER) {
			zend_string_release(s->delim);
		}
		s->framing = (uint8_t)mode;
		s->fixed = 0;
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
			as_stream_redeliver(s);
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
	if (!(s = as_stream_this(ZEND_THIS, false))) {
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
			s->idle_timeout = seconds;
			s->idle_on = true;
			as_stream_arm_idle(s);
		}
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

static void as_stream_sockopt(INTERNAL_FUNCTION_PARAMETERS, int level, int opt)
{
	bool on = true;
	as_stream *s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(on)
	ZEND_PARSE_PARAMETERS_END();

	if (!(s = as_stream_this(ZEND_THIS, false))) {
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
	as_stream_sockopt(INTERNAL_FUNCTION_PARAM_PASSTHRU, IPPROTO_TCP, TCP_NODELAY);
}

ZEND_METHOD(AsyncStream, setKeepAlive)
{
	as_stream_sockopt(INTERNAL_FUNCTION_PARAM_PASSTHRU, SOL_SOCKET, SO_KEEPALIVE);
}

static void as_stream_address(INTERNAL_FUNCTION_PARAMETERS, bool remote)
{
	as_stream *s;
	zend_string *r;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, true))) {
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
	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	/*
	 * After max_write_buffer was passed the queue is released at once; what io_uring
	 * still has in flight is cancelled by the close that follows: nothing is queued.
	 */
	RETURN_LONG(s->state != AS_ST_CLOSED && !s->overflow ? (zend_long)as_stream_queued(s) : 0);
}

ZEND_METHOD(AsyncStream, isConnected)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(s->state == AS_ST_CONNECTED);
}

ZEND_METHOD(AsyncStream, isClosed)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(s->state == AS_ST_CLOSED);
}

ZEND_METHOD(AsyncStream, getIoMethod)
{
	as_stream *s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(s = as_stream_this(ZEND_THIS, true))) {
		RETURN_THROWS();
	}
#if defined(HAVE_AS_TLS) && defined(HAVE_AS_IO_URING)
	if (s->tp == &as_transport_tls_uring) {
		RETURN_STRING("io_uring");
	}
#endif
	RETURN_STRING(s->tp == &as_transport_uring ? "io_uring" : "readiness");
}

/* =================================================================================
 * Registration
 * =============================================================================== */

void as_stream_class_init(zend_class_entry *ce)
{
	ce->create_object = as_stream_create;
	memcpy(&as_stream_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_stream_handlers.offset = XtOffsetOf(as_stream, std);
	as_stream_handlers.free_obj = as_stream_free_obj;
	as_stream_handlers.dtor_obj = as_stream_dtor_obj;
	as_stream_handlers.clone_obj = NULL;
	as_stream_handlers.compare = zend_objects_not_comparable; /* == is identity */
	as_stream_handlers.get_gc = as_stream_get_gc;
	as_stream_handlers.get_debug_info = as_stream_get_debug_info;
}
