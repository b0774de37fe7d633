/*
 * The AsyncStream core: a nonblocking byte stream over its own I/O (docs/internals.md,
 * "Streams"). stream.c holds the PHP methods and object handlers; the core is this file
 * (exceptions and the peer's name, the one close path and the failure paths, setup, the
 * timer) with stream_connect.c (connect, a stream from a connected descriptor),
 * stream_read.c (the read path, framing, delivery and its fairness) and stream_write.c
 * (the write path, backpressure, write coalescing).
 *
 * The socket is reached only through the stream's transport (s->tp, see
 * asyncstream_internal.h; transport_plain.c for sockets and pipes). One timer serves the
 * connect timeout, the idle timeout, deferred failures and the delivery backlog. Names go
 * through the base's resolver (dns.c).
 *
 * Close funnels through as_stream_close(): events, DNS request, buffers, fd and
 * callbacks are released there and onClose runs exactly once. libevent structures are
 * freed only when no callback of this stream is on the C stack (the `running` counter),
 * like event.c does for Event (G1).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"

#include <event2/buffer.h>
#include <event2/dns.h>
#include <event2/util.h>

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

void as_stream_free_extra(as_stream *s, as_base *b)
{
	as_connect_extra *cx = s->cx;

	if (!cx) {
		return;
	}
	if (cx->dns_req) {
		struct evdns_getaddrinfo_request *req = cx->dns_req;
		cx->dns_req = NULL;
		evdns_getaddrinfo_cancel(req); /* calls back with EVUTIL_EAI_CANCEL, ignored */
		as_dns_lookup_ended(b, s);
	}
	if (cx->ai_head) {
		evutil_freeaddrinfo(cx->ai_head);
	}
	s->cx = NULL;
	efree(cx);
}

AS_RUNS_PHP static void as_stream_timer_cb(evutil_socket_t fd, short what, void *arg);

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
zend_string *as_stream_peer_name(as_stream *s)
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

void as_stream_record_peer(as_stream *s, const struct sockaddr *sa, socklen_t len)
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
AS_RUNS_PHP void as_stream_close_clean(as_stream *s)
{
	if (s->pending_err > 0) {
		as_stream_fail_errno(s, "write to", s->pending_err);
	} else {
		as_stream_close(s, NULL, true);
	}
}

/* Frees the libevent structures, unless a callback of this stream is on the stack. */
void as_stream_release_native(as_stream *s)
{
	if (s->running) {
		return;
	}
	s->tp->release(s);
	as_event_free_ptr(&s->tev);
	if (s->in) {
		evbuffer_free(s->in);
		s->in = NULL;
	}
	if (s->out) {
		evbuffer_free(s->out);
		s->out = NULL;
	}
}

/* Calls onClose with any pending exception set aside, the way PHP runs destructors. */
AS_RUNS_PHP static void as_stream_invoke_close(as_stream *s, as_base *b, zend_object *error)
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
 * One nonblocking sendmsg() of up to AS_WRITE_IOV chains of buf (EINTR retried); drains
 * what the socket took. For the rare paths that must send at once, outside a transport's
 * normal send: the close path, TLS-over-io_uring's close_notify. Bytes taken or -1.
 */
ssize_t as_evbuffer_send_now(int fd, struct evbuffer *buf)
{
	struct evbuffer_iovec vec[AS_WRITE_IOV];
	struct iovec iov[AS_WRITE_IOV];
	struct msghdr msg = {0};
	ssize_t n;
	int nvec = evbuffer_peek(buf, -1, NULL, vec, AS_WRITE_IOV);

	if (nvec <= 0) {
		return 0;
	}
	if (nvec > AS_WRITE_IOV) {
		nvec = AS_WRITE_IOV;
	}
	for (int i = 0; i < nvec; i++) {
		iov[i].iov_base = vec[i].iov_base;
		iov[i].iov_len = vec[i].iov_len;
	}
	msg.msg_iov = iov;
	msg.msg_iovlen = (size_t)nvec;
	do {
		n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
	} while (n < 0 && errno == EINTR);
	if (n > 0) {
		evbuffer_drain(buf, (size_t)n);
	}
	return n;
}


/*
 * The one close path. Stops all I/O, unlinks from the base, calls onClose(error) once
 * (when call_php; never from free_obj), then closes the fd and drops the callbacks.
 * Takes ownership of `error`. Safe from inside any callback of this stream.
 */
AS_RUNS_PHP void as_stream_close(as_stream *s, zend_object *error, bool call_php)
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
	} else if (!s->tp->send && s->is_socket && s->state == AS_ST_CONNECTED && !s->pending_err && b && b->base
			&& s->out && evbuffer_get_length(s->out) > 0 && s->tp->unsent && s->tp->unsent(s) == 0
			&& s->fork_gen == as_fork_generation) {
		/*
		 * The same for a completion transport (io_uring), whose writes of a loop turn all
		 * leave at its end: with nothing in flight (order kept), one nonblocking send()
		 * of the queue; what the socket does not take is dropped.
		 */
		(void)as_evbuffer_send_now(s->fd, s->out);
	}
	s->flush_pending = false;
	s->state = AS_ST_CLOSED;
	s->reading = s->writing = false;
	if (s->conns) {
		/* One connection fewer for the server that accepted it (max_connections); no PHP runs. */
		as_server_conns *conns = s->conns;
		s->conns = NULL;
		as_server_conns_done(conns);
	}

	if (b && b->base) {
		as_base_fork_check(b);
		s->tp->want(s, AS_WANT_READ | AS_WANT_WRITE, false);
		if (s->tev) {
			event_del(s->tev);
		}
	}
	as_stream_free_extra(s, b);
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
		s->tp->close(s);
	}
	if (s->framing == AS_FRAME_DELIMITER) {
		zend_string_release(s->delim);
		s->delim = NULL;
		s->framing = AS_FRAME_NONE;
	}
	as_stream_release_native(s);
	/*
	 * Callbacks last, and s untouched after: a closure may hold the last reference to
	 * this stream (or to the base), and releasing it may free s when nobody else holds it
	 * (base destruction at shutdown detaching us).
	 */
	{
		as_callback *cbs[6] = { &s->on_connect, &s->on_data, &s->on_drain, &s->on_end, &s->on_close, &s->on_secure };
		zval old[6];
		zend_object *ready_obj = s->ready_obj;

		as_callbacks_take(cbs, 6, old);
		s->ready = NULL;
		s->ready_obj = NULL;
		if (b) {
			OBJ_RELEASE(&b->std);
		}
		as_zvals_release(old, 6);
		if (ready_obj) {
			OBJ_RELEASE(ready_obj);
		}
	}
	/* The loop's reference, dropped last of all: it may be the one keeping s alive. */
	as_child_disown(&s->link);
}

AS_RUNS_PHP void as_stream_fail_ex(as_stream *s, zend_object *ex)
{
	if (s->state == AS_ST_CLOSED) {
		OBJ_RELEASE(ex);
		return;
	}
	if (s->ready && s->ready_gets_errors) {
		/*
		 * Nobody in PHP has seen this stream yet (a server's connection whose handshake
		 * failed): close it without PHP, then report to whoever waits for it.
		 */
		as_stream_ready_fn ready = s->ready;
		zend_object *owner = s->ready_obj;

		s->ready = NULL;
		s->ready_obj = NULL;
		GC_ADDREF(&s->std);
		as_stream_close(s, NULL, false);
		ready(s, owner, ex);
		OBJ_RELEASE(ex);
		if (owner) {
			OBJ_RELEASE(owner);
		}
		OBJ_RELEASE(&s->std);
		return;
	}
	as_stream_close(s, ex, true);
}

/* Closes with a new AsyncStreamException (or subclass) built from the format. */
AS_RUNS_PHP void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
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
	as_stream_fail_ex(s, ex);
}

/* A failure of the transport (what: "read from", "write to", "handshake", ...): its own exception when it has one. */
AS_RUNS_PHP bool as_stream_fail_transport(as_stream *s, const char *what, int err)
{
	zend_string *peer;
	zend_object *ex;

	if (!s->tp->error || s->state == AS_ST_CLOSED) {
		return false;
	}
	peer = as_stream_peer_name(s);
	ex = s->tp->error(s, what, err, ZSTR_VAL(peer));
	zend_string_release(peer);
	if (!ex) {
		return false;
	}
	as_stream_fail_ex(s, ex);
	return true;
}

AS_RUNS_PHP void as_stream_fail_errno(as_stream *s, const char *what, int err)
{
	zend_string *peer;

	if (as_stream_fail_transport(s, what, err)) {
		return;
	}
	peer = as_stream_peer_name(s);
	as_stream_fail(s, php_asyncstream_stream_exception_ce, err, "%s %s failed: %s",
		what, ZSTR_VAL(peer), strerror(err));
	zend_string_release(peer);
}

AS_RUNS_PHP void as_stream_io_error(as_stream *s, const char *what, int err)
{
	if (UNEXPECTED(s->state == AS_ST_CLOSED || s->state == AS_ST_UNINIT)) {
		return;
	}
	AS_GUARD_ENTER(&s->std, s->running);
	as_stream_fail_errno(s, what, err);
	AS_GUARD_LEAVE(&s->std, s->running, s->state == AS_ST_CLOSED, as_stream_release_native(s));
}

AS_RUNS_PHP void as_stream_detach(as_child *child)
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

/* =================================================================================
 * Setup
 * =============================================================================== */

size_t as_stream_queued(as_stream *s)
{
	return (s->out ? evbuffer_get_length(s->out) : 0) + (s->tp->unsent ? s->tp->unsent(s) : 0);
}

/* Records the loop time of I/O for the idle timeout (a completion transport calls it too). */
void as_stream_touch(as_stream *s)
{
	if (s->idle_on && s->base && s->base->base) {
		event_base_gettimeofday_cached(s->base->base, &s->last_io);
	}
}

bool as_stream_arm_read(as_stream *s)
{
	if (!s->reading && !s->paused && !s->eof && !s->no_read && s->state == AS_ST_CONNECTED) {
		int r;

		/* A refusal is reported by the caller with errno, not as a raw libevent line (G6). */
		as_log_capture_begin();
		errno = 0;
		r = s->tp->want(s, AS_WANT_READ, true);
		as_log_capture_end();
		if (r != 0) {
			errno = r;
			return false;
		}
		s->reading = true;
	}
	return true;
}

void as_stream_disarm_read(as_stream *s)
{
	if (s->reading) {
		s->tp->want(s, AS_WANT_READ, false);
		s->reading = false;
	}
}

bool as_stream_ensure_timer(as_stream *s)
{
	if (!s->tev) {
		s->tev = evtimer_new(s->base->base, as_stream_timer_cb, s);
	}
	return s->tev != NULL;
}

/* Reports `err` from the timer on the next loop iteration (never from inside a PHP method). */
void as_stream_defer_error(as_stream *s, int err)
{
	struct timeval now = {0, 0};

	if (!s->pending_err) {
		s->pending_err = err;
	}
	if (as_stream_ensure_timer(s)) {
		event_add(s->tev, &now);
	}
}

void as_stream_arm_idle(as_stream *s)
{
	if (s->idle_on && s->state == AS_ST_CONNECTED && !s->pending_err && as_stream_ensure_timer(s)) {
		event_base_gettimeofday_cached(s->base->base, &s->last_io);
		if (!s->backlog) {
			struct timeval tv;

			as_double_to_timeval(s->idle_timeout, 1, &tv); /* not NAN: the setter refused it */
			event_add(s->tev, &tv); /* else the pending tick re-arms it after its work */
		}
	}
}

/* Links a fresh stream object to b; the caller fills in the rest. */
void as_stream_attach(as_stream *s, as_base *b, const as_stream_opts *o)
{
	as_base_link(b, &s->link);
	s->base = b;
	/*
	 * An open stream belongs to its loop until it closes, like a socket in ReactPHP or
	 * Node: a connection nobody stores (a server's onConnection, a fluent connect()
	 * chain), or one reachable only through its own closures, stays open. close(),
	 * end(), the peer, an error or EventBase::free() end it; the reference goes with it.
	 * The base reports this reference to the GC: a base nothing references any more
	 * (its loop not running) is collected together with its streams (dtor_obj closes them).
	 */
	as_child_own(&s->link, &s->std);
	s->fork_gen = as_fork_generation;
	s->high_water = o->high_water;
	s->low_water = o->low_water;
	s->max_frame = o->max_frame;
	s->max_write_buffer = o->max_write_buffer;
}

/* =================================================================================
 * Timer: deferred failures, connect timeout, idle timeout
 * =============================================================================== */

AS_RUNS_PHP static void as_stream_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream *s = (as_stream *)arg;

	if (UNEXPECTED(s->state == AS_ST_CLOSED || s->state == AS_ST_UNINIT)) {
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		struct timeval now = {0, 0};
		event_add(s->tev, &now); /* handled on the next loop run */
		as_loop_break_if_exception();
		return;
	}
	AS_GUARD_ENTER(&s->std, s->running);

	if (s->pending_err) {
		int err = s->pending_err;
		zend_string *peer = as_stream_peer_name(s);

		if (s->state == AS_ST_RESOLVING) {
			as_dns_lookup_ended(s->base, s); /* before onClose, which may start another lookup */
		}
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
				as_stream_fail(s, php_asyncstream_dns_exception_ce, err, "connect to %s failed: cannot resolve \"%s\": "
					"cannot read the resolver configuration \"%s\" (ini asyncstream.resolv_conf): %s", p, host,
					s->base->dns_conf ? ZSTR_VAL(s->base->dns_conf) : "", strerror(s->base->dns_conf_errno));
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
	} else if (s->state == AS_ST_CONNECTING && s->upgrading && as_stream_fail_transport(s, "handshake timeout", ETIMEDOUT)) {
		/* reported by the transport (TLS: "no handshake within handshake_timeout") */
	} else if (s->state == AS_ST_RESOLVING || s->state == AS_ST_CONNECTING) {
		zend_string *peer = as_stream_peer_name(s);
		as_stream_fail(s, php_asyncstream_stream_exception_ce, ETIMEDOUT,
			"connect to %s failed: %s (timeout %.3g s)", ZSTR_VAL(peer), strerror(ETIMEDOUT),
			(double)s->connect_tv.tv_sec + s->connect_tv.tv_usec / 1e6);
		zend_string_release(peer);
	} else {
		as_stream_tick(s);
	}

	AS_GUARD_LEAVE(&s->std, s->running, s->state == AS_ST_CLOSED, as_stream_release_native(s));
}

