/*
 * AsyncStream's connection set-up (docs/internals.md, "Streams"): a stream made from a
 * connected descriptor (an accepted connection, an adopted socket or pipe), and the
 * nonblocking connect() — one resolved address after the other, then the transport's
 * handshake when it has one, then onConnect (or the ready() callback that stands in for
 * it). Reached from stream.c's connect(), dns.c's answer, server_accept.c's accept loop
 * and the writability callback in stream_write.c.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "uring.h"
#include "zend_exceptions.h"

#include <event2/buffer.h>
#include <event2/util.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

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

/* Hands s->fd to the transport (first time or after switching to the next address). */
static bool as_stream_assign_fd_events(as_stream *s)
{
	int err = s->tp->open(s);

	if (err) {
		errno = err;
		return false;
	}
	s->reading = s->writing = false;
	return true;
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
AS_RUNS_PHP bool as_stream_init_connected(as_stream *s, as_base *b, evutil_socket_t fd, bool is_socket,
	const as_stream_opts *o)
{
	as_base_fork_check(b);
	as_stream_attach(s, b, o);
	s->fd = fd;
	s->is_socket = is_socket;
	if (is_socket && !s->tls && b->io_method == AS_IO_METHOD_URING) {
		s->tp = &as_transport_uring; /* pipes and terminals stay on readiness; TLS is its own transport */
	}
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

AS_RUNS_PHP bool as_stream_new_connected(zval *out, as_base *b, evutil_socket_t fd, const as_stream_opts *o,
	as_server_conns *conns)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	object_init_ex(out, php_asyncstream_stream_ce);
	Z_AS_STREAM_P(out)->accepted = true; /* made by a server: startTls() takes the server role */
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
	if (conns) {
		Z_AS_STREAM_P(out)->conns = conns;
		as_server_conns_add(conns);
	}
	return true;
}

/* =================================================================================
 * Connect
 * =============================================================================== */

/* Starts a nonblocking connect() to sa. Returns 0, or the errno of an immediate failure. */
int as_stream_connect_to(as_stream *s, const struct sockaddr *sa, socklen_t salen,
	const struct sockaddr_storage *bind_ss, socklen_t bind_len)
{
	evutil_socket_t fd;
	int on = 1;

	if (s->fd >= 0) {
		s->tp->want(s, AS_WANT_READ | AS_WANT_WRITE, false);
		s->tp->close(s);
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

void as_stream_try_next(as_stream *s)
{
	int err = ECONNREFUSED;

	s->state = AS_ST_CONNECTING;
	while (s->cx && s->cx->ai_next) {
		as_connect_extra *x = as_stream_extra(s);
		struct evutil_addrinfo *ai = x->ai_next;

		x->ai_next = ai->ai_next;
		err = as_stream_connect_to(s, ai->ai_addr, (socklen_t)ai->ai_addrlen,
			x->has_bind ? &x->bind_ss : NULL, x->bind_len);
		if (err == 0) {
			return;
		}
	}
	as_stream_defer_error(s, err);
}

AS_RUNS_PHP void as_stream_connected(as_stream *s)
{
	zval arg;

	if (s->tev) {
		event_del(s->tev);
	}
	s->state = AS_ST_CONNECTED;
	if (s->cx) {
		as_stream_apply_sockopts(s, s->cx->nodelay, s->cx->keepalive);
		as_stream_free_extra(s, s->base); /* the addresses not tried */
	}
	as_stream_arm_read(s);
	as_stream_arm_idle(s);
	if (as_stream_queued(s) == 0) {
		as_stream_disarm_write(s);
	}
	if (s->in && evbuffer_get_length(s->in) > 0) {
		as_stream_redeliver(s); /* startTls(): plaintext frames received before it come first */
	}
	if (s->ready) {
		as_stream_ready_fn ready = s->ready;
		zend_object *owner = s->ready_obj;

		s->ready = NULL;
		s->ready_obj = NULL;
		s->ready_gets_errors = false;
		ready(s, owner, NULL);
		if (owner) {
			OBJ_RELEASE(owner);
		}
	} else {
		ZVAL_OBJ_COPY(&arg, &s->std);
		as_invoke(s->base, &s->std, &s->on_connect, 1, &arg);
		zval_ptr_dtor(&arg);
	}
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

/* TCP is up: the transport's handshake first, when it has one, then onConnect. */
AS_RUNS_PHP void as_stream_handshake(as_stream *s)
{
	int err;

	if (!s->handshaking) {
		s->handshaking = true;
		as_stream_disarm_write(s); /* the transport watches what its handshake needs */
	}
	err = s->tp->handshake(s);
	if (err == EAGAIN) {
		return;
	}
	s->handshaking = false;
	if (err == 0) {
		as_stream_connected(s);
	} else if (!as_stream_fail_transport(s, "handshake", err)) {
		zend_string *peer = as_stream_peer_name(s);
		as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "connect to %s failed: %s handshake: %s",
			ZSTR_VAL(peer), s->tp->name, strerror(err));
		zend_string_release(peer);
	}
}

void as_stream_start_handshake(as_stream *s, double timeout)
{
	s->state = AS_ST_CONNECTING;
	s->handshaking = true;
	s->upgrading = true;
	as_stream_disarm_read(s);
	as_stream_disarm_write(s);
	if (timeout > 0 && as_stream_ensure_timer(s)) {
		as_double_to_timeval(timeout, 1, &s->connect_tv);
		s->has_connect_timeout = true;
		event_add(s->tev, &s->connect_tv);
	} else if (s->tev) {
		event_del(s->tev); /* no idle timeout while the handshake runs: it is not idle time */
	}
	/* The first step runs from the loop (a server's ClientHello, a client's own flight). */
	s->tp->activate(s);
}
