/*
 * AsyncStream's write path (docs/internals.md, "Streams"). write() hands the bytes to the
 * transport at once when nothing is queued and only queues the rest; writability is asked
 * for only while the queue is non-empty (or while connecting). as_stream_io_writable()
 * flushes the queue, sends the FIN after end() and calls onDrain at low_water; while
 * connecting it hands over to stream_connect.c. Write coalescing: a second write to a
 * stream in the same loop iteration is queued, and the queue leaves in one call when the
 * iteration's other callbacks have run. The write path's helpers live here so that they
 * stay static.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"

#include <event2/buffer.h>
#include <event2/util.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

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

/* =================================================================================
 * Writing
 * =============================================================================== */

/* Asks the transport to say when it can write (connect completion, a queue to flush). */
bool as_stream_arm_write(as_stream *s)
{
	if (!s->writing) {
		if (s->tp->want(s, AS_WANT_WRITE, true) != 0) {
			return false;
		}
		s->writing = true;
	}
	return true;
}

void as_stream_disarm_write(as_stream *s)
{
	if (s->writing) {
		s->tp->want(s, AS_WANT_WRITE, false);
		s->writing = false;
	}
}

static ssize_t as_stream_send(as_stream *s, const char *data, size_t len)
{
	struct iovec iov;

	iov.iov_base = (void *)data;
	iov.iov_len = len;
	return s->tp->send(s, &iov, 1);
}

/* Writes as much of the queue as the socket takes, in one call. Returns false on a write error (errno). */
bool as_stream_flush(as_stream *s)
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
		} else if (s->cx && s->cx->ai_next) {
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

/* Queued bytes of a string, at least this many, are referenced, not copied. */
#define AS_WRITE_REF_MIN 4096

static void as_stream_str_unref(const void *data, size_t len, void *extra)
{
	zend_string_release((zend_string *)extra);
}

/*
 * The write path shared by write() and end(): write-through when nothing is queued, queue
 * the rest, arm WRITE only then. Returns false at/above high_water or when closed.
 * owner: NULL, or the string data/len lie in. What is queued of it (all of it with io_uring,
 * whose transport has no synchronous send; a second write in a loop turn; what the socket
 * did not take) goes into the queue by reference when it is long (PHP strings do not
 * change while referenced), which saves one copy; the string is released when those bytes
 * are sent or dropped, always within the request (the queue goes with the stream or its
 * transport state, both request memory). Only below high_water: what a script queues
 * while ignoring backpressure is copied, so that queue stays outside memory_limit.
 */
bool as_stream_do_write(as_stream *s, const char *data, size_t len, zend_string *owner)
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
	if (owner && len >= AS_WRITE_REF_MIN && data >= ZSTR_VAL(owner) && len <= ZSTR_LEN(owner)
			&& (size_t)(data - ZSTR_VAL(owner)) <= ZSTR_LEN(owner) - len && as_stream_queued(s) < s->high_water) {
		zend_string *ref = zend_string_copy(owner);

		if (evbuffer_add_reference(s->out, data, len, as_stream_str_unref, ref) != 0) {
			zend_string_release(ref);
			as_stream_defer_error(s, ENOMEM);
			return false;
		}
	} else if (evbuffer_add(s->out, data, len) != 0) {
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
