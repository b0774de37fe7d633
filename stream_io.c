/*
 * The AsyncStream core: a nonblocking byte stream over its own I/O (docs/internals.md,
 * "Streams"). stream.c holds the PHP methods and object handlers; this file holds what
 * they and the loop drive: connect, the read path and framing, the write path and
 * backpressure, the timer, and the one close path.
 *
 * The socket is reached only through the stream's transport (s->tp, see
 * asyncstream_internal.h; transport_plain.c for sockets and pipes). Reading is asked of
 * the transport once and stays on while wanted; one recv() of up to 64 KiB per
 * readiness, into the scratch buffer and then the zend_string handed to onData when
 * nothing is buffered and no framing is set, otherwise into the input evbuffer where
 * frames are cut. write() hands the bytes to the transport at once when nothing is
 * queued and only queues the rest; writability is asked for only while the queue is
 * non-empty (or while connecting). One timer serves the connect timeout, the
 * idle timeout and deferred failures. Names go through the base's resolver (dns.c).
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
#include "uring.h"
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

#define AS_WRITE_IOV   64            /* iovecs per transport send() when flushing the queue */

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

/*
 * Write coalescing (as_stream_do_write): a "round" is the rest of one loop iteration in
 * which a stream of the base wrote through; round_ev, activated then, runs after the
 * iteration's other callbacks and flushes what later writes of the round queued.
 */
struct as_write_round {
	struct event *round_ev;
	uint32_t round;                /* bumped when round_ev runs: a stream's wrote_round tells "this round" */
	bool active;
	uint32_t nflush, capflush;
	zend_object **flush;           /* streams with coalesced bytes (one reference each) */
};

void as_stream_free_extra(as_stream *s)
{
	if (s->cx) {
		efree(s->cx);
		s->cx = NULL;
	}
}

AS_RUNS_PHP static void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 4, 5);
AS_RUNS_PHP static void as_stream_fail_errno(as_stream *s, const char *what, int err);
AS_RUNS_PHP static void as_stream_deliver(as_stream *s);
static bool as_stream_flush(as_stream *s);
AS_RUNS_PHP static void as_stream_timer_cb(evutil_socket_t fd, short what, void *arg);
AS_RUNS_PHP static void as_stream_tick(as_stream *s);

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
AS_RUNS_PHP static void as_stream_close_clean(as_stream *s)
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
		struct evbuffer_iovec vec[AS_WRITE_IOV];
		struct iovec iov[AS_WRITE_IOV];
		struct msghdr msg = {0};
		int nvec = evbuffer_peek(s->out, -1, NULL, vec, AS_WRITE_IOV);

		if (nvec > AS_WRITE_IOV) {
			nvec = AS_WRITE_IOV;
		}
		for (int i = 0; i < nvec; i++) {
			iov[i].iov_base = vec[i].iov_base;
			iov[i].iov_len = vec[i].iov_len;
		}
		msg.msg_iov = iov;
		msg.msg_iovlen = (size_t)nvec;
		(void)sendmsg(s->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
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
	if (s->dns_req) {
		struct evdns_getaddrinfo_request *req = s->dns_req;
		s->dns_req = NULL;
		evdns_getaddrinfo_cancel(req); /* calls back with EVUTIL_EAI_CANCEL, ignored */
		as_dns_lookup_ended(b, s);
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
		s->tp->close(s);
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
AS_RUNS_PHP static void as_stream_fail(as_stream *s, zend_class_entry *ce, int err, const char *fmt, ...)
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
AS_RUNS_PHP static bool as_stream_fail_transport(as_stream *s, const char *what, int err)
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

AS_RUNS_PHP static void as_stream_fail_errno(as_stream *s, const char *what, int err)
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

/* Asks the transport to say when it can write (connect completion, a queue to flush). */
static bool as_stream_arm_write(as_stream *s)
{
	if (!s->writing) {
		if (s->tp->want(s, AS_WANT_WRITE, true) != 0) {
			return false;
		}
		s->writing = true;
	}
	return true;
}

static void as_stream_disarm_write(as_stream *s)
{
	if (s->writing) {
		s->tp->want(s, AS_WANT_WRITE, false);
		s->writing = false;
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

/* Runs the timer at the start of the next iteration (the delivery backlog; it re-arms the idle timeout after). */
static void as_stream_tick_soon(as_stream *s)
{
	static const struct timeval zero = {0, 0};

	if (as_stream_ensure_timer(s)) {
		event_add(s->tev, &zero);
	}
}

void as_stream_arm_idle(as_stream *s)
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

/* =================================================================================
 * Reading
 * =============================================================================== */

/* Delivers one frame to onData. Returns false when delivery must stop (closed, exception). */
AS_RUNS_PHP static bool as_stream_emit(as_stream *s, zend_string *data)
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

AS_RUNS_PHP static void as_stream_frame_too_large(as_stream *s, size_t size)
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
AS_RUNS_PHP static zend_string *as_stream_next_frame(as_stream *s)
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
AS_RUNS_PHP static void as_stream_deliver_end(as_stream *s)
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
				as_stream_redeliver(s);
			}
			return;
		}
		if (s->state != AS_ST_CONNECTED) {
			return;
		}
		if (!as_callback_isset(&s->on_end) && !s->ending) {
			/* Nobody handles the half-close: end our side too (queued bytes go first). */
			s->ending = true;
			if (as_stream_queued(s) == 0) {
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
AS_RUNS_PHP static void as_stream_deliver(as_stream *s)
{
	uint32_t frames = 0;
	size_t bytes = 0;
	bool had_backlog = s->backlog;

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
			if (had_backlog && s->tls && s->reading && !s->eof) {
				/*
				 * No reading while a backlog waited, and bytes OpenSSL already decrypted
				 * get no readiness of their own: the transport asks for a read turn.
				 */
				s->tp->want(s, AS_WANT_READ, true);
			}
			break;
		}
		frames++;
		bytes += ZSTR_LEN(frame);
		if (!as_stream_emit(s, frame)) {
			if (s->state == AS_ST_CONNECTED && EG(exception)) {
				/* G4: the rest stays buffered; the next loop run goes on from here. */
				as_stream_redeliver(s);
			}
			return;
		}
	}
	if (s->state == AS_ST_CONNECTED && !s->paused && s->eof && (!s->in || evbuffer_get_length(s->in) == 0)) {
		as_stream_deliver_end(s);
	} else if (had_backlog && s->state == AS_ST_CONNECTED && !s->paused && !s->eof && s->reading) {
		/*
		 * The backlog is gone: read again. Readiness would fire again by itself, but a
		 * completion transport (io_uring) offers what it holds (bytes, EOF) only once.
		 */
		s->tp->activate(s);
	}
}

void as_stream_redeliver(as_stream *s)
{
	s->tp->activate(s);
}

/* READ readiness (or a re-delivery): one recv() of up to 64 KiB, then deliver what the input holds. */
AS_RUNS_PHP void as_stream_io_readable(as_stream *s)
{
	ssize_t n;
	int err;

	if (UNEXPECTED(s->state != AS_ST_CONNECTED)) {
		if (s->state == AS_ST_CONNECTING && s->handshaking) {
			as_stream_io_writable(s); /* a handshake goes on from either direction */
		}
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		/* Another callback of this batch threw: deliver nothing now (no frame may be lost), retry next loop. */
		as_stream_redeliver(s);
		as_loop_break_if_exception(); /* so that libevent does not run the redelivery in this loop() */
		return;
	}
	AS_GUARD_ENTER(&s->std, s->running);

	if (s->paused) {
		goto done;
	}
	if (!s->eof && s->reading && !s->backlog) {
		/* (With a backlog the buffered frames go first: reading more would only grow the buffer.) */
		if (s->framing == AS_FRAME_NONE && (!s->in || evbuffer_get_length(s->in) == 0)) {
			/*
			 * The common case. Read into one scratch buffer shared by all streams (in the
			 * module globals), then make the string onData gets at its exact size: one
			 * small allocation and a copy of the bytes read, instead of a 64 KiB allocation
			 * shrunk afterwards (which cost ~15% of the server's user-space instructions at 64 B).
			 */
			char *scratch = AS_G(read_scratch);
			zend_string *str;

			n = s->tp->recv(s, scratch, AS_READ_SIZE);
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
			n = s->tp->recv(s, vec.iov_base, AS_READ_SIZE < vec.iov_len ? AS_READ_SIZE : vec.iov_len);
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
	AS_GUARD_LEAVE(&s->std, s->running, s->state == AS_ST_CLOSED, as_stream_release_native(s));
}

/* =================================================================================
 * Writing
 * =============================================================================== */

static ssize_t as_stream_send(as_stream *s, const char *data, size_t len)
{
	struct iovec iov;

	iov.iov_base = (void *)data;
	iov.iov_len = len;
	return s->tp->send(s, &iov, 1);
}

/* Writes as much of the queue as the socket takes, in one call. Returns false on a write error (errno). */
static bool as_stream_flush(as_stream *s)
{
	struct evbuffer_iovec vec[AS_WRITE_IOV];
	struct iovec iov[AS_WRITE_IOV];
	int nvec;
	ssize_t n;

	if (!s->out || evbuffer_get_length(s->out) == 0 || !s->tp->send) {
		return true; /* without send(), the transport takes the queue itself */
	}
	nvec = evbuffer_peek(s->out, -1, NULL, vec, AS_WRITE_IOV);
	if (nvec > AS_WRITE_IOV) {
		nvec = AS_WRITE_IOV;
	}
	for (int i = 0; i < nvec; i++) {
		iov[i].iov_base = vec[i].iov_base;
		iov[i].iov_len = vec[i].iov_len;
	}
	n = s->tp->send(s, iov, nvec);
	if (n < 0) {
		return errno == EAGAIN || errno == EWOULDBLOCK;
	}
	evbuffer_drain(s->out, (size_t)n);
	as_stream_touch(s);
	return true;
}

/* After the queue shrank: disarm, FIN when ending, onDrain when below low_water. */
AS_RUNS_PHP void as_stream_after_write(as_stream *s)
{
	size_t left = as_stream_queued(s);

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
			if (s->tp->shutdown_write(s) == EAGAIN) {
				/* The transport needs more loop turns (TLS close_notify): again when writable. */
				as_stream_arm_write(s);
			} else {
				s->fin_sent = true;
				if (s->eof && s->end_delivered) {
					as_stream_close_clean(s);
					return;
				}
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

AS_RUNS_PHP static void as_stream_connected(as_stream *s)
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
AS_RUNS_PHP static void as_stream_handshake(as_stream *s)
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

AS_RUNS_PHP void as_stream_io_writable(as_stream *s)
{
	if (UNEXPECTED(s->state != AS_ST_CONNECTED && s->state != AS_ST_CONNECTING)) {
		return;
	}
	if (UNEXPECTED(EG(exception))) {
		as_loop_break_if_exception();
		return; /* level-triggered and persistent: fires again on the next loop run */
	}
	AS_GUARD_ENTER(&s->std, s->running);

	if (s->state == AS_ST_CONNECTING && s->handshaking) {
		as_stream_handshake(s);
	} else if (s->state == AS_ST_CONNECTING) {
		int err = 0;
		socklen_t len = sizeof(err);

		if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
			err = errno;
		}
		if (err == 0 && s->tp->handshake) {
			as_stream_handshake(s);
		} else if (err == 0) {
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

	AS_GUARD_LEAVE(&s->std, s->running, s->state == AS_ST_CLOSED, as_stream_release_native(s));
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

/* The timer of a connected stream: the delivery backlog, then the idle timeout. */
AS_RUNS_PHP static void as_stream_tick(as_stream *s)
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
 * Write coalescing
 * =============================================================================== */

/* Sends what write() coalesced this round, in one call; then as after any write. */
AS_RUNS_PHP static void as_stream_flush_coalesced(as_stream *s)
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

static void as_write_round_push(struct as_write_round *r, zend_object *obj)
{
	if (r->nflush == r->capflush) {
		r->capflush = r->capflush ? r->capflush * 2 : 16;
		r->flush = erealloc(r->flush, r->capflush * sizeof(*r->flush));
	}
	r->flush[r->nflush++] = obj;
	if (!r->active) {
		r->active = true;
		event_active(r->round_ev, EV_TIMEOUT, 1);
	}
}

/*
 * The end of a write round (the rest of the loop iteration in which a stream of this base
 * first wrote through): every stream's coalesced bytes leave in one call each.
 */
AS_RUNS_PHP static void as_stream_round_cb(evutil_socket_t fd, short what, void *arg)
{
	as_base *b = (as_base *)arg;
	struct as_write_round *r = b->write_round;
	zend_object **list = r->flush;
	uint32_t n = r->nflush, i;

	r->round++;
	r->active = false;
	r->flush = NULL;
	r->nflush = r->capflush = 0;
	GC_ADDREF(&b->std);
	for (i = 0; i < n && !EG(exception); i++) {
		as_stream *s = as_stream_from_obj(list[i]);

		if (s->state == AS_ST_CONNECTED && s->flush_pending) {
			AS_GUARD_ENTER(&s->std, s->running);
			as_stream_flush_coalesced(s);
			AS_GUARD_LEAVE(&s->std, s->running, s->state == AS_ST_CLOSED, as_stream_release_native(s));
		}
		OBJ_RELEASE(list[i]);
	}
	/* G4: after an exception the rest is flushed on the next loop run (r lives until the base goes). */
	for (; i < n; i++) {
		as_stream *s = as_stream_from_obj(list[i]);

		if (b->write_round && s->state == AS_ST_CONNECTED && s->flush_pending) {
			as_write_round_push(b->write_round, list[i]);
		} else {
			OBJ_RELEASE(list[i]);
		}
	}
	if (list) {
		efree(list);
	}
	OBJ_RELEASE(&b->std);
}

void as_stream_write_round_free(as_base *b)
{
	struct as_write_round *r = b->write_round;

	if (!r) {
		return;
	}
	b->write_round = NULL;
	if (r->round_ev) {
		event_free(r->round_ev);
	}
	/* Streams are detached (closed) by now: dropping our references runs no PHP. */
	for (uint32_t i = 0; i < r->nflush; i++) {
		OBJ_RELEASE(r->flush[i]);
	}
	if (r->flush) {
		efree(r->flush);
	}
	efree(r);
}

/* The base's round, created on first use (inside a loop). NULL when libevent refuses. */
static struct as_write_round *as_stream_write_round(as_base *b)
{
	if (!b->write_round) {
		struct as_write_round *r = ecalloc(1, sizeof(*r));

		r->round_ev = event_new(b->base, -1, 0, as_stream_round_cb, b);
		if (!r->round_ev) {
			efree(r);
			return NULL;
		}
		/* after everything else that is active in the iteration */
		event_priority_set(r->round_ev, event_base_get_npriorities(b->base) - 1);
		b->write_round = r;
	}
	return b->write_round;
}


/*
 * The write path shared by write() and end(): write-through when nothing is queued, queue
 * the rest, arm WRITE only then. Returns false at/above high_water or when closed.
 */
bool as_stream_do_write(as_stream *s, const char *data, size_t len)
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
		return as_stream_queued(s) < s->high_water;
	}
	as_base_fork_check(s->base);
	if (s->state == AS_ST_CONNECTED && !s->writing && !s->flush_pending && s->tp->send
			&& (!s->out || evbuffer_get_length(s->out) == 0)) {
		/*
		 * Inside the loop, the first write of a round (the rest of this loop iteration)
		 * goes to the socket at once, so request/response pays nothing extra. A second
		 * one to the same stream in the same round is queued, and all it queued leaves in
		 * one call when the round ends (as_stream_round_cb, after the iteration's other
		 * callbacks): a fan-out of many small messages costs each peer two syscalls per
		 * iteration, not one per message.
		 */
		struct as_write_round *r = s->base->loop_depth ? s->base->write_round : NULL;

		coalesce = r && r->active && s->wrote_round == r->round;
	}
	if (coalesce) {
		/* queued below; flushed at the end of the round */
	} else if (s->state == AS_ST_CONNECTED && !s->writing && !s->flush_pending && s->tp->send
			&& (!s->out || evbuffer_get_length(s->out) == 0)) {
		ssize_t n = as_stream_send(s, data, len);

		if (s->base->loop_depth) {
			struct as_write_round *r = as_stream_write_round(s->base);

			if (r) {
				s->wrote_round = r->round;
				if (!r->active) {
					r->active = true;
					event_active(r->round_ev, EV_TIMEOUT, 1);
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
	if (s->max_write_buffer && as_stream_queued(s) + len > s->max_write_buffer) {
		/*
		 * Past the hard limit (the queue lives outside memory_limit): the stream closes
		 * with ENOBUFS. The queue is released now, not when the error is reported. Bytes
		 * a completion transport holds in flight (unsent()) count: they are memory too.
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
			GC_ADDREF(&s->std);
			as_write_round_push(s->base->write_round, &s->std);
			s->flush_pending = true;
		}
	} else if (s->state == AS_ST_CONNECTED && !as_stream_arm_write(s)) {
		as_stream_defer_error(s, ENOMEM);
		return false;
	}
	queued = as_stream_queued(s);
	if (queued >= s->high_water) {
		s->need_drain = true;
		return false;
	}
	return true;
}

