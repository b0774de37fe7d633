/*
 * The TLS transport: AsyncStream over OpenSSL on the socket fd (the engine is tls.c).
 * The second implementation of the transport interface (asyncstream_internal.h,
 * docs/internals.md "Transports"); the stream core above it (framing, backpressure,
 * pause/resume, timers, end(), the one close path) is unchanged.
 *
 * What the core waits for and what the socket must do are two different things under
 * TLS: a read may need the socket writable (a TLS 1.3 key update to answer) and a write
 * readable, and a handshake needs whatever its current flight needs. So the transport
 * keeps, per direction, what the last OpenSSL call said it needs (read_wants,
 * write_wants, and the handshake's own), adds the socket events that some waiter needs
 * (as_tls_arm()), and on readiness calls back every waiter whose need it was
 * (as_tls_ready()). Like the plain transport: one persistent READ event and a WRITE
 * event created on first need, both level-triggered; no PHP is ever called from here.
 *
 * Decrypted bytes can wait inside OpenSSL while the socket has nothing more (a 64 KiB
 * read that stopped in the middle of a record, a pause): recv() and want(READ) ask the
 * loop for another read turn then (activate), since no readiness would come.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "as_tls.h"

#ifdef HAVE_AS_TLS

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <event2/buffer.h>

#ifndef MSG_NOSIGNAL
# define MSG_NOSIGNAL 0
#endif

/* Small queued writes are gathered into one record of up to this many bytes. */

static void as_tls_arm(as_stream *s);

/* Socket readiness in direction dir (AS_TLS_WANT_READ/WRITE): every waiter that needed it goes on. */
static void as_tls_ready(as_stream *s, unsigned dir)
{
	as_tls *t = s->tls;
	bool activated = dir == AS_TLS_WANT_READ && t->activated;
	bool r, w;

	if (activated) {
		t->activated = false;
	}
	if (t->in_handshake || s->state == AS_ST_CONNECTING) {
		/* Connect completion and every handshake step go through the core's writable turn. */
		as_stream_io_writable(s);
		return;
	}
	r = activated || ((t->core_wants & AS_WANT_READ) && t->read_wants == dir);
	w = (t->core_wants & AS_WANT_WRITE) && t->write_wants == dir;
	if (r && w) {
		/* Both go on; the first may close (or free) the stream. */
		GC_ADDREF(&s->std);
		as_stream_io_writable(s);
		if (s->state == AS_ST_CONNECTED && s->tls == t) {
			as_stream_io_readable(s);
		}
		OBJ_RELEASE(&s->std);
	} else if (w) {
		as_stream_io_writable(s);
	} else if (r) {
		as_stream_io_readable(s);
	}
}

static void as_tls_read_cb(evutil_socket_t fd, short what, void *arg)
{
	as_tls_ready((as_stream *)arg, AS_TLS_WANT_READ);
}

static void as_tls_write_cb(evutil_socket_t fd, short what, void *arg)
{
	as_tls_ready((as_stream *)arg, AS_TLS_WANT_WRITE);
}

/* Adds/deletes the socket events so that exactly what some waiter needs is watched. */
static void as_tls_arm(as_stream *s)
{
	as_tls *t = s->tls;
	uint8_t need = 0;

	if (!s->rev || s->state == AS_ST_CLOSED) {
		return;
	}
	if (t->in_handshake) {
		need = t->wants ? t->wants : AS_TLS_WANT_READ;
	} else {
		if (t->core_wants & AS_WANT_READ) {
			need |= t->read_wants;
		}
		if (t->core_wants & AS_WANT_WRITE) {
			need |= t->write_wants;
		}
	}
	if ((need ^ t->armed) & AS_TLS_WANT_READ) {
		if (need & AS_TLS_WANT_READ) {
			event_add(s->rev, NULL);
		} else {
			event_del(s->rev);
		}
	}
	if ((need ^ t->armed) & AS_TLS_WANT_WRITE) {
		if (need & AS_TLS_WANT_WRITE) {
			if (!s->wev && !(s->wev = event_new(s->base->base, s->fd, EV_WRITE | EV_PERSIST, as_tls_write_cb, s))) {
				need &= ~AS_TLS_WANT_WRITE;
			} else {
				event_add(s->wev, NULL);
			}
		} else if (s->wev) {
			event_del(s->wev);
		}
	}
	t->armed = need;
}

/* Another read turn from the loop, readiness or not (bytes wait inside OpenSSL). */
static void as_tls_activate(as_stream *s)
{
	if (s->rev) {
		s->tls->activated = true;
		event_active(s->rev, EV_READ, 1);
	}
}

static int as_tls_open(as_stream *s)
{
	struct event_base *eb = s->base->base;

	if (s->rev) {
		event_del(s->rev);
		event_assign(s->rev, eb, s->fd, EV_READ | EV_PERSIST, as_tls_read_cb, s);
	} else if (!(s->rev = event_new(eb, s->fd, EV_READ | EV_PERSIST, as_tls_read_cb, s))) {
		return ENOMEM;
	}
	if (s->wev) {
		event_del(s->wev);
		event_assign(s->wev, eb, s->fd, EV_WRITE | EV_PERSIST, as_tls_write_cb, s);
	}
	s->tls->armed = 0;
	s->tls->fd_set = false; /* a new descriptor (the next resolved address) */
	s->tls->closed = false;
	return 0;
}

static int as_tls_want(as_stream *s, unsigned what, bool on)
{
	as_tls *t = s->tls;

	if (on) {
		t->core_wants |= (uint8_t)what;
	} else {
		t->core_wants &= (uint8_t)~what;
	}
	as_tls_arm(s);
	if (on && (what & AS_WANT_READ) && t->handshake_done && as_tls_has_pending(t)) {
		as_tls_activate(s); /* resume() after a pause: the bytes OpenSSL holds come first */
	}
	return 0;
}

static ssize_t as_tls_recv(as_stream *s, char *buf, size_t len)
{
	as_tls *t = s->tls;
	size_t n;
	uint8_t before = t->read_wants;

	switch (as_tls_recv_bytes(t, buf, len, &n)) {
		case AS_TLS_OK:
			if (as_tls_has_pending(t)) {
				as_tls_activate(s); /* the buffer filled up: the rest is already decrypted or buffered */
			}
			if (t->read_wants != before) {
				as_tls_arm(s);
			}
			return (ssize_t)n;
		case AS_TLS_EOF:
			return 0;
		case AS_TLS_AGAIN:
			if (t->read_wants != before) {
				as_tls_arm(s);
			}
			errno = EAGAIN;
			return -1;
		default:
			errno = t->err_code;
			return -1;
	}
}

/* Encrypts the queue (or write()'s bytes) onto the socket (as_tls_send_iov()). */
static ssize_t as_tls_send(as_stream *s, const struct iovec *iov, int iovcnt)
{
	as_tls *t = s->tls;
	uint8_t before = t->write_wants;
	ssize_t r = as_tls_send_iov(t, iov, iovcnt, SIZE_MAX);
	int err = errno;

	if (t->write_wants != before) {
		as_tls_arm(s);
	}
	errno = err;
	return r;
}

static int as_tls_shutdown_write(as_stream *s)
{
	as_tls *t = s->tls;

	switch (as_tls_shutdown(t)) {
		case AS_TLS_AGAIN:
			as_tls_arm(s);
			return EAGAIN;
		default:
			/* Sent, or nothing to say: the FIN follows, as on a plain stream. */
			return shutdown(s->fd, SHUT_WR) == 0 ? 0 : errno;
	}
}

static int as_tls_handshake_step(as_stream *s)
{
	as_tls *t = s->tls;

	if (!t->fd_set) {
		if (!as_tls_set_fd(t, s->fd)) {
			return ENOMEM;
		}
		t->fd_set = true;
	}
	t->in_handshake = true;
	while (t->plain_left > 0) {
		/* startTls(): what write() queued before the call goes out in plaintext first. */
		struct evbuffer_iovec vec;
		ssize_t n;

		if (!s->out || evbuffer_peek(s->out, -1, NULL, &vec, 1) < 1) {
			t->plain_left = 0;
			break;
		}
		do {
			n = send(s->fd, vec.iov_base, MIN(vec.iov_len, t->plain_left), MSG_NOSIGNAL);
		} while (n < 0 && errno == EINTR);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				t->wants = AS_TLS_WANT_WRITE;
				as_tls_arm(s);
				return EAGAIN;
			}
			return errno;
		}
		evbuffer_drain(s->out, (size_t)n);
		t->plain_left -= (size_t)n;
	}
	switch (as_tls_handshake(t)) {
		case AS_TLS_OK:
			t->in_handshake = false;
			t->wants = 0;
			as_tls_arm(s);
			return 0;
		case AS_TLS_AGAIN:
			as_tls_arm(s);
			return EAGAIN;
		default:
			t->in_handshake = false;
			return t->err_code ? t->err_code : EPROTO;
	}
}

static void as_tls_close(as_stream *s)
{
	/* close(): one best-effort close_notify after a finished handshake, never from a forked child (G5). */
	as_tls_close_notify_once(s->tls);
	s->tls->closed = true;
	close(s->fd);
	s->fd = -1;
}

static void as_tls_release(as_stream *s)
{
	as_event_free_ptr(&s->rev);
	as_event_free_ptr(&s->wev);
	if (s->tls) {
		s->tls->armed = 0;
	}
}

/*
 * The exception for a failure of this transport: AsyncStreamTlsException with OpenSSL's
 * reason when TLS failed (a handshake, a protocol error, a timeout during the
 * handshake), NULL (the core's AsyncStreamException) for a plain socket error after it.
 */
zend_object *as_tls_transport_error(as_stream *s, const char *what, int err, const char *peer)
{
	as_tls *t = s->tls;
	const char *reason = t->err_msg ? ZSTR_VAL(t->err_msg) : strerror(err);

	if (strcmp(what, "handshake") == 0) {
		return as_stream_exception_new(php_asyncstream_tls_exception_ce, err, "TLS handshake with %s failed: %s", peer, reason);
	}
	if (strcmp(what, "handshake timeout") == 0) {
		return as_stream_exception_new(php_asyncstream_tls_exception_ce, ETIMEDOUT,
			"TLS handshake with %s failed: no handshake within handshake_timeout (%.3g s)", peer,
			(double)s->connect_tv.tv_sec + s->connect_tv.tv_usec / 1e6);
	}
	if (t->err_msg && t->err_code == EPROTO) {
		/* A TLS protocol error after the handshake (a bad record, an alert). */
		return as_stream_exception_new(php_asyncstream_tls_exception_ce, err, "TLS %s %s failed: %s", what, peer, reason);
	}
	return NULL; /* a socket error (a reset): AsyncStreamException, as on any stream */
}

const as_transport_ops as_transport_tls = {
	.name = "TLS",
	.open = as_tls_open,
	.want = as_tls_want,
	.activate = as_tls_activate,
	.recv = as_tls_recv,
	.send = as_tls_send,
	.shutdown_write = as_tls_shutdown_write,
	.handshake = as_tls_handshake_step,
	.close = as_tls_close,
	.release = as_tls_release,
	.error = as_tls_transport_error,
};

#endif /* HAVE_AS_TLS */
