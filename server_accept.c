/*
 * AsyncStreamServer's listening socket (docs/api.md): the constructor that binds and
 * listens (or adopts a listening socket), the accept loop, and the count of open
 * connections that max_connections limits. server.c holds the other methods, the object
 * handlers and the one teardown path.
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

/* =================================================================================
 * Connection count (max_connections)
 * =============================================================================== */

void as_server_conns_add(as_server_conns *c)
{
	c->refcount++;
	c->count++;
}

void as_server_conns_release(as_server_conns *c)
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
