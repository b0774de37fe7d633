/*
 * TLS over io_uring: the TLS engine (tls.c) layered over the ring's byte mover
 * (transport_uring.c), for the streams of a base whose I/O method is io_uring: tls://
 * connections, connections accepted by a tls:// server, and startTls() on a stream that
 * was already on the ring. The readiness TLS transport (transport_tls.c, OpenSSL on the
 * socket fd) is untouched; this is a third transport under the same stream core.
 *
 * Ciphertext goes through the ring both ways, and OpenSSL never sees the descriptor: its
 * BIO (as_tu_bio_*) reads what the multishot receive completed (the completion's bytes in
 * the provided buffer, `cur`, or what was kept in `held`) and writes records into the
 * ustream's `wire` evbuffer, whose chains the next send moves (no copy) into `sending`,
 * as the plain io_uring transport does with s->out. So:
 *
 * - recv(): SSL_read() over that BIO; "nothing more" is the BIO's retry (WANT_READ), the
 *   receive's 0 is EOF, its error the errno OpenSSL reports back. Bytes left in the
 *   completion, in `held` or inside OpenSSL make it ask the loop for another read turn.
 * - send(): synchronous for the core: encrypts into `wire` (up to AS_TU_WIRE_MAX waiting
 *   there, the rest stays in s->out, so backpressure holds) and has the ring send it at
 *   the end of the loop turn. unsent is NULL: `wire` and `sending` are what the socket
 *   buffer is in readiness mode, so getWriteBufferSize() counts plaintext as readiness TLS does.
 * - The BIO never refuses a write, so OpenSSL never wants the socket writable: a read
 *   never waits for a write, and handshake flights just go into `wire`.
 * - handshake(): the receive runs for the whole handshake (whatever the core asked);
 *   every completion and every send completion gives it a step.
 * - end(): close_notify is made right before the send that carries the last queued
 *   record, and the FIN is linked behind that send (IORING_OP_SHUTDOWN), in one submission;
 *   with nothing in flight, shutdown_write() sends the last records, close_notify and the
 *   FIN at once (sendmsg(), shutdown()), as readiness TLS does from end().
 * - close(): one best-effort close_notify (after a finished handshake, nothing in flight,
 *   never in a forked child) sent with one nonblocking send() along with what this loop
 *   turn encrypted, as readiness TLS sends it at once; then the ring's close path.
 * - fork (G5): a child never sends on the parent's session: records waiting for the wire
 *   in a child are dropped (transport_uring.c already never submits to the parent's ring).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "as_tls.h"
#include "transport_uring.h"

#if defined(HAVE_AS_TLS) && defined(HAVE_AS_IO_URING)

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <pthread.h>

#include <event2/buffer.h>
#include <openssl/bio.h>
#include <openssl/err.h>

#ifndef MSG_NOSIGNAL
# define MSG_NOSIGNAL 0
#endif

/* Small queued writes are gathered into one record of up to this many bytes (as transport_tls.c). */
/* Encrypted bytes that may wait for the ring; more plaintext stays in s->out meanwhile. */
#define AS_TU_WIRE_MAX (256 * 1024)

static BIO_METHOD *as_tu_bio_meth;          /* made once per process (as_tu_bio_once), freed at MSHUTDOWN */
static pthread_once_t as_tu_bio_once = PTHREAD_ONCE_INIT;

/*
 * The records OpenSSL writes go into blocks of a per-base pool, attached to `wire` by
 * reference (evbuffer_add_reference(), no copy when the send moves them) and handed back
 * when the last record in a block has been sent. Records of every stream of the base are
 * packed one after the other into the block being filled, so an idle connection holds no
 * block, and a freed block waits in the pool (at most AS_TU_POOL_FREE_MAX of them) for the
 * next records. Why: with a malloc()ed chain per record, every drained send gave ~16 KiB
 * chunks back to glibc, which then trimmed the heap top over and over (madvise/brk, a TLB
 * flush each time: 2.7x the C reference's CPU for a 16 KiB echo). Big records only
 * (AS_TU_POOL_MIN): small ones are what evbuffer packs well by itself.
 */
#define AS_TU_BLOCK_SIZE (64 * 1024)
/*
 * Smaller records (handshake flights, small messages) are appended to `wire` as before:
 * evbuffer packs them into one chain, so a flight leaves as one buffer and the stream never
 * needs the ring's per-stream iovec array (kept for the stream's life: +1.4 KiB per idle
 * connection when every handshake record was a chain of its own).
 */
#define AS_TU_POOL_MIN 4096
/* Free blocks kept per base (1 MiB): enough for 100 busy connections' turn of records. */
#define AS_TU_POOL_FREE_MAX 16

typedef struct as_tu_block {
	struct as_tu_pool *pool;
	struct as_tu_block *next;      /* in the pool's free list */
	uint32_t refs;                 /* one per record on a wire, one while the pool fills it */
	uint32_t used;
	char data[];
} as_tu_block;

#define AS_TU_BLOCK_DATA (AS_TU_BLOCK_SIZE - XtOffsetOf(as_tu_block, data))

typedef struct as_tu_pool {
	as_tu_block *cur;              /* being filled */
	as_tu_block *free;
	uint32_t nfree;
	uint32_t blocks;               /* allocated and not freed: cur, free ones, ones on a wire */
	bool dead;                     /* the base is gone: the last block frees the pool */
} as_tu_pool;

static void as_tu_block_free(as_tu_block *blk)
{
	as_tu_pool *pool = blk->pool;

	free(blk);
	if (--pool->blocks == 0 && pool->dead) {
		free(pool);
	}
}

static void as_tu_block_unref(as_tu_block *blk)
{
	as_tu_pool *pool = blk->pool;

	if (--blk->refs > 0) {
		return;
	}
	if (!pool->dead && pool->nfree < AS_TU_POOL_FREE_MAX) {
		blk->used = 0;
		blk->next = pool->free;
		pool->free = blk;
		pool->nfree++;
	} else {
		as_tu_block_free(blk);
	}
}

/* evbuffer_add_reference()'s cleanup: a record was sent (or dropped). */
static void as_tu_record_done(const void *data, size_t len, void *arg)
{
	as_tu_block_unref((as_tu_block *)arg);
}

/* The block the next len bytes go into, or NULL (no memory). */
static as_tu_block *as_tu_pool_room(as_base *b, size_t len)
{
	as_tu_pool *pool = b->tls_wire_pool;
	as_tu_block *blk;

	if (!pool) {
		if (!(pool = calloc(1, sizeof(*pool)))) {
			return NULL;
		}
		b->tls_wire_pool = pool;
	}
	if (pool->cur && AS_TU_BLOCK_DATA - pool->cur->used >= len) {
		return pool->cur;
	}
	if ((blk = pool->free) != NULL) {
		pool->free = blk->next;
		pool->nfree--;
	} else {
		if (!(blk = malloc(AS_TU_BLOCK_SIZE))) {
			return NULL;
		}
		blk->pool = pool;
		blk->used = 0;
		pool->blocks++;
	}
	blk->next = NULL;
	blk->refs = 1;
	if (pool->cur) {
		as_tu_block_unref(pool->cur); /* its records keep it until they are sent */
	}
	pool->cur = blk;
	return blk;
}

void as_tls_uring_base_release(as_base *b)
{
	as_tu_pool *pool = b->tls_wire_pool;

	if (!pool) {
		return;
	}
	b->tls_wire_pool = NULL;
	pool->dead = true;
	pool->blocks++; /* ours, so that freeing the blocks below does not free the pool under us */
	while (pool->free) {
		as_tu_block *blk = pool->free;

		pool->free = blk->next;
		as_tu_block_free(blk);
	}
	pool->nfree = 0;
	if (pool->cur) {
		as_tu_block *cur = pool->cur;

		pool->cur = NULL;
		as_tu_block_unref(cur);
	}
	if (--pool->blocks == 0) {
		free(pool);
	}
}

/* The ring state of the stream a BIO reads for, while the stream is on this transport. */
static as_ustream *as_tu_bio_ustream(BIO *b)
{
	as_stream *s = (as_stream *)BIO_get_data(b);

	if (!s || s->tp != &as_transport_tls_uring || !s->tp_data) {
		return NULL;
	}
	return (as_ustream *)s->tp_data;
}

static int as_tu_bio_read(BIO *b, char *buf, int len)
{
	as_ustream *u = as_tu_bio_ustream(b);
	size_t n;

	BIO_clear_retry_flags(b);
	if (!u || !u->s) {
		errno = EBADF;
		return -1;
	}
	if (len <= 0) {
		return 0;
	}
	if ((n = as_ustream_copy_out(u, buf, (size_t)len)) > 0) {
		return (int)n;
	}
	if (u->rerr) {
		errno = u->rerr;
		return -1;
	}
	if (u->eof) {
		return 0;
	}
	BIO_set_retry_read(b);
	return -1;
}

static int as_tu_bio_write(BIO *b, const char *buf, int len)
{
	as_ustream *u = as_tu_bio_ustream(b);

	BIO_clear_retry_flags(b);
	/*
	 * No u->s check: close() makes its close_notify after release() has let go of the
	 * ring's ops (u->s NULL); the record goes into `wire` all the same, for as_tu_close().
	 */
	if (!u || !u->wire) {
		errno = EPIPE;
		return -1;
	}
	if (len <= 0) {
		return 0;
	}
	if ((size_t)len >= AS_TU_POOL_MIN && (size_t)len <= AS_TU_BLOCK_DATA && u->b && u->b->base) { /* (b->base: not after the base's release) */
		as_tu_block *blk = as_tu_pool_room(u->b, (size_t)len);

		if (blk) {
			char *p = blk->data + blk->used;

			memcpy(p, buf, (size_t)len);
			if (evbuffer_add_reference(u->wire, p, (size_t)len, as_tu_record_done, blk) != 0) {
				errno = ENOMEM;
				return -1;
			}
			blk->used += (uint32_t)len;
			blk->refs++;
			return len;
		}
	}
	if (evbuffer_add(u->wire, buf, (size_t)len) != 0) {
		errno = ENOMEM;
		return -1;
	}
	return len;
}

static long as_tu_bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	as_ustream *u;

	switch (cmd) {
		case BIO_CTRL_FLUSH:
		case BIO_CTRL_DUP:
			return 1;
		case BIO_CTRL_PENDING:
			u = as_tu_bio_ustream(b);
			return u ? (long)((u->held ? evbuffer_get_length(u->held) : 0) + u->cur_len) : 0;
		case BIO_CTRL_EOF:
			u = as_tu_bio_ustream(b);
			return !u || (u->eof && u->cur_len == 0 && (!u->held || evbuffer_get_length(u->held) == 0));
		default:
			return 0;
	}
}

static int as_tu_bio_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static int as_tu_bio_destroy(BIO *b)
{
	BIO_set_data(b, NULL); /* the stream is not ours */
	return 1;
}

static void as_tu_bio_make(void)
{
	BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "asyncstream io_uring");

	if (m) {
		BIO_meth_set_read(m, as_tu_bio_read);
		BIO_meth_set_write(m, as_tu_bio_write);
		BIO_meth_set_ctrl(m, as_tu_bio_ctrl);
		BIO_meth_set_create(m, as_tu_bio_create);
		BIO_meth_set_destroy(m, as_tu_bio_destroy);
		as_tu_bio_meth = m;
	}
}

/*
 * The BIO method, made on the first TLS stream over a ring: once per process, also when
 * threads (ZTS) get there together; then only read. NULL when OpenSSL could not make it.
 */
static BIO_METHOD *as_tu_bio_method(void)
{
	pthread_once(&as_tu_bio_once, as_tu_bio_make);
	return as_tu_bio_meth;
}

void as_tls_uring_mshutdown(void)
{
	if (as_tu_bio_meth) {
		BIO_meth_free(as_tu_bio_meth);
		as_tu_bio_meth = NULL;
	}
}

/* Gives the engine its BIO over stream s (once per engine). */
static bool as_tu_attach_bio(as_stream *s, as_tls *t)
{
	BIO_METHOD *m;
	BIO *b;

	if (t->fd_set) {
		return true;
	}
	ERR_clear_error();
	if (!(m = as_tu_bio_method()) || !(b = BIO_new(m))) {
		ERR_clear_error();
		return false;
	}
	BIO_set_data(b, s);
	SSL_set_bio(t->ssl, b, b); /* one reference, owned by the SSL */
	ERR_clear_error();
	t->fd_set = true;
	return true;
}

/* Whether our close_notify is still to be sent (a finished handshake, nothing failed, the peer not gone without one). */
static bool as_tu_close_notify_due(as_tls *t)
{
	return t->handshake_done && !t->sent_close_notify && !(t->peer_eof && !t->got_close_notify) && !t->err_msg;
}

/* ---------------------------------------------------------------------------------
 * The layer over the ring (transport_uring.h)
 * ------------------------------------------------------------------------------- */

static void as_tu_before_send(as_ustream *u)
{
	as_stream *s = u->s;
	as_tls *t = s->tls;

	if (t->fork_gen != as_fork_generation) {
		/* G5: a forked child sends nothing on the parent's session (the parent sends its own records). */
		evbuffer_drain(u->wire, evbuffer_get_length(u->wire));
		return;
	}
	if (s->ending && s->state == AS_ST_CONNECTED && (!s->out || evbuffer_get_length(s->out) == 0)
			&& as_tu_close_notify_due(t)) {
		/* end() and every record queued: close_notify rides in this send, the FIN behind it. */
		(void)as_tls_shutdown(t);
	}
}

static bool as_tu_fin_ready(as_ustream *u)
{
	as_tls *t = u->s->tls;

	return t->handshake_done && !as_tu_close_notify_due(t);
}

/*
 * A send that carried our close_notify failed (the peer is gone: EPIPE, ECONNRESET):
 * readiness TLS ignores a close_notify that cannot be written and goes on to the FIN, so
 * this does too. Any other send failure is the core's "write to ADDR failed".
 */
static bool as_tu_send_failed(as_ustream *u, int err)
{
	as_tls *t = u->s->tls;

	return t->sent_close_notify && u->s->ending && (!u->s->out || evbuffer_get_length(u->s->out) == 0);
}

static const as_ustream_layer as_tu_layer = {
	as_tu_before_send,
	as_tu_fin_ready,
	as_tu_send_failed,
};

/* After an OpenSSL call: what it wrote goes out at the end of the loop turn. */
static zend_always_inline void as_tu_flush(as_ustream *u)
{
	if (u->wire && evbuffer_get_length(u->wire) > 0) {
		as_ustream_kick_send(u);
	}
}

/* Whether another read turn has something to find: received bytes, decrypted bytes, an EOF or error. */
static bool as_tu_more(as_ustream *u, as_tls *t)
{
	return (u->held && evbuffer_get_length(u->held) > 0) || u->cur_len > 0 || u->eof || u->rerr
		|| as_tls_has_pending(t);
}

/* The receive runs while the core wants to read, and for the whole handshake. */
static int as_tu_want_read(as_stream *s, bool core_on)
{
	return as_ustream_want(s, AS_WANT_READ, core_on || (s->state == AS_ST_CONNECTING && s->handshaking));
}

/* ---------------------------------------------------------------------------------
 * The transport operations
 * ------------------------------------------------------------------------------- */

static int as_tu_open(as_stream *s)
{
	as_ustream *u;
	int err = as_ustream_open(s);

	if (err != 0) {
		return err;
	}
	u = (as_ustream *)s->tp_data;
	u->up = &as_tu_layer;
	if (!u->wire && !(u->wire = evbuffer_new())) {
		return ENOMEM;
	}
	if (!as_tu_attach_bio(s, s->tls)) {
		return ENOMEM;
	}
	s->tls->closed = false;
	return 0;
}

static int as_tu_want(as_stream *s, unsigned what, bool on)
{
	as_tls *t = s->tls;
	as_ustream *u = (as_ustream *)s->tp_data;
	int err = 0;

	if (what & AS_WANT_READ) {
		if (on) {
			t->core_wants |= AS_WANT_READ;
		} else {
			t->core_wants &= (uint8_t)~AS_WANT_READ;
		}
		err = as_tu_want_read(s, on);
		if (on && u && t->handshake_done && as_tu_more(u, t)) {
			/* resume() after a pause, or a handshake whose last completion carried data: those bytes first. */
			as_ustream_activate(s);
		}
	}
	if ((what & AS_WANT_WRITE) && err == 0) {
		err = as_ustream_want(s, AS_WANT_WRITE, on);
	}
	return err;
}

static ssize_t as_tu_recv(as_stream *s, char *buf, size_t len)
{
	as_tls *t = s->tls;
	as_ustream *u = (as_ustream *)s->tp_data;
	as_tls_result res;
	size_t n;

	if (!u) {
		errno = EBADF;
		return -1;
	}
	res = as_tls_recv_bytes(t, buf, len, &n);
	as_tu_flush(u); /* a key update's answer, a session ticket's acknowledgement */
	switch (res) {
		case AS_TLS_OK:
			if (as_tu_more(u, t)) {
				as_ustream_activate(s); /* the 64 KiB filled first, or an EOF waits behind the data */
			}
			return (ssize_t)n;
		case AS_TLS_EOF:
			return 0;
		case AS_TLS_AGAIN:
			errno = EAGAIN;
			return -1;
		default:
			errno = t->err_code ? t->err_code : EPROTO;
			return -1;
	}
}

/* Encrypts the queue (or write()'s bytes) into `wire` (as_tls_send_iov(), as transport_tls.c does), up to its bound. */
static ssize_t as_tu_send(as_stream *s, const struct iovec *iov, int iovcnt)
{
	as_ustream *u = (as_ustream *)s->tp_data;
	size_t queued;
	ssize_t r;
	int err;

	if (!u || !u->wire) {
		errno = EPIPE;
		return -1;
	}
	queued = evbuffer_get_length(u->wire);
	if (queued >= AS_TU_WIRE_MAX) {
		errno = EAGAIN; /* the ring's send completion asks again (as_stream_io_writable()) */
		return -1;
	}
	r = as_tls_send_iov(s->tls, iov, iovcnt, AS_TU_WIRE_MAX - queued);
	err = errno;
	as_tu_flush(u);
	errno = err;
	return r;
}

/* One nonblocking sendmsg() of what `wire` holds (nothing in flight: the order holds); drains what the socket took. */
static void as_tu_send_now(as_stream *s, as_ustream *u)
{
	(void)as_evbuffer_send_now(s->fd, u->wire);
}

static int as_tu_shutdown_write(as_stream *s)
{
	as_tls *t = s->tls;
	as_ustream *u = (as_ustream *)s->tp_data;

	if (!u) {
		return shutdown(s->fd, SHUT_WR) == 0 ? 0 : errno;
	}
	if (as_tu_close_notify_due(t)) {
		/* Usually made already by the send that carried the last record (as_tu_before_send). */
		(void)as_tls_shutdown(t);
	}
	if (u->s == s && !u->sop.inflight && !u->fin_queued && (!u->sending || evbuffer_get_length(u->sending) == 0)
			&& t->fork_gen == as_fork_generation) {
		/*
		 * Nothing in flight: the last records, close_notify and the FIN leave now, as
		 * readiness TLS sends them from end() (one sendmsg(), one shutdown()), so a stream
		 * whose peer has ended already closes within end() in both modes. What the socket
		 * does not take goes through the ring, the FIN linked behind it.
		 */
		as_tu_send_now(s, u);
		if (evbuffer_get_length(u->wire) == 0) {
			return shutdown(s->fd, SHUT_WR) == 0 ? 0 : errno;
		}
	}
	as_tu_flush(u);
	return as_ustream_shutdown_write(s);
}

static int as_tu_handshake(as_stream *s)
{
	as_tls *t = s->tls;
	as_ustream *u = (as_ustream *)s->tp_data;
	int err;

	if (!u) {
		return EBADF;
	}
	if (!u->connected) {
		/* TCP is up (the core checked SO_ERROR): from now on bytes go through the ring. */
		u->connected = true;
		if (s->wev) {
			event_del(s->wev);
		}
	}
	t->in_handshake = true;
	if ((err = as_tu_want_read(s, false)) != 0) {
		return err;
	}
	switch (as_tls_handshake(t)) {
		case AS_TLS_OK:
			t->in_handshake = false;
			t->wants = 0;
			as_tu_flush(u);
			if (s->paused) {
				/* The core asks for reading again on resume(); until then TCP's window does the backpressure. */
				as_ustream_want(s, AS_WANT_READ, false);
			}
			return 0;
		case AS_TLS_AGAIN:
			as_tu_flush(u);
			return EAGAIN;
		default:
			t->in_handshake = false;
			as_tu_flush(u); /* the alert, as readiness TLS sends it */
			return t->err_code ? t->err_code : EPROTO;
	}
}

static void as_tu_close(as_stream *s)
{
	as_tls *t = s->tls;
	as_ustream *u = (as_ustream *)s->tp_data;

	if (u && (u->s == s || !u->s) && s->fd >= 0 && u->wire && t->fork_gen == as_fork_generation
			&& !u->sop.inflight && (!u->sending || evbuffer_get_length(u->sending) == 0)) {
		/*
		 * Nothing in flight, so the order holds: close_notify (best effort, as readiness TLS
		 * sends it) and the records of this loop turn leave with one nonblocking send();
		 * what the socket does not take is dropped, as close() says. u->s is NULL when the
		 * core released the stream before closing it (a close() outside its callbacks):
		 * the ops are cancelled, the descriptor still open. Besides the peer's clean end,
		 * close_notify is what keeps the session resumable: OpenSSL's SSL_free() marks a
		 * session not resumable when no close_notify was sent, and the client cache
		 * (tls_session.c) would offer a session the ClientHello then leaves out.
		 */
		as_tls_close_notify_once(t);
		as_tu_send_now(s, u);
	}
	if (u && u->wire) {
		evbuffer_drain(u->wire, evbuffer_get_length(u->wire));
	}
	t->closed = true;
	as_ustream_close(s);
}

const as_transport_ops as_transport_tls_uring = {
	.name = "TLS",
	.open = as_tu_open,
	.want = as_tu_want,
	.activate = as_ustream_activate,
	.recv = as_tu_recv,
	.send = as_tu_send,
	.unsent = NULL, /* `wire` and `sending` are what the kernel's socket buffer is in readiness mode */
	.shutdown_write = as_tu_shutdown_write,
	.handshake = as_tu_handshake,
	.close = as_tu_close,
	.release = as_ustream_release,
	.error = as_tls_transport_error,
};

/*
 * startTls() on a stream on the ring: the receive keeps running (bytes the core has not
 * taken yet are the peer's first TLS bytes, as they would still be in the kernel in
 * readiness mode), and what write() queued before the call is the first thing on the
 * wire, in plaintext, ahead of the handshake's records.
 */
bool as_tls_uring_switch(as_stream *s, as_tls *t)
{
	as_ustream *u = (as_ustream *)s->tp_data;

	if (!u || u->s != s) {
		errno = EBADF;
		return false;
	}
	if (!u->wire && !(u->wire = evbuffer_new())) {
		errno = ENOMEM;
		return false;
	}
	if (!as_tu_attach_bio(s, t)) {
		errno = ENOMEM;
		return false;
	}
	if (s->out && evbuffer_get_length(s->out) > 0) {
		evbuffer_add_buffer(u->wire, s->out);
	}
	u->up = &as_tu_layer;
	s->tls = t;
	s->tp = &as_transport_tls_uring;
	return true;
}

#endif /* HAVE_AS_TLS && HAVE_AS_IO_URING */
