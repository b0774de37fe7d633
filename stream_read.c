/*
 * AsyncStream's read path (docs/internals.md, "Streams"). Reading is asked of the
 * transport once and stays on while wanted; as_stream_io_readable() does one recv() of up
 * to 64 KiB per turn, into the scratch buffer and then the zend_string handed to onData
 * when nothing is buffered and no framing is set, otherwise into the input evbuffer where
 * frames are cut (delimiter, fixed size). Frames go to onData one at a time, the stream
 * re-checked after each call (G1), up to the fairness bounds below; the rest waits for the
 * next iteration (the backlog, which the stream's timer delivers through as_stream_tick()).
 * onEnd follows the peer's EOF. The read path's helpers live here so that they stay static.
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
#include <sys/time.h>

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

/* Runs the timer at the start of the next iteration (the delivery backlog; it re-arms the idle timeout after). */
static void as_stream_tick_soon(as_stream *s)
{
	static const struct timeval zero = {0, 0};

	if (as_stream_ensure_timer(s)) {
		event_add(s->tev, &zero);
	}
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
		 * completion transport (io_uring) offers what it holds (bytes, EOF) only once,
		 * and bytes OpenSSL already decrypted get no readiness of their own (TLS).
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
			 * A transport that holds what it received (io_uring's completions) makes the
			 * string from those bytes itself (recv_str): one copy, not two.
			 */
			char *scratch = AS_G(read_scratch);
			zend_string *str = NULL;

			if (s->tp->recv_str) {
				n = s->tp->recv_str(s, AS_READ_SIZE, &str);
			} else if ((n = s->tp->recv(s, scratch, AS_READ_SIZE)) > 0) {
				str = zend_string_init(scratch, (size_t)n, 0);
			}
			err = errno;
			if (n > 0) {
				as_stream_touch(s);
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
 * The delivery backlog (from the stream's timer)
 * =============================================================================== */

/* The timer of a connected stream: the delivery backlog, then the idle timeout. */
AS_RUNS_PHP void as_stream_tick(as_stream *s)
{
	if (s->backlog && !s->paused) {
		as_stream_deliver(s);
		if (s->state != AS_ST_CONNECTED || EG(exception)) {
			return;
		}
	}
	if (s->idle_on && !s->backlog) {
		struct timeval now, deadline, idle;

		as_double_to_timeval(s->idle_timeout, 1, &idle);
		event_base_gettimeofday_cached(s->base->base, &now);
		timeradd(&s->last_io, &idle, &deadline);
		if (timercmp(&now, &deadline, <)) {
			struct timeval left;
			timersub(&deadline, &now, &left);
			event_add(s->tev, &left);
		} else {
			zend_string *peer = as_stream_peer_name(s);
			as_stream_fail(s, php_asyncstream_stream_exception_ce, ETIMEDOUT,
				"connection to %s idle for %.3g s: %s", ZSTR_VAL(peer),
				s->idle_timeout, strerror(ETIMEDOUT));
			zend_string_release(peer);
		}
	}
}
