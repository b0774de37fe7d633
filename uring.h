/*
 * The io_uring data path's ring (uring.c): one ring per EventBase, created on first use,
 * its completions delivered through an eventfd that the base's libevent loop watches.
 * docs/internals.md ("io_uring") explains the ring's lifetime, batching, cancellation and
 * fork handling. Everything here compiles to stubs without liburing (HAVE_AS_IO_URING),
 * so callers need no #ifdef: as_uring_get() then always fails with the reason.
 */
#ifndef AS_URING_H
#define AS_URING_H

#include "asyncstream_internal.h"
#include "php_ini.h"

#ifdef HAVE_AS_IO_URING
# include <liburing.h>
#endif

/* ini asyncstream.io_uring */
typedef enum {
	AS_IO_URING_OFF = 0,
	AS_IO_URING_AUTO,
	AS_IO_URING_ON,
} as_io_uring_mode;

as_io_uring_mode as_io_uring_ini_mode(void);

/*
 * Whether io_uring can be had in this process: NULL when it can, else why not (a static
 * string: "not compiled in", "disabled by the kernel.io_uring_disabled sysctl", ...).
 * Probed once per process (a ring is set up and torn down), then cached.
 */
const char *as_uring_unavailable_reason(void);

typedef struct _as_uring as_uring;
typedef struct _as_uring_op as_uring_op;

/*
 * A preparer run right before the ring's next submission (once per loop turn), so that
 * what is prepared sees everything queued during the turn (all of a stream's write()s
 * in one send, end()'s FIN linked behind it). prep(d, NULL) means the ring is gone (a
 * forked child dropping the parent's): release what was held for it, prepare nothing.
 */
typedef struct _as_uring_deferred as_uring_deferred;
struct _as_uring_deferred {
	as_uring_deferred *next;
	void (*prep)(as_uring_deferred *d, as_uring *r);
	bool queued;
};
/* Queues d (once) for the next submission; submits at once when no loop() runs on the base. */
void as_uring_defer(as_uring *r, as_uring_deferred *d);

/*
 * What the owner of an operation provides. An operation is one submission in flight at a
 * time (a multishot receive counts as one until its final completion).
 *
 * complete(): one completion. `res` and `flags` are the CQE's; `final` is true when no
 * more completions will come for this submission (IORING_CQE_F_MORE clear): the op has
 * left the ring's in-flight list and its owner may free it from here. `dying` is true
 * while the ring is being torn down (EventBase::free(), base destruction): release only,
 * never call PHP. May run PHP otherwise (via the stream core).
 *
 * abandon(): in a forked child, for each op the parent had in flight: it will never
 * complete in this process; drop what the op holds (no PHP, no syscalls on the ring).
 */
typedef struct _as_uring_op_vt {
	void (*complete)(as_uring *r, as_uring_op *op, int res, uint32_t flags, bool final, bool dying);
	void (*abandon)(as_uring_op *op);
} as_uring_op_vt;

struct _as_uring_op {
	const as_uring_op_vt *vt;
	as_uring_op *prev, *next;      /* the ring's in-flight list while in flight */
	bool inflight;
	bool cancel_sent;              /* an ASYNC_CANCEL for it is queued or submitted */
};

static zend_always_inline void as_uring_op_init(as_uring_op *op, const as_uring_op_vt *vt)
{
	op->vt = vt;
	op->prev = op->next = NULL;
	op->inflight = false;
	op->cancel_sent = false;
}

/*
 * Which I/O method the streams of b use, decided when b makes its first stream (the ini
 * is read then): AS_IO_METHOD_URING or AS_IO_METHOD_READINESS. With asyncstream.io_uring=on
 * and io_uring unavailable, throws AsyncStreamException naming the running method and the reason and
 * returns -1 (and decides nothing, so the next attempt throws too).
 */
#define AS_IO_METHOD_UNDECIDED 0
#define AS_IO_METHOD_READINESS 1
#define AS_IO_METHOD_URING     2
int as_uring_select(as_base *b);

/* Whether r may still be used by this process (not the parent's ring after a fork, not torn down). */
bool as_uring_alive(as_uring *r);

/*
 * The base's ring, created on first use. NULL when it cannot be had; *reason then says
 * why (static string). Never called in a forked child on the parent's ring: the base's
 * fork check (as_base_fork_check) drops an inherited ring first.
 */
as_uring *as_uring_get(as_base *b, const char **reason);

#ifdef HAVE_AS_IO_URING
/*
 * An SQE for `op` (user_data = op; op enters the in-flight list), or NULL when the ring is
 * dying. Submission happens once per loop iteration, not here (see internals.md).
 */
struct io_uring_sqe *as_uring_prep(as_uring *r, as_uring_op *op);

/* The provided-buffer group receives select from, and a selected buffer's memory. */
#define AS_URING_BGID 0
char *as_uring_buf(as_uring *r, unsigned bid);
/* Gives a provided buffer back to the kernel once its bytes were copied out. */
void as_uring_buf_return(as_uring *r, unsigned bid);
/*
 * Queues IORING_OP_CLOSE of fd after everything prepared so far (which names fd by number
 * and takes its reference when submitted). False when it cannot (then close(2) it).
 */
bool as_uring_close_fd(as_uring *r, int fd);
/*
 * Submits what is prepared now instead of at the end of the loop turn (one io_uring_enter).
 * For the rare paths outside the loop that need the kernel to act at once (a close made
 * while no loop() runs: the peer must see the FIN now, as in readiness mode).
 */
void as_uring_submit_now(as_uring *r);
/* After filling an SQE from as_uring_prep(): submits at once when no loop() runs on the base. */
void as_uring_queued(as_uring *r);
/* Increases with every submission: an SQE prepared at sequence N is submitted once it differs. */
uint64_t as_uring_submit_seq(as_uring *r);
/*
 * Links IORING_OP_SHUTDOWN(fd, SHUT_WR) behind `after` (an SQE just prepared, which gets
 * IOSQE_IO_LINK): the FIN goes when that send has fully completed. op completes with the
 * shutdown's result (-ECANCELED when the send fell short). False when it cannot. A linked
 * op starts, and looks fd up, only after the send: until op completes, fd must stay open
 * (closing it could hand the number to a new socket that the shutdown would then hit).
 */
bool as_uring_shutdown_after(as_uring *r, struct io_uring_sqe *after, int fd, as_uring_op *op);
/* Whether receives may be multishot (kernel >= 6.0); single-shot and re-armed otherwise. */
bool as_uring_multishot(as_uring *r);
#endif

/*
 * Queues IORING_OP_ASYNC_CANCEL for `op` when it is in flight and not yet being
 * cancelled. The op stays in flight until its final completion (res -ECANCELED, or its
 * real result when it finished first); its owner must keep everything the kernel may
 * touch alive until then.
 */
void as_uring_cancel(as_uring *r, as_uring_op *op);

/* Base lifecycle (event.c): release on free (cancels and drains synchronously), and a forked child. */
void as_uring_base_release(as_base *b);
void as_uring_base_after_fork(as_base *b);

/* The ring setup flags the kernel accepted, for diagnostics. */
const char *as_uring_setup_name(as_uring *r);

/* asyncstream.c: the ini entry's validator, and the php --ri line (availability and the reason). */
ZEND_INI_MH(as_uring_ini_update);
void as_uring_minfo(void);

#endif /* AS_URING_H */
