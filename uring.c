/*
 * The io_uring ring of an EventBase (uring.h; docs/internals.md, "io_uring").
 *
 * One ring per base, created on first use. libevent stays the one loop: the ring's
 * completion eventfd is an edge-triggered READ event on the base, added only while
 * operations are in flight (so an idle ring never keeps loop() from returning).
 *
 * Batching: preparing an SQE submits nothing. The ring's worker runs once per loop
 * iteration (when the eventfd fires, or, when SQEs were prepared outside it, as an
 * activated event at the end of the current batch of callbacks). It submits everything
 * prepared and fetches completions in one io_uring_enter(), dispatches them (which runs
 * PHP, which prepares more SQEs), and repeats while dispatching produced submissions,
 * at most AS_URING_ROUNDS times, so that the loop's other events and timers are not
 * starved. While the worker runs, the eventfd is switched off (IORING_CQ_EVENTFD_DISABLED,
 * a store, no syscall): nothing needs to wake a loop that is awake. Before the loop may
 * sleep it is switched on again and the ring re-checked for work that arrived meanwhile.
 *
 * Cancellation: an op's owner keeps what the kernel may touch until the op's final
 * completion; as_uring_cancel() queues IORING_OP_ASYNC_CANCEL by user_data (never by fd:
 * the number may already belong to a new socket). Releasing the ring (EventBase::free(),
 * destruction) cancels every op and waits for the final completions before any memory
 * goes. A forked child never submits to the parent's ring: it unmaps its views of it,
 * closes its copies of the two descriptors and abandons the ops (their streams re-arm
 * on a ring of the child's own).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "uring.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

as_io_uring_mode as_io_uring_ini_mode(void)
{
	const char *v = zend_ini_string_ex("asyncstream.io_uring", sizeof("asyncstream.io_uring") - 1, 0, NULL);

	if (!v || !*v || strcasecmp(v, "off") == 0 || strcmp(v, "0") == 0) {
		return AS_IO_URING_OFF;
	}
	if (strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0) {
		return AS_IO_URING_ON;
	}
	return AS_IO_URING_AUTO;
}

#ifndef HAVE_AS_IO_URING

static int as_uring_unavailable_errno = ENOTSUP;

const char *as_uring_unavailable_reason(void)
{
	return "this build has no io_uring support (built without liburing)";
}

as_uring *as_uring_get(as_base *b, const char **reason)
{
	*reason = as_uring_unavailable_reason();
	return NULL;
}

bool as_uring_alive(as_uring *r)
{
	return false;
}

void as_uring_cancel(as_uring *r, as_uring_op *op)
{
}

void as_uring_base_release(as_base *b)
{
}

void as_uring_base_after_fork(as_base *b)
{
}

const char *as_uring_setup_name(as_uring *r)
{
	return "none";
}

#else /* HAVE_AS_IO_URING */

#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/mman.h>
#include <sys/utsname.h>

#define AS_URING_SQ_ENTRIES   256
#define AS_URING_CQ_ENTRIES   4096
#define AS_URING_NBUFS        256        /* provided buffers per ring (power of two) */
#define AS_URING_BUF_SIZE     16384      /* 4 MiB of receive buffers per ring, shared by all its streams */
#define AS_URING_ROUNDS       8          /* submit/reap rounds per worker run */
#define AS_URING_DRAIN_MS     5000       /* how long releasing the ring waits for cancellations */

struct _as_uring {
	struct io_uring ring;
	as_base *b;
	int efd;
	struct event *ev_efd;          /* EV_READ|EV_PERSIST|EV_ET on efd, added while ops are in flight */
	struct event *ev_work;         /* the worker, activated or run from a zero timer */
	struct io_uring_buf_ring *br;
	char *bufs;
	size_t br_size, bufs_size;
	as_uring_op inflight;          /* sentinel of the in-flight list */
	uint32_t n_inflight;
	uint32_t fork_gen;
	unsigned pending;              /* SQEs prepared and not yet submitted */
	as_uring_deferred *deferred;   /* preparers to run right before the next submission */
	uint64_t submit_seq;           /* bumped by every io_uring_enter that submits */
	const char *setup;             /* which flags the kernel accepted */
	bool defer;                    /* DEFER_TASKRUN: completions need an io_uring_enter(GETEVENTS) */
	bool taskrun_flag;             /* the kernel flags pending task work in the SQ ring */
	bool multishot;
	bool in_work;
	bool work_scheduled;
	bool reap_next;                /* the scheduled worker run also reaps (work arrived while the eventfd was off) */
	bool efd_added;
	bool dying;
	bool orphan;                   /* dropped in a forked child while its worker was on the stack */
};

/* ---------------------------------------------------------------------------------
 * Availability (once per process)
 * ------------------------------------------------------------------------------- */

static int as_uring_sysctl_disabled(void)
{
	FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "r");
	int v = 0;

	if (f) {
		if (fscanf(f, "%d", &v) != 1) {
			v = 0;
		}
		fclose(f);
	}
	return v;
}

static bool as_uring_kernel_at_least(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) != 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2) {
		return false;
	}
	return ma > major || (ma == major && mi >= minor);
}

/*
 * What the kernel says about io_uring is process-wide: probed once per process under
 * pthread_once (so threads of a ZTS build never race on it), then only read.
 */
static pthread_once_t as_uring_probe_once = PTHREAD_ONCE_INIT;
static const char *as_uring_probe_reason;  /* NULL: usable */
static char as_uring_probe_buf[160];       /* as_uring_probe_reason's text when formatted */
static int as_uring_unavailable_errno = ENOTSUP; /* the errno behind the reason, for the exception */

/* The reason io_uring_setup() failed with err; buf (len bytes) is used when it must be formatted. */
static const char *as_uring_setup_error(int err, char *buf, size_t len)
{
	int disabled;

	switch (err) {
		case ENOSYS:
			return "the kernel has no io_uring (io_uring_setup: ENOSYS)";
		case EPERM:
			disabled = as_uring_sysctl_disabled();
			if (disabled == 2) {
				return "io_uring is disabled by the kernel.io_uring_disabled sysctl (2)";
			}
			if (disabled == 1) {
				return "io_uring is restricted by the kernel.io_uring_disabled sysctl (1) to kernel.io_uring_group";
			}
			return "io_uring_setup is not permitted here (EPERM: a seccomp filter or container policy)";
		case ENOMEM:
			return "io_uring_setup cannot allocate the ring (ENOMEM: RLIMIT_MEMLOCK too low?)";
		default:
			snprintf(buf, len, "io_uring_setup failed: %s", strerror(err));
			return buf;
	}
}

static void as_uring_probe(void)
{
	struct io_uring ring;
	struct io_uring_params p;
	struct io_uring_probe *probe;
	static const struct { int op; const char *name; } need[] = {
		{ IORING_OP_RECV, "IORING_OP_RECV" },
		{ IORING_OP_SEND, "IORING_OP_SEND" },
		{ IORING_OP_SENDMSG, "IORING_OP_SENDMSG" },
		{ IORING_OP_ASYNC_CANCEL, "IORING_OP_ASYNC_CANCEL" },
		{ IORING_OP_CLOSE, "IORING_OP_CLOSE" },
		{ IORING_OP_SHUTDOWN, "IORING_OP_SHUTDOWN" },
	};
	char *buf = as_uring_probe_buf;
	const char *reason = NULL;
	int r;

	memset(&p, 0, sizeof(p));
	if ((r = io_uring_queue_init_params(8, &ring, &p)) < 0) {
		as_uring_unavailable_errno = -r;
		as_uring_probe_reason = as_uring_setup_error(-r, buf, sizeof(as_uring_probe_buf));
		return;
	}
	if (!(p.features & IORING_FEAT_FAST_POLL)) {
		reason = "the kernel's io_uring has no IORING_FEAT_FAST_POLL (Linux < 5.7): socket receives would block worker threads";
		goto out;
	}
	if (!(probe = io_uring_get_probe_ring(&ring))) {
		reason = "the kernel's io_uring cannot be probed (IORING_REGISTER_PROBE, Linux < 5.6)";
		goto out;
	}
	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (!io_uring_opcode_supported(probe, need[i].op)) {
			snprintf(buf, sizeof(as_uring_probe_buf), "the kernel's io_uring lacks %s", need[i].name);
			reason = buf;
			break;
		}
	}
	io_uring_free_probe(probe);
	if (!reason) {
		/* Provided-buffer rings (Linux 5.19): register a one-page ring and take it back. */
		size_t sz = 8 * sizeof(struct io_uring_buf);
		void *mem = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
		struct io_uring_buf_reg reg;

		if (mem == MAP_FAILED) {
			reason = "cannot map a provided-buffer ring (mmap failed)";
			goto out;
		}
		memset(&reg, 0, sizeof(reg));
		reg.ring_addr = (uint64_t)(uintptr_t)mem;
		reg.ring_entries = 8;
		reg.bgid = 0;
		if ((r = io_uring_register_buf_ring(&ring, &reg, 0)) < 0) {
			snprintf(buf, sizeof(as_uring_probe_buf), "the kernel's io_uring has no provided-buffer rings (Linux < 5.19: %s)", strerror(-r));
			reason = buf;
		} else {
			io_uring_unregister_buf_ring(&ring, 0);
		}
		munmap(mem, sz);
	}
out:
	io_uring_queue_exit(&ring);
	as_uring_probe_reason = reason;
}

const char *as_uring_unavailable_reason(void)
{
	pthread_once(&as_uring_probe_once, as_uring_probe);
	return as_uring_probe_reason;
}

const char *as_uring_setup_name(as_uring *r)
{
	return r ? r->setup : "none";
}

bool as_uring_multishot(as_uring *r)
{
	return r->multishot;
}

bool as_uring_alive(as_uring *r)
{
	return r && r->fork_gen == as_fork_generation && !r->orphan && !r->dying;
}

/* ---------------------------------------------------------------------------------
 * The in-flight list
 * ------------------------------------------------------------------------------- */

static void as_uring_efd_update(as_uring *r)
{
	if (!r->ev_efd) {
		return; /* a forked child dropping the parent's ring */
	}
	if (r->n_inflight > 0 && !r->efd_added && !r->dying) {
		event_add(r->ev_efd, NULL);
		r->efd_added = true;
	} else if (r->n_inflight == 0 && r->efd_added) {
		event_del(r->ev_efd);
		r->efd_added = false;
	}
}

static void as_uring_link(as_uring *r, as_uring_op *op)
{
	as_uring_op *head = &r->inflight;

	op->next = head->next;
	op->prev = head;
	head->next->prev = op;
	head->next = op;
	op->inflight = true;
	op->cancel_sent = false;
	if (r->n_inflight++ == 0) {
		as_uring_efd_update(r);
	}
}

static void as_uring_unlink(as_uring *r, as_uring_op *op)
{
	op->prev->next = op->next;
	op->next->prev = op->prev;
	op->prev = op->next = NULL;
	op->inflight = false;
	op->cancel_sent = false;
	if (--r->n_inflight == 0) {
		as_uring_efd_update(r); /* nothing in flight: the ring no longer keeps loop() running */
	}
}

/* ---------------------------------------------------------------------------------
 * Submission and the worker
 * ------------------------------------------------------------------------------- */

static void as_uring_schedule(as_uring *r)
{
	if (!r->in_work && !r->work_scheduled && !r->dying) {
		r->work_scheduled = true;
		event_active(r->ev_work, EV_TIMEOUT, 1);
	}
}

/* Runs the worker on the next loop iteration, after libevent has polled its other fds. */
static void as_uring_schedule_next(as_uring *r)
{
	struct timeval zero = {0, 0};

	if (!r->dying) {
		r->work_scheduled = true;
		r->reap_next = true;
		event_add(r->ev_work, &zero);
	}
}

/* One io_uring_enter: submit what is prepared and (DEFER_TASKRUN) run the deferred completions. */
static void as_uring_enter_raw(as_uring *r)
{
	int ret;

	r->submit_seq++;
	do {
		ret = io_uring_submit_and_get_events(&r->ring);
	} while (ret == -EINTR);
	/*
	 * -EBUSY/-EAGAIN: the CQ is full and the kernel holds overflowed completions (NODROP);
	 * the SQEs stay in the SQ and go with the next enter, after this round reaped.
	 */
	r->pending = io_uring_sq_ready(&r->ring);
}

/* Lets every deferred preparer prepare its SQEs (sends know by now what this turn queued). */
static void as_uring_run_deferred(as_uring *r)
{
	while (r->deferred) {
		as_uring_deferred *d = r->deferred;

		r->deferred = d->next;
		d->next = NULL;
		d->queued = false;
		d->prep(d, r);
	}
}

static void as_uring_enter(as_uring *r)
{
	as_uring_run_deferred(r);
	as_uring_enter_raw(r);
}

void as_uring_defer(as_uring *r, as_uring_deferred *d)
{
	if (d->queued || r->dying) {
		return;
	}
	d->queued = true;
	d->next = r->deferred;
	r->deferred = d;
	if (r->b->loop_depth == 0 && !r->in_work) {
		as_uring_enter(r); /* no loop turn to batch with */
	} else {
		as_uring_schedule(r);
	}
}

static struct io_uring_sqe *as_uring_sqe_raw(as_uring *r)
{
	struct io_uring_sqe *sqe;

	if (UNEXPECTED(r->fork_gen != as_fork_generation)) {
		return NULL; /* the parent's ring, seen from a forked child: never write into its SQ (G5) */
	}
	sqe = io_uring_get_sqe(&r->ring);

	if (!sqe) {
		/* The SQ is full within one iteration: submit early (rare; 256 entries). */
		as_uring_enter_raw(r);
		sqe = io_uring_get_sqe(&r->ring);
	}
	if (sqe) {
		r->pending++;
		as_uring_schedule(r);
	}
	return sqe;
}

struct io_uring_sqe *as_uring_prep(as_uring *r, as_uring_op *op)
{
	struct io_uring_sqe *sqe;

	if (r->dying || !(sqe = as_uring_sqe_raw(r))) {
		return NULL;
	}
	io_uring_sqe_set_data(sqe, op);
	as_uring_link(r, op);
	return sqe;
}

void as_uring_cancel(as_uring *r, as_uring_op *op)
{
	struct io_uring_sqe *sqe;

	if (!r || !op->inflight || op->cancel_sent) {
		return;
	}
	if (!(sqe = as_uring_sqe_raw(r))) {
		return;
	}
	io_uring_prep_cancel(sqe, op, 0);
	io_uring_sqe_set_data(sqe, NULL);              /* its own result is not needed ... */
	io_uring_sqe_set_flags(sqe, IOSQE_CQE_SKIP_SUCCESS); /* ... and mostly not even posted */
	op->cancel_sent = true;
	as_uring_queued(r);
}

void as_uring_submit_now(as_uring *r)
{
	if (as_uring_alive(r) && !r->in_work && (r->pending > 0 || r->deferred)) {
		as_uring_enter(r);
	}
}

void as_uring_queued(as_uring *r)
{
	/* Outside loop() there is no turn to batch with: submit at once, as a send() would. */
	if (r->b->loop_depth == 0) {
		as_uring_submit_now(r);
	}
}

uint64_t as_uring_submit_seq(as_uring *r)
{
	return r->submit_seq;
}

bool as_uring_shutdown_after(as_uring *r, struct io_uring_sqe *after, int fd, as_uring_op *op)
{
	struct io_uring_sqe *sqe;

	/* The link must stay within one submission: never when the SQ would overflow into an early enter. */
	if (r->dying || io_uring_sq_space_left(&r->ring) < 1) {
		return false;
	}
	after->flags |= IOSQE_IO_LINK;
	sqe = as_uring_prep(r, op);
	io_uring_prep_shutdown(sqe, fd, SHUT_WR);
	io_uring_sqe_set_data(sqe, op);
	return true;
}

bool as_uring_close_fd(as_uring *r, int fd)
{
	struct io_uring_sqe *sqe;

	if (r->dying || !(sqe = as_uring_sqe_raw(r))) {
		return false;
	}
	io_uring_prep_close(sqe, fd);
	io_uring_sqe_set_data(sqe, NULL);
	io_uring_sqe_set_flags(sqe, IOSQE_CQE_SKIP_SUCCESS);
	return true;
}

char *as_uring_buf(as_uring *r, unsigned bid)
{
	return r->bufs + (size_t)bid * AS_URING_BUF_SIZE;
}

void as_uring_buf_return(as_uring *r, unsigned bid)
{
	io_uring_buf_ring_add(r->br, as_uring_buf(r, bid), AS_URING_BUF_SIZE, (unsigned short)bid,
		io_uring_buf_ring_mask(AS_URING_NBUFS), 0);
	io_uring_buf_ring_advance(r->br, 1);
}

/* Dispatches one completion. The CQE is consumed first: the owner may run PHP. */
static void as_uring_dispatch(as_uring *r, struct io_uring_cqe *cqe)
{
	as_uring_op *op = (as_uring_op *)io_uring_cqe_get_data(cqe);
	int res = cqe->res;
	uint32_t flags = cqe->flags;
	bool final = !(flags & IORING_CQE_F_MORE);

	io_uring_cqe_seen(&r->ring, cqe);
	if (!op) {
		return; /* a cancellation that found nothing to cancel (the op completed first) */
	}
	if (final) {
		as_uring_unlink(r, op);
	}
	op->vt->complete(r, op, res, flags, final, r->dying);
}

/* Reaps what the CQ holds. Returns false when an exception (or a bailout) stopped it. */
static bool as_uring_reap(as_uring *r)
{
	struct io_uring_cqe *cqe;

	while (io_uring_peek_cqe(&r->ring, &cqe) == 0) {
		if (UNEXPECTED(EG(exception) || r->b->bailout)) {
			return false;
		}
		as_uring_dispatch(r, cqe);
		if (UNEXPECTED(r->fork_gen != as_fork_generation)) {
			return false; /* a callback forked: this is the child, the ring is not ours */
		}
	}
	return !EG(exception) && !r->b->bailout;
}

static void as_uring_free_orphan(as_uring *r);

static void as_uring_work(as_uring *r)
{
	as_base *b = r->b;
	bool ok = true;

	/*
	 * The base outlives this: EventBase::free() from a callback only detaches the children
	 * while the loop runs and releases the native base (and r) after the loop returns.
	 */
	r->in_work = true;
	r->work_scheduled = false;
	io_uring_cq_eventfd_toggle(&r->ring, false);
	for (int round = 0; ; round++) {
		unsigned sqf = IO_URING_READ_ONCE(*r->ring.sq.kflags);

		if (r->pending > 0 || r->deferred || (sqf & (IORING_SQ_TASKRUN | IORING_SQ_CQ_OVERFLOW))
				|| (r->defer && !r->taskrun_flag)) {
			as_uring_enter(r);
		}
		ok = as_uring_reap(r);
		if (UNEXPECTED(r->fork_gen != as_fork_generation)) {
			/* A callback forked and this is the child: never touch the ring's memory again (G5). */
			r->in_work = false;
			if (r->orphan) {
				as_uring_free_orphan(r);
			} else {
				as_base_fork_check(b); /* re-initialises the base and drops r */
			}
			return;
		}
		if (!ok) {
			break;
		}
		if (r->pending == 0 && !r->deferred && !(IO_URING_READ_ONCE(*r->ring.sq.kflags) & IORING_SQ_TASKRUN)) {
			break; /* dispatching asked for nothing new: done until the next wake-up */
		}
		if (round + 1 >= AS_URING_ROUNDS) {
			break;
		}
	}
	/* Never leave prepared SQEs behind: the loop may sleep now. */
	if (r->pending > 0 || r->deferred) {
		as_uring_enter(r);
	}
	r->in_work = false;
	io_uring_cq_eventfd_toggle(&r->ring, true);
	io_uring_smp_mb();
	if (!ok) {
		/* G4: the rest is for the next loop() run (the loop is breaking now). */
		as_uring_schedule_next(r);
	} else if (io_uring_cq_ready(&r->ring) > 0
			|| (IO_URING_READ_ONCE(*r->ring.sq.kflags) & (IORING_SQ_TASKRUN | IORING_SQ_CQ_OVERFLOW))) {
		/* Work arrived while the eventfd was off: take it after libevent polled the rest. */
		as_uring_schedule_next(r);
	}
}

static void as_uring_efd_cb(evutil_socket_t fd, short what, void *arg)
{
	as_uring *r = (as_uring *)arg;

	if (UNEXPECTED(EG(exception))) {
		/* The batch is being abandoned for the exception: the next loop() run (a timer, never this pass). */
		as_uring_schedule_next(r);
		return;
	}
	as_uring_work(r);
}

static void as_uring_work_cb(evutil_socket_t fd, short what, void *arg)
{
	as_uring *r = (as_uring *)arg;

	r->work_scheduled = false;
	if (UNEXPECTED(EG(exception))) {
		if (r->pending > 0 || r->deferred) {
			as_uring_enter(r); /* submitting runs no PHP */
		}
		as_uring_schedule_next(r); /* a timer: re-activating itself would spin a loop that does not break */
		return;
	}
	if (r->reap_next) {
		r->reap_next = false;
		as_uring_work(r);
		return;
	}
	/*
	 * Scheduled because this turn prepared SQEs: submit them, and leave what completes to
	 * the eventfd, i.e. to the next turn, where the loop's other events (timers, higher
	 * priorities) get their turn first, as they would before a readiness callback.
	 */
	if (r->pending > 0 || r->deferred) {
		as_uring_enter(r);
	}
}

/* ---------------------------------------------------------------------------------
 * Creating the ring
 * ------------------------------------------------------------------------------- */

static int as_uring_init_ring(as_uring *r)
{
	/*
	 * Not DEFER_TASKRUN: its completions wait until the task asks for them in
	 * io_uring_enter(GETEVENTS), and (measured on 6.18) neither the registered eventfd nor
	 * the ring fd becomes readable meanwhile, so a loop that sleeps in epoll_wait() would
	 * never learn of them. COOP_TASKRUN: completions run when the task next enters the
	 * kernel anyway (no IPI while it runs PHP), and TASKRUN_FLAG says when it should.
	 * A sleeping task is woken with TIF_NOTIFY_SIGNAL, so epoll_wait() returns EINTR once
	 * before the eventfd is readable: one extra syscall per wake-up from sleep, none under
	 * load (docs/benchmarks.md).
	 */
	static const struct { unsigned flags; const char *name; bool defer, taskrun_flag; } tries[] = {
		{ IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG, "COOP_TASKRUN|TASKRUN_FLAG", false, true },
		{ IORING_SETUP_COOP_TASKRUN, "COOP_TASKRUN", false, false },
		{ 0, "default", false, false },
	};
	/* Knob for benchmarks: ASYNCSTREAM_URING_SETUP=coop|default (a prefix of the name). */
	const char *want = getenv("ASYNCSTREAM_URING_SETUP");
	int ret = -EINVAL;

	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		struct io_uring_params p;

		if (want && *want && strncasecmp(want, tries[i].name, strlen(want)) != 0) {
			continue;
		}
		memset(&p, 0, sizeof(p));
		p.flags = tries[i].flags | IORING_SETUP_CQSIZE;
		p.cq_entries = AS_URING_CQ_ENTRIES;
		if ((ret = io_uring_queue_init_params(AS_URING_SQ_ENTRIES, &r->ring, &p)) == 0) {
			r->setup = tries[i].name;
			r->defer = tries[i].defer;
			r->taskrun_flag = tries[i].taskrun_flag;
			return 0;
		}
	}
	return ret;
}

static as_uring *as_uring_create(as_base *b, const char **reason)
{
	as_uring *r = ecalloc(1, sizeof(*r));
	struct io_uring_buf_reg reg;
	int ret;

	r->b = b;
	r->efd = -1;
	r->inflight.next = r->inflight.prev = &r->inflight;
	r->fork_gen = as_fork_generation;
	if ((ret = as_uring_init_ring(r)) < 0) {
		*reason = as_uring_setup_error(-ret, AS_G(uring_why), sizeof(AS_G(uring_why)));
		efree(r);
		return NULL;
	}
	r->multishot = as_uring_kernel_at_least(6, 0);

	r->br_size = AS_URING_NBUFS * sizeof(struct io_uring_buf);
	r->bufs_size = (size_t)AS_URING_NBUFS * AS_URING_BUF_SIZE;
	r->br = mmap(NULL, r->br_size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
	r->bufs = mmap(NULL, r->bufs_size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
	if (r->br == MAP_FAILED || r->bufs == MAP_FAILED) {
		*reason = "cannot map the receive buffers (mmap failed)";
		goto fail;
	}
	memset(&reg, 0, sizeof(reg));
	reg.ring_addr = (uint64_t)(uintptr_t)r->br;
	reg.ring_entries = AS_URING_NBUFS;
	reg.bgid = AS_URING_BGID;
	if (io_uring_register_buf_ring(&r->ring, &reg, 0) < 0) {
		*reason = "the kernel's io_uring has no provided-buffer rings (Linux < 5.19)";
		goto fail;
	}
	io_uring_buf_ring_init(r->br);
	for (unsigned i = 0; i < AS_URING_NBUFS; i++) {
		io_uring_buf_ring_add(r->br, as_uring_buf(r, i), AS_URING_BUF_SIZE, (unsigned short)i,
			io_uring_buf_ring_mask(AS_URING_NBUFS), (int)i);
	}
	io_uring_buf_ring_advance(r->br, AS_URING_NBUFS);

	if ((r->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 || io_uring_register_eventfd(&r->ring, r->efd) < 0) {
		*reason = "cannot register the completion eventfd";
		goto fail;
	}
	r->ev_efd = event_new(b->base, r->efd, EV_READ | EV_PERSIST | EV_ET, as_uring_efd_cb, r);
	r->ev_work = event_new(b->base, -1, 0, as_uring_work_cb, r);
	if (!r->ev_efd || !r->ev_work) {
		*reason = "libevent could not create the ring's events";
		goto fail;
	}
	return r;

fail:
	if (r->ev_efd) {
		event_free(r->ev_efd);
	}
	if (r->ev_work) {
		event_free(r->ev_work);
	}
	io_uring_queue_exit(&r->ring);
	if (r->efd >= 0) {
		close(r->efd);
	}
	if (r->br != MAP_FAILED && r->br) {
		munmap(r->br, r->br_size);
	}
	if (r->bufs != MAP_FAILED && r->bufs) {
		munmap(r->bufs, r->bufs_size);
	}
	efree(r);
	return NULL;
}

as_uring *as_uring_get(as_base *b, const char **reason)
{
	const char *why;

	if (b->uring) {
		return b->uring;
	}
	if (!b->base) {
		*reason = "the EventBase has been freed";
		return NULL;
	}
	if ((why = as_uring_unavailable_reason())) {
		*reason = why;
		return NULL;
	}
	b->uring = as_uring_create(b, reason);
	return b->uring;
}

/* ---------------------------------------------------------------------------------
 * Release and fork
 * ------------------------------------------------------------------------------- */

/* The child's half of fork: close our copies of the descriptors, abandon what was in flight. */
/* A forked child's copy of the parent's ring, once nothing on the stack uses it. */
static void as_uring_free_orphan(as_uring *r)
{
	munmap(r->br, r->br_size);
	munmap(r->bufs, r->bufs_size);
	efree(r);
}

static void as_uring_drop_inherited(as_base *b, as_uring *r)
{
	b->uring = NULL;
	/*
	 * The base was re-initialised (event_reinit) before this, so deleting these events
	 * touches only the child's own epoll set, never the parent's registrations.
	 */
	event_free(r->ev_efd);
	event_free(r->ev_work);
	r->ev_efd = r->ev_work = NULL;
	close(r->efd);
	/*
	 * io_uring_queue_exit() only unmaps this process's views of the SQ/CQ rings and closes
	 * its copy of the ring fd: no io_uring_enter(), nothing the parent could notice. (Not
	 * MADV_DONTFORK instead: valgrind's address-space model breaks on it in the child.)
	 * The buffers are this process's copy-on-write copies: unmapping them is ours too,
	 * once no completion on the stack may still copy out of one (below).
	 */
	io_uring_queue_exit(&r->ring);
	while (r->deferred) {
		as_uring_deferred *d = r->deferred;

		r->deferred = d->next;
		d->next = NULL;
		d->queued = false;
		d->prep(d, NULL); /* NULL: nothing to prepare on; drop what was held for it */
	}
	while (r->inflight.next != &r->inflight) {
		as_uring_op *op = r->inflight.next;

		as_uring_unlink(r, op);
		op->vt->abandon(op);
	}
	if (r->in_work) {
		/*
		 * The worker below us frees it when it unwinds: the completion that forked (PHP
		 * called pcntl_fork() in onData) still copies the bytes the callback did not take
		 * out of its provided buffer, as a readiness stream keeps them in its input.
		 */
		r->orphan = true;
	} else {
		as_uring_free_orphan(r);
	}
}

void as_uring_base_after_fork(as_base *b)
{
	as_uring *r = b->uring;

	if (r && r->fork_gen != as_fork_generation) {
		as_uring_drop_inherited(b, r);
	}
}

void as_uring_base_release(as_base *b)
{
	as_uring *r = b->uring;
	bool drained;

	if (!r) {
		return;
	}
	if (r->fork_gen != as_fork_generation) {
		as_uring_drop_inherited(b, r);
		return;
	}
	/*
	 * Every stream was detached (closed) before this, and each queued the cancellation of
	 * its own ops; cancel whatever is left, then wait for every final completion so that
	 * no buffer is released while the kernel may still write into it.
	 */
	r->dying = true;
	while (r->deferred) {
		as_uring_deferred *d = r->deferred;

		r->deferred = d->next;
		d->next = NULL;
		d->queued = false;
		d->prep(d, NULL);
	}
	for (as_uring_op *op = r->inflight.next; op != &r->inflight; op = op->next) {
		as_uring_cancel(r, op);
	}
	{
		struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = 50 * 1000000 };
		int waited_ms = 0;

		while (r->n_inflight > 0 && waited_ms < AS_URING_DRAIN_MS) {
			struct io_uring_cqe *cqe;

			io_uring_submit_and_wait_timeout(&r->ring, &cqe, 1, &ts, NULL);
			r->pending = 0;
			while (io_uring_peek_cqe(&r->ring, &cqe) == 0) {
				as_uring_dispatch(r, cqe); /* dying: owners release, no PHP */
			}
			waited_ms += 50;
		}
	}
	drained = r->n_inflight == 0;
	b->uring = NULL;
	event_free(r->ev_efd);
	event_free(r->ev_work);
	r->ev_efd = r->ev_work = NULL;
	io_uring_queue_exit(&r->ring);
	close(r->efd);
	munmap(r->br, r->br_size);
	if (drained) {
		munmap(r->bufs, r->bufs_size);
	}
	/*
	 * else: an op the kernel never finished may still write into a receive buffer: the
	 * buffers stay mapped (leaked) rather than be reused. Its owner's memory is left too.
	 */
	if (drained) {
		efree(r);
	}
}

#endif /* HAVE_AS_IO_URING */

int as_uring_select(as_base *b)
{
	as_io_uring_mode mode;
	const char *why = NULL;

	if (b->io_method != AS_IO_METHOD_UNDECIDED) {
		return b->io_method;
	}
	mode = as_io_uring_ini_mode();
	if (mode == AS_IO_URING_OFF) {
		return b->io_method = AS_IO_METHOD_READINESS;
	}
	if (as_uring_get(b, &why)) {
		return b->io_method = AS_IO_METHOD_URING;
	}
	if (mode == AS_IO_URING_AUTO) {
		return b->io_method = AS_IO_METHOD_READINESS; /* silently */
	}
	as_throw(php_asyncstream_stream_exception_ce, as_uring_unavailable_errno,
		"asyncstream.io_uring is \"on\" but io_uring cannot be used here: %s", why);
	return -1;
}

/* ---------------------------------------------------------------------------------
 * ini, php --ri
 * ------------------------------------------------------------------------------- */

ZEND_INI_MH(as_uring_ini_update)
{
	const char *v = ZSTR_VAL(new_value);

	if (!*v || !strcasecmp(v, "off") || !strcasecmp(v, "auto") || !strcasecmp(v, "on")
			|| !strcmp(v, "0") || !strcmp(v, "1")) {
		return SUCCESS;
	}
	php_error_docref(NULL, E_WARNING, "asyncstream.io_uring must be \"off\", \"auto\" or \"on\", \"%s\" given", v);
	return FAILURE;
}

void as_uring_minfo(void)
{
	const char *why = as_uring_unavailable_reason();

#ifdef HAVE_AS_IO_URING
	php_info_print_table_row(2, "io_uring (liburing)", why ? why : "available");
#else
	php_info_print_table_row(2, "io_uring", why);
#endif
}
