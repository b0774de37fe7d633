/*
 * The plain transport: AsyncStream over a nonblocking socket (or a pipe/terminal) with
 * the kernel's own read()/send(). The first implementation of the transport interface
 * (asyncstream_internal.h, docs/internals.md "Transports"); it keeps the syscall pattern
 * the benchmarks were measured with:
 * - one persistent level-triggered READ event (s->rev), added while the core wants to
 *   read, and one read() per readiness, into the buffer the core passes;
 * - send() of the caller's bytes (write-through from write()), sendmsg() of up to
 *   AS_WRITE_IOV iovecs when the core flushes its queue; writev()/write() for a pipe;
 * - a WRITE event (s->wev) created only the first time the core has to wait for the
 *   socket, and added only while it waits.
 * It never calls PHP: it calls the core's entry points, which do.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#ifndef MSG_NOSIGNAL
# define MSG_NOSIGNAL 0
#endif

static void as_plain_read_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream_io_readable((as_stream *)arg);
}

static void as_plain_write_cb(evutil_socket_t fd, short what, void *arg)
{
	as_stream_io_writable((as_stream *)arg);
}

/* Creates the read/write events for s->fd (first time or after switching to the next address). */
static int as_plain_open(as_stream *s)
{
	struct event_base *eb = s->base->base;

	if (s->rev) {
		event_del(s->rev);
		event_assign(s->rev, eb, s->fd, EV_READ | EV_PERSIST, as_plain_read_cb, s);
	} else if (!(s->rev = event_new(eb, s->fd, EV_READ | EV_PERSIST, as_plain_read_cb, s))) {
		return ENOMEM;
	}
	if (s->wev) {
		event_del(s->wev);
		event_assign(s->wev, eb, s->fd, EV_WRITE | EV_PERSIST, as_plain_write_cb, s);
	}
	return 0;
}

static int as_plain_want(as_stream *s, unsigned what, bool on)
{
	if (what & AS_WANT_READ) {
		if (!on) {
			if (s->rev) {
				event_del(s->rev);
			}
		} else if (event_add(s->rev, NULL) != 0) {
			return errno ? errno : EINVAL;
		}
	}
	if (what & AS_WANT_WRITE) {
		if (!on) {
			if (s->wev) {
				event_del(s->wev);
			}
		} else {
			/*
			 * The WRITE event exists only once a stream has had to wait for the socket (a
			 * connect, a short write): most connections never need it, and an idle one is
			 * ~130 bytes lighter.
			 */
			if (!s->wev && !(s->wev = event_new(s->base->base, s->fd, EV_WRITE | EV_PERSIST, as_plain_write_cb, s))) {
				return ENOMEM;
			}
			event_add(s->wev, NULL);
		}
	}
	return 0;
}

static void as_plain_activate(as_stream *s)
{
	event_active(s->rev, EV_READ, 1);
}

static ssize_t as_plain_recv(as_stream *s, char *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(s->fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n;
}

/*
 * writev() to a pipe or terminal without ever raising SIGPIPE (sockets use MSG_NOSIGNAL):
 * a SAPI may leave SIGPIPE at its default action, which kills the process when the
 * reader is gone. SIGPIPE is blocked around the write; one our write raised is consumed
 * with sigtimedwait() (unless one was pending already), so the failure is only EPIPE.
 */
static ssize_t as_plain_pipe_writev(int fd, const struct iovec *iov, int iovcnt)
{
	sigset_t pipe_set, old, pending;
	bool was_pending;
	ssize_t n;
	int err;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigemptyset(&pending);
	sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE) == 1;
	do {
		n = writev(fd, iov, iovcnt);
	} while (n < 0 && errno == EINTR);
	err = errno;
	if (n < 0 && err == EPIPE && !was_pending) {
		static const struct timespec zero = {0, 0};
		while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR) {
		}
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return n;
}

/* Everything but a first-try send() of one buffer on a socket: EINTR, pipes, iovecs. */
static zend_never_inline ssize_t as_plain_send_slow(as_stream *s, const struct iovec *iov, int iovcnt)
{
	ssize_t n;

	if (!s->is_socket) {
		return as_plain_pipe_writev(s->fd, iov, iovcnt);
	}
	do {
		if (iovcnt == 1) {
			n = send(s->fd, iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL);
		} else {
			struct msghdr msg;
			memset(&msg, 0, sizeof(msg));
			msg.msg_iov = (struct iovec *)iov;
			msg.msg_iovlen = (size_t)iovcnt;
			n = sendmsg(s->fd, &msg, MSG_NOSIGNAL);
		}
	} while (n < 0 && errno == EINTR);
	return n;
}

/* write()'s write-through is one buffer on a socket: keep that path short (it runs per write). */
static ssize_t as_plain_send(as_stream *s, const struct iovec *iov, int iovcnt)
{
	if (EXPECTED(iovcnt == 1 && s->is_socket)) {
		ssize_t n = send(s->fd, iov[0].iov_base, iov[0].iov_len, MSG_NOSIGNAL);

		if (EXPECTED(n >= 0) || errno != EINTR) {
			return n;
		}
	}
	return as_plain_send_slow(s, iov, iovcnt);
}

static int as_plain_shutdown_write(as_stream *s)
{
	return shutdown(s->fd, SHUT_WR) == 0 ? 0 : errno;
}

static void as_plain_close(as_stream *s)
{
	close(s->fd);
	s->fd = -1;
}

static void as_plain_release(as_stream *s)
{
	as_event_free_ptr(&s->rev);
	as_event_free_ptr(&s->wev);
}

const as_transport_ops as_transport_plain = {
	.name = "plain",
	.open = as_plain_open,
	.want = as_plain_want,
	.activate = as_plain_activate,
	.recv = as_plain_recv,
	.send = as_plain_send,
	.shutdown_write = as_plain_shutdown_write,
	.handshake = NULL,
	.close = as_plain_close,
	.release = as_plain_release,
};
