/*
 * The io_uring transport: AsyncStream over its base's ring (uring.c), for sockets.
 * docs/internals.md ("io_uring") has the picture; in short:
 *
 * - receive: one multishot IORING_OP_RECV per stream, armed while the core wants to read,
 *   selecting from the ring's provided buffers. A completion hands its bytes to the core
 *   at once (as_stream_io_readable() -> our recv() copies them out of the provided buffer,
 *   which goes straight back to the kernel); bytes the core does not take then (paused,
 *   an exception pending) wait in `held` and are offered again through activate().
 *   Pausing cancels the receive, so TCP's window closes as it does in readiness mode.
 * - send: there is no synchronous send (ops.send = NULL): the core queues into s->out and
 *   asks for AS_WANT_WRITE; the queue becomes `sending` (the two buffers swap places; under
 *   a layer its chains are moved, no copy either), which only we and the kernel touch, and
 *   we submit one IORING_OP_SENDMSG of it. The core counts
 *   `sending` as still queued (ops.unsent), so backpressure, onDrain, getWriteBufferSize()
 *   and end()'s FIN ordering are what they are in readiness mode.
 * - connect: waited for with a libevent WRITE event, as the plain transport does (once
 *   per connection, not worth a ring operation).
 * - lifetime: the per-stream state is a separate allocation, referenced by the stream and
 *   by each operation in flight. close() cancels what is in flight and detaches; the state
 *   (and `sending`, which the kernel may still be reading) goes with the last final
 *   completion. Nothing the kernel writes into is per-stream: receives land in the ring's
 *   provided buffers, which live as long as the ring.
 * It never calls PHP: it calls the core's entry points, which do.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "transport_uring.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#ifdef HAVE_AS_IO_URING

#include <event2/buffer.h>

static const as_uring_op_vt as_ustream_recv_vt;
static const as_uring_op_vt as_ustream_send_vt;
static const as_uring_op_vt as_ustream_fin_vt;

static zend_always_inline as_ustream *as_ustream_from_rop(as_uring_op *op)
{
	return (as_ustream *)((char *)op - XtOffsetOf(as_ustream, rop));
}

static zend_always_inline as_ustream *as_ustream_from_sop(as_uring_op *op)
{
	return (as_ustream *)((char *)op - XtOffsetOf(as_ustream, sop));
}

static zend_always_inline as_ustream *as_ustream_from_fop(as_uring_op *op)
{
	return (as_ustream *)((char *)op - XtOffsetOf(as_ustream, fop));
}

void as_ustream_put(as_ustream *u)
{
	if (--u->refs == 0) {
		if (u->close_fd >= 0) {
			close(u->close_fd);
		}
		if (u->held) {
			evbuffer_free(u->held);
		}
		if (u->sending) {
			evbuffer_free(u->sending);
		}
		if (u->wire) {
			evbuffer_free(u->wire);
		}
		if (u->m) {
			efree(u->m);
		}
		efree(u);
	}
}

/* The base's ring, when this process may use it (not the parent's, after a fork). */
static as_uring *as_ustream_ring(as_ustream *u)
{
	const char *why;

	if (!u->b || !u->b->base) {
		return NULL;
	}
	as_base_fork_check(u->b);
	return as_uring_get(u->b, &why);
}

/* ---------------------------------------------------------------------------------
 * Receiving
 * ------------------------------------------------------------------------------- */

static void as_ustream_arm_recv(as_ustream *u)
{
	as_uring *r;
	struct io_uring_sqe *sqe;

	if (u->rop.inflight || !u->want_read || u->eof || u->rerr || !u->s || !(r = as_ustream_ring(u))) {
		return;
	}
	if (!(sqe = as_uring_prep(r, &u->rop))) {
		return;
	}
	u->prepped = true;
	u->prep_seq = as_uring_submit_seq(r);
	if (as_uring_multishot(r)) {
		io_uring_prep_recv_multishot(sqe, u->fd, NULL, 0, 0);
	} else {
		io_uring_prep_recv(sqe, u->fd, NULL, 0, 0);
	}
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = AS_URING_BGID;
	u->refs++;
	as_uring_queued(r);
}

/* Keeps what the core did not take, in order, for the next readable turn. */
static bool as_ustream_hold(as_ustream *u, const char *data, size_t len)
{
	if (!u->held && !(u->held = evbuffer_new())) {
		return false;
	}
	return evbuffer_add(u->held, data, len) == 0;
}

static void as_ustream_offer(as_ustream *u)
{
	as_stream *s = u->s;

	u->refs++;
	as_stream_io_readable(s);
	as_ustream_put(u);
}

static void as_ustream_recv_complete(as_uring *r, as_uring_op *op, int res, uint32_t flags, bool final, bool dying)
{
	as_ustream *u = as_ustream_from_rop(op);

	u->refs++; /* ours, while this runs */
	if (res > 0 && (flags & IORING_CQE_F_BUFFER)) {
		unsigned bid = flags >> IORING_CQE_BUFFER_SHIFT;
		const char *data = as_uring_buf(r, bid);

		if (!u->s || dying) {
			/* closed: the bytes have nowhere to go */
		} else if (!u->want_read || (u->held && evbuffer_get_length(u->held) > 0)) {
			if (!as_ustream_hold(u, data, (size_t)res)) {
				u->rerr = ENOMEM;
			}
		} else {
			u->cur = data;
			u->cur_len = (size_t)res;
			as_ustream_offer(u);
			if (u->cur_len > 0 && u->s && !as_ustream_hold(u, u->cur, u->cur_len)) {
				u->rerr = ENOMEM;
			}
			u->cur = NULL;
			u->cur_len = 0;
		}
		/* The provided buffer goes back now, unless a fork in PHP made this ring the parent's. */
		if (as_uring_alive(r)) {
			as_uring_buf_return(r, bid);
		}
	} else if (res == 0) {
		u->eof = true;
		if (u->s && !dying && u->want_read) {
			as_ustream_offer(u);
		}
	} else if (res < 0 && res != -ECANCELED && res != -ENOBUFS && res != -EINTR && res != -EAGAIN) {
		u->rerr = -res;
		if (u->s && !dying && u->want_read) {
			as_ustream_offer(u);
		}
	}
	if (final) {
		u->refs--; /* the op's */
		/* Out of provided buffers, a multishot the kernel ended, or single-shot: again, if still wanted. */
		if (!dying && as_uring_alive(r)) {
			as_ustream_arm_recv(u);
		}
	}
	as_ustream_put(u);
}

static void as_ustream_recv_abandon(as_uring_op *op)
{
	as_ustream *u = as_ustream_from_rop(op);

	/* A forked child: the parent's receive is not ours; arm our own on the child's ring. */
	as_ustream_arm_recv(u);
	as_ustream_put(u); /* the parent's op's reference */
}

static const as_uring_op_vt as_ustream_recv_vt = {
	as_ustream_recv_complete,
	as_ustream_recv_abandon,
};

/* ---------------------------------------------------------------------------------
 * Sending
 * ------------------------------------------------------------------------------- */

/* Whether bytes may go out now: connected, or (under a layer) the layer's handshake runs. */
static zend_always_inline bool as_ustream_may_send(as_ustream *u, as_stream *s)
{
	return u->connected && (s->state == AS_ST_CONNECTED || (s->state == AS_ST_CONNECTING && s->handshaking && u->up));
}

/* What goes out next: the layer's wire bytes, or the core's queue. */
static zend_always_inline struct evbuffer *as_ustream_src(as_ustream *u, as_stream *s)
{
	return u->up ? u->wire : s->out;
}

/*
 * Prepares the send, right before the ring submits (as_uring_defer): by then the turn's
 * write()s are all in s->out, and end() has said whether the FIN goes behind them.
 */
static void as_ustream_prep_send(as_uring_deferred *d, as_uring *r)
{
	as_ustream *u = (as_ustream *)((char *)d - XtOffsetOf(as_ustream, dnode));
	as_stream *s = u->s;
	struct io_uring_sqe *sqe;
	struct evbuffer_iovec vec[AS_URING_IOV];
	struct evbuffer *src;
	int nvec;
	bool fin;

	if (!r || !s || u->sop.inflight || !as_ustream_may_send(u, s)) {
		as_ustream_put(u); /* the deferral's reference */
		return;
	}
	if (u->up) {
		u->up->before_send(u); /* TLS: close_notify behind the last record when end() was called */
		if (u->s != s) {
			as_ustream_put(u);
			return;
		}
	}
	src = as_ustream_src(u, s);
	if (src == s->out && src && evbuffer_get_length(src) > 0 && (!u->sending || evbuffer_get_length(u->sending) == 0)) {
		/*
		 * No layer: the queue itself becomes what is in flight, and the empty buffer (or
		 * none) becomes the core's queue. The core never keeps s->out across a call, and
		 * an idle stream keeps one buffer, not two (send_complete gives it back).
		 */
		struct evbuffer *empty = u->sending;

		u->sending = s->out;
		s->out = empty;
		src = empty;
	} else if ((!u->sending || evbuffer_get_length(u->sending) == 0) && src && evbuffer_get_length(src) > 0) {
		if (!u->sending && !(u->sending = evbuffer_new())) {
			as_stream_defer_error(s, ENOMEM);
			as_ustream_put(u);
			return;
		}
		/* Moves the chains: no copy; the core (or the layer) may keep appending to src meanwhile. */
		evbuffer_add_buffer(u->sending, src);
	}
	if (!u->sending || evbuffer_get_length(u->sending) == 0) {
		as_ustream_put(u);
		return;
	}
	nvec = evbuffer_peek(u->sending, -1, NULL, vec, AS_URING_IOV);
	/*
	 * end() was called and this send carries the last queued byte: the FIN rides behind it
	 * (IORING_OP_SHUTDOWN linked to a MSG_WAITALL send), so it goes out without another loop
	 * turn, even when loop() returns right after (stop() in the same callback).
	 */
	fin = s->ending && !u->fin_queued && nvec <= AS_URING_IOV && (!src || evbuffer_get_length(src) == 0)
		&& (!u->up || (u->up->fin_ready(u) && (!s->out || evbuffer_get_length(s->out) == 0)));
	if (nvec > AS_URING_IOV) {
		nvec = AS_URING_IOV;
	}
	if (nvec > 1 && !u->m) {
		u->m = emalloc(sizeof(*u->m));
	}
	if (!(sqe = as_uring_prep(r, &u->sop))) {
		as_ustream_put(u);
		return;
	}
	u->prepped = true;
	u->prep_seq = as_uring_submit_seq(r);
	if (nvec == 1) {
		io_uring_prep_send(sqe, u->fd, vec[0].iov_base, vec[0].iov_len, MSG_NOSIGNAL | (fin ? MSG_WAITALL : 0));
	} else {
		for (int i = 0; i < nvec; i++) {
			u->m->iov[i].iov_base = vec[i].iov_base;
			u->m->iov[i].iov_len = vec[i].iov_len;
		}
		memset(&u->m->msg, 0, sizeof(u->m->msg));
		u->m->msg.msg_iov = u->m->iov;
		u->m->msg.msg_iovlen = (size_t)nvec;
		io_uring_prep_sendmsg(sqe, u->fd, &u->m->msg, MSG_NOSIGNAL | (fin ? MSG_WAITALL : 0));
	}
	u->refs++; /* the op's */
	if (fin && as_uring_shutdown_after(r, sqe, u->fd, &u->fop)) {
		u->fin_queued = true;
		u->refs++; /* fop's */
	}
	as_ustream_put(u); /* the deferral's */
}

/* Has the queue handed to the kernel at the end of this loop turn, when nothing is in flight. */
void as_ustream_kick_send(as_ustream *u)
{
	as_stream *s = u->s;
	struct evbuffer *src;
	as_uring *r;

	if (!s || u->sop.inflight || u->dnode.queued || !as_ustream_may_send(u, s)) {
		return;
	}
	src = as_ustream_src(u, s);
	if ((!src || evbuffer_get_length(src) == 0) && (!u->sending || evbuffer_get_length(u->sending) == 0)) {
		return; /* nothing to send: a deferral would only make shutdown_write() wait for nothing */
	}
	if (!(r = as_ustream_ring(u))) {
		return;
	}
	u->refs++; /* the deferral's */
	as_uring_defer(r, &u->dnode);
}

static void as_ustream_send_complete(as_uring *r, as_uring_op *op, int res, uint32_t flags, bool final, bool dying)
{
	as_ustream *u = as_ustream_from_sop(op);
	as_stream *s;

	u->refs++;
	if (final) {
		u->refs--; /* the op's */
	}
	if (!(s = u->s) || dying) {
		as_ustream_put(u);
		return;
	}
	if (res >= 0) {
		evbuffer_drain(u->sending, (size_t)res);
		if (!u->up && evbuffer_get_length(u->sending) == 0 && !u->sop.inflight) {
			/* All out: the emptied buffer is the core's queue again (or goes, when it has one). */
			if (!s->out) {
				s->out = u->sending;
			} else {
				evbuffer_free(u->sending);
			}
			u->sending = NULL;
		}
		if (res > 0) {
			as_stream_touch(s);
		}
		/* The rest of a short send, or what the core queued meanwhile, before the core looks. */
		if (as_uring_alive(r)) {
			as_ustream_kick_send(u);
		}
		as_stream_io_writable(s);
	} else if (res != -ECANCELED && res != -EINTR && res != -EAGAIN && u->up && u->up->send_failed(u, -res)) {
		/* Let pass; the core goes on (to the FIN) now, or when the linked FIN completes (cancelled). */
		evbuffer_drain(u->sending, evbuffer_get_length(u->sending));
		if (u->wire) {
			evbuffer_drain(u->wire, evbuffer_get_length(u->wire));
		}
		if (!u->fop.inflight) {
			as_stream_io_writable(s);
		}
	} else if (res != -ECANCELED && res != -EINTR && res != -EAGAIN) {
		as_stream_io_error(s, "write to", -res);
	} else if (as_uring_alive(r)) {
		as_ustream_kick_send(u);
	}
	as_ustream_put(u);
}

static void as_ustream_send_abandon(as_uring_op *op)
{
	as_ustream *u = as_ustream_from_sop(op);

	/*
	 * A forked child: the parent's kernel op sends (or fails) these bytes for the parent.
	 * The child must not send them again.
	 */
	if (u->sending) {
		evbuffer_drain(u->sending, evbuffer_get_length(u->sending));
	}
	if (u->want_write) {
		as_ustream_kick_send(u); /* what the child queued after */
	}
	as_ustream_put(u);
}

static const as_uring_op_vt as_ustream_send_vt = {
	as_ustream_send_complete,
	as_ustream_send_abandon,
};

/* The FIN is out (or failed, as a FIN may): the core's end() goes on. */
static void as_ustream_fin_complete(as_uring *r, as_uring_op *op, int res, uint32_t flags, bool final, bool dying)
{
	as_ustream *u = as_ustream_from_fop(op);

	if (res == -ECANCELED) {
		u->fin_queued = false; /* the send fell short: the FIN is linked again behind the rest */
	}
	if (u->close_fd >= 0) {
		close(u->close_fd); /* the stream closed meanwhile: the number may be reused only now */
		u->close_fd = -1;
	}
	if (u->s && !dying) {
		as_stream *s = u->s;

		if (res == -ECANCELED && as_uring_alive(r)) {
			as_ustream_kick_send(u);
		}
		as_stream_io_writable(s); /* shutdown_write() now says done */
	}
	as_ustream_put(u); /* fop's */
}

static void as_ustream_fin_abandon(as_uring_op *op)
{
	as_ustream *u = as_ustream_from_fop(op);

	/* A forked child: the parent's FIN is the parent's; the child never sends one (G5). */
	if (u->close_fd >= 0) {
		close(u->close_fd);
		u->close_fd = -1;
	}
	as_ustream_put(u);
}

static const as_uring_op_vt as_ustream_fin_vt = {
	as_ustream_fin_complete,
	as_ustream_fin_abandon,
};

/* ---------------------------------------------------------------------------------
 * The transport operations
 * ------------------------------------------------------------------------------- */

static void as_ustream_activate_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream_io_readable((as_stream *)arg);
}

/*
 * The event activate() fires, made on first need: most connections never need one (their
 * bytes are taken as they complete), and an idle one then keeps 144 B less.
 */
static bool as_ustream_make_rev(as_stream *s)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	if (!s->rev && (!u || u->released || !s->base || !s->base->base
			|| !(s->rev = event_new(s->base->base, -1, 0, as_ustream_activate_cb, s)))) {
		return false;
	}
	return true;
}

static void as_ustream_write_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream *s = (as_stream *)arg;
	as_ustream *u = (as_ustream *)s->tp_data;

	/* Only while connecting: the connect's completion. */
	u->refs++;
	as_stream_io_writable(s);
	if (u->s && s->state == AS_ST_CONNECTED) {
		event_del(s->wev);
		u->connected = true;
		if (u->want_write) {
			as_ustream_kick_send(u);
		}
	}
	as_ustream_put(u);
}

int as_ustream_open(as_stream *s)
{
	struct event_base *eb = s->base->base;
	as_ustream *u;

	if (s->tp_data && ((as_ustream *)s->tp_data)->s == s) {
		u = (as_ustream *)s->tp_data; /* a second open() for the next address of a connect */
	} else {
		if (s->tp_data) {
			as_ustream_put((as_ustream *)s->tp_data); /* closed for the previous address */
		}
		u = ecalloc(1, sizeof(*u));
		u->refs = 1;
		u->s = s;
		as_uring_op_init(&u->rop, &as_ustream_recv_vt);
		as_uring_op_init(&u->sop, &as_ustream_send_vt);
		as_uring_op_init(&u->fop, &as_ustream_fin_vt);
		u->close_fd = -1;
		u->dnode.prep = as_ustream_prep_send;
		s->tp_data = u;
	}
	u->b = s->base;
	u->fd = s->fd;
	u->connected = s->state == AS_ST_CONNECTED;
	if (s->wev) {
		event_del(s->wev);
		event_assign(s->wev, eb, s->fd, EV_WRITE | EV_PERSIST, as_ustream_write_cb, s);
	}
	return 0;
}

int as_ustream_want(as_stream *s, unsigned what, bool on)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	if (!u) {
		return 0;
	}
	if (what & AS_WANT_READ) {
		u->want_read = on;
		if (on) {
			if ((u->held && evbuffer_get_length(u->held) > 0) || u->eof || u->rerr) {
				if (!as_ustream_make_rev(s)) {
					return ENOMEM;
				}
				event_active(s->rev, EV_READ, 1); /* what arrived while paused goes first */
			}
			as_ustream_arm_recv(u);
		} else if (u->rop.inflight && s->base && s->base->uring) {
			/* Paused (or closing): stop the receive, so TCP's window does the backpressure. */
			as_uring_cancel(s->base->uring, &u->rop);
		}
	}
	if (what & AS_WANT_WRITE) {
		u->want_write = on;
		if (!u->connected) {
			if (!on) {
				if (s->wev) {
					event_del(s->wev);
				}
			} else {
				if (!s->wev && !(s->wev = event_new(s->base->base, s->fd, EV_WRITE | EV_PERSIST, as_ustream_write_cb, s))) {
					return ENOMEM;
				}
				event_add(s->wev, NULL);
			}
		} else if (on) {
			as_ustream_kick_send(u);
		}
	}
	return 0;
}

void as_ustream_activate(as_stream *s)
{
	if (!s->base || !s->base->base || !s->tp_data || ((as_ustream *)s->tp_data)->released) {
		return; /* detached or released: nothing will read again */
	}
	if (as_ustream_make_rev(s)) {
		event_active(s->rev, EV_READ, 1);
	} else {
		as_stream_defer_error(s, ENOMEM); /* no event to call back from: say so, never stall */
	}
}

size_t as_ustream_copy_out(as_ustream *u, char *buf, size_t len)
{
	size_t held = u->held ? evbuffer_get_length(u->held) : 0;
	size_t n;

	if (held > 0) {
		/* What arrived earlier and was kept comes before the completion being offered. */
		n = held < len ? held : len;
		evbuffer_remove(u->held, buf, n);
		return n;
	}
	n = u->cur_len < len ? u->cur_len : len;
	if (n > 0) {
		memcpy(buf, u->cur, n);
		u->cur += n;
		u->cur_len -= n;
	}
	return n;
}

/* recv() and recv_str(): into buf, or (buf NULL) into a new string *str of the bytes taken. */
static ssize_t as_ustream_take(as_stream *s, char *buf, size_t len, zend_string **str)
{
	as_ustream *u = (as_ustream *)s->tp_data;
	size_t avail, n;

	if (!u) {
		errno = EBADF;
		return -1;
	}
	avail = u->held && evbuffer_get_length(u->held) > 0 ? evbuffer_get_length(u->held) : u->cur_len;
	if (avail > 0) {
		n = avail < len ? avail : len;
		if (!buf) {
			*str = zend_string_alloc(n, 0);
			buf = ZSTR_VAL(*str);
			buf[n] = '\0';
		}
		as_ustream_copy_out(u, buf, n);
		if ((u->held && evbuffer_get_length(u->held) > 0) || u->cur_len > 0 || u->eof || u->rerr) {
			/* More is waiting (what is left of a completion is held when it returns): another readable turn. */
			as_ustream_activate(s);
		}
		return (ssize_t)n;
	}
	if (u->rerr) {
		errno = u->rerr;
		return -1;
	}
	if (u->eof) {
		return 0;
	}
	errno = EAGAIN;
	return -1;
}

static ssize_t as_ustream_recv(as_stream *s, char *buf, size_t len)
{
	return as_ustream_take(s, buf, len, NULL);
}

static ssize_t as_ustream_recv_str(as_stream *s, size_t len, zend_string **str)
{
	*str = NULL;
	return as_ustream_take(s, NULL, len, str);
}

size_t as_ustream_unsent(as_stream *s)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	if (!u) {
		return 0;
	}
	return (u->sending ? evbuffer_get_length(u->sending) : 0) + (u->wire ? evbuffer_get_length(u->wire) : 0);
}

int as_ustream_shutdown_write(as_stream *s)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	if (u && u->fin_queued) {
		/* Linked behind the last send: done once its completion came (fin_complete calls back). */
		return u->fop.inflight ? EAGAIN : 0;
	}
	if (u && (u->dnode.queued || u->sop.inflight || (u->sending && evbuffer_get_length(u->sending) > 0)
			|| (u->wire && evbuffer_get_length(u->wire) > 0))) {
		return EAGAIN; /* the FIN goes after what the kernel is still sending */
	}
	return shutdown(s->fd, SHUT_WR) == 0 ? 0 : errno;
}

/* Stops everything in flight and lets go of the stream (closing): the state lives on until its ops end. */
static void as_ustream_detach(as_stream *s, as_ustream *u)
{
	as_uring *r = u->b ? u->b->uring : NULL;

	if (r && as_uring_alive(r)) {
		as_uring_cancel(r, &u->rop);
		as_uring_cancel(r, &u->sop); /* close() drops unsent data, as in readiness mode */
	}
	u->want_read = u->want_write = false;
	u->s = NULL;
}

void as_ustream_close(as_stream *s)
{
	as_ustream *u = (as_ustream *)s->tp_data;
	as_uring *r;

	if (u) {
		as_ustream_detach(s, u);
	}
	/*
	 * Through the ring when it is ours: an SQE of this stream prepared in this loop turn
	 * (a send, a cancel) names the descriptor by number and takes its reference only when
	 * submitted. close(2) now could give the number to a new socket first; IORING_OP_CLOSE
	 * queued after those SQEs runs after them. The ops in flight hold the file, so the
	 * socket really closes (FIN) when the last of them has completed.
	 */
	if (u && u->fop.inflight && s->fd >= 0 && u->close_fd < 0) {
		/* The linked shutdown looks the number up only when it runs: closed after it. */
		u->close_fd = s->fd;
		s->fd = -1;
		if (u->b && (r = u->b->uring) && as_uring_alive(r) && u->b->loop_depth == 0) {
			as_uring_submit_now(r);
		}
	} else if (u && u->b && (r = u->b->uring) && as_uring_alive(r)) {
		if (u->b->loop_depth == 0) {
			/* No loop turn will submit the cancellations soon: now, so the peer sees the FIN now. */
			as_uring_submit_now(r);
		} else if (u->prepped && u->prep_seq == as_uring_submit_seq(r) && as_uring_close_fd(r, s->fd)) {
			s->fd = -1; /* closed by the ring, after the SQEs that name it */
		}
	}
	if (s->fd >= 0) {
		close(s->fd);
	}
	s->fd = -1;
	if (u && u->released) {
		s->tp_data = NULL; /* release() ran already */
		as_ustream_put(u);
	}
}

void as_ustream_release(as_stream *s)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	as_event_free_ptr(&s->rev);
	as_event_free_ptr(&s->wev);
	if (u) {
		u->released = true;
		if (u->s) {
			as_ustream_detach(s, u);
		}
		/* close() still needs the state (its ring) when the descriptor is open: dropped after it. */
		if (s->fd < 0) {
			s->tp_data = NULL;
			as_ustream_put(u);
		}
	}
}

const as_transport_ops as_transport_uring = {
	.name = "io_uring",
	.open = as_ustream_open,
	.want = as_ustream_want,
	.activate = as_ustream_activate,
	.recv = as_ustream_recv,
	.recv_str = as_ustream_recv_str,
	.send = NULL,
	.unsent = as_ustream_unsent,
	.shutdown_write = as_ustream_shutdown_write,
	.handshake = NULL,
	.close = as_ustream_close,
	.release = as_ustream_release,
};

#else

/*
 * Without liburing no base ever selects io_uring (as_uring_select() answers readiness);
 * defined so that the "is this stream on the ring" comparisons link.
 */
const as_transport_ops as_transport_uring = { .name = "io_uring (not built)" };

#endif /* HAVE_AS_IO_URING */
