/*
 * The io_uring transport's per-stream state (transport_uring.c), shared with the layer
 * that TLS puts over it (transport_tls_uring.c). The ring moves bytes; a layer above it
 * decides what those bytes are: by default the stream core's own queue (s->out) goes out
 * and received bytes are offered to the core's recv(); with a layer (`up`), what goes out
 * is `wire` (TLS: records OpenSSL wrote), and the layer's recv() takes the received bytes
 * (TLS: through a BIO that reads `cur`/`held`). docs/internals.md ("io_uring", "TLS over
 * the ring") has the picture.
 */
#ifndef AS_TRANSPORT_URING_H
#define AS_TRANSPORT_URING_H

#include "uring.h"

#ifdef HAVE_AS_IO_URING

#include <sys/socket.h>
#include <sys/uio.h>

#define AS_URING_IOV 64                /* iovecs per SENDMSG */

typedef struct _as_ustream as_ustream;

/* What a layer over the byte mover provides. Neither may run PHP (they run inside the ring's submission). */
typedef struct _as_ustream_layer {
	/* Right before a send is prepared (once per loop turn at most): may add to u->wire. */
	void (*before_send)(as_ustream *u);
	/* Whether end()'s FIN may follow the bytes now queued (TLS: close_notify is among them). */
	bool (*fin_ready)(as_ustream *u);
	/* A send failed with err: true when the layer lets it pass unreported (TLS: a close_notify that could not go). */
	bool (*send_failed)(as_ustream *u, int err);
} as_ustream_layer;

struct _as_ustream {
	as_uring_op rop;               /* the receive (multishot while the kernel allows) */
	as_uring_op sop;               /* the send in flight */
	as_uring_op fop;               /* end()'s IORING_OP_SHUTDOWN, linked behind the last send */
	as_stream *s;                  /* NULL once the stream closed (ops may still be in flight) */
	as_base *b;
	int refs;                      /* the stream's + one per op in flight + ours around a call-out */
	int fd;
	struct evbuffer *held;         /* received bytes the core has not taken yet */
	const char *cur;               /* a completion's bytes, offered to the core's recv() */
	size_t cur_len;
	int rerr;                      /* receive error to report (errno), after the held bytes */
	int close_fd;                  /* closed by us once fop completes (-1: none) */
	bool eof;                      /* the peer's FIN arrived (after the held bytes) */
	bool want_read;
	bool want_write;
	bool connected;                /* the connect completed: sends go through the ring */
	bool prepped;                  /* an SQE naming fd was prepared at prep_seq */
	bool fin_queued;               /* fop was linked behind the last send (and not cancelled) */
	bool released;                 /* the stream's release() ran: its events are gone */
	as_uring_deferred dnode;       /* the send, prepared right before the ring submits */
	uint64_t prep_seq;             /* as_uring_submit_seq() then: still unsubmitted while equal */
	struct evbuffer *sending;      /* bytes handed to the kernel; only we and it touch them */
	struct as_ustream_msg *m;      /* SENDMSG's header and iovecs, made on the first multi-chain send */
	/* A layer above (TLS), or NULL: the core's s->out goes out as it is. */
	const as_ustream_layer *up;
	struct evbuffer *wire;         /* with a layer: the bytes for the wire, moved (no copy) into `sending` */
};

/* Kept apart: an idle connection, or one whose sends fit one chain, never needs it (1 KiB). */
struct as_ustream_msg {
	struct msghdr msg;
	struct iovec iov[AS_URING_IOV];
};

/* Drops a reference (the last frees the state, `held`, `sending`, `wire`). */
void as_ustream_put(as_ustream *u);
/* Copies up to len received bytes into buf, `held` first, then the completion being offered (`cur`); how many (0: none). */
size_t as_ustream_copy_out(as_ustream *u, char *buf, size_t len);
/* Has what waits (wire or s->out) handed to the kernel at the end of this loop turn. */
void as_ustream_kick_send(as_ustream *u);

/* The transport operations, for a layer that wraps them. */
int as_ustream_open(as_stream *s);
int as_ustream_want(as_stream *s, unsigned what, bool on);
void as_ustream_activate(as_stream *s);
size_t as_ustream_unsent(as_stream *s);
int as_ustream_shutdown_write(as_stream *s);
void as_ustream_close(as_stream *s);
void as_ustream_release(as_stream *s);

#endif /* HAVE_AS_IO_URING */
#endif /* AS_TRANSPORT_URING_H */
