/*
 * EventBase (ext-event compatible): the event loop, and the root of ownership (G2):
 * every Event, AsyncStream and AsyncStreamServer links itself into its base (as_child)
 * and holds a reference on it. EventBase::free() and base destruction detach every
 * child first; event_base_free() is deferred to the end of loop() when free() is called
 * from inside a callback (G1).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "uring.h"
#include "as_tls.h"
#include "zend_exceptions.h"

#include <errno.h>
#include <string.h>

zend_class_entry *php_asyncstream_base_ce;
zend_class_entry *php_asyncstream_exception_ce;

static zend_object_handlers as_base_handlers;

AS_RUNS_PHP static void as_diag_event_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	as_diag_flush_in_loop((as_base *)arg);
}

/*
 * A warning was queued while a loop runs, maybe from inside libevent (the resolver, a
 * changelist applied during dispatch): activate an internal event of the highest
 * priority so the warning is raised as the loop's next callback, even when no other
 * callback is due. event_new()/event_active() only touch libevent's queues, as its own
 * callbacks do. (A warning logged while the backend applies its changelist right before
 * it waits is raised when the loop next wakes up.) The event lives until loop() returns.
 */
void as_diag_schedule(void)
{
	as_base *b = AS_G(running_base);

	if (!b || !b->base || b->bailout) {
		return; /* raised after the loop, or at the end of the running method */
	}
	if (!b->diag_ev) {
		b->diag_ev = event_new(b->base, -1, 0, as_diag_event_cb, b);
		if (!b->diag_ev) {
			return;
		}
		event_priority_set(b->diag_ev, 0);
	}
	event_active(b->diag_ev, EV_TIMEOUT, 1);
}

void as_base_link(as_base *b, as_child *child)
{
	child->next = b->children.next;
	child->prev = &b->children;
	b->children.next->prev = child;
	b->children.next = child;
	GC_ADDREF(&b->std);
}

AS_RUNS_PHP void as_base_unlink(as_base *b, as_child *child)
{
	child->prev->next = child->next;
	child->next->prev = child->prev;
	child->prev = child->next = NULL;
	OBJ_RELEASE(&b->std);
}

static int as_event_any_cb(const struct event_base *base, const struct event *ev, void *arg)
{
	(void)base;
	(void)ev;
	(void)arg;
	return 1; /* stops the walk: there is one */
}

static zend_object *as_base_create(zend_class_entry *ce)
{
	as_base *b = zend_object_alloc(sizeof(as_base), ce);

	zend_object_std_init(&b->std, ce);
	object_properties_init(&b->std, ce);
	b->std.handlers = &as_base_handlers;
	b->children.next = b->children.prev = &b->children;
	b->children.detach = NULL;
	return &b->std;
}

/* Detaches every child (G2). Each detach() unlinks its child. */
AS_RUNS_PHP static void as_base_detach_children(as_base *b)
{
	while (b->children.next != &b->children) {
		as_child *child = b->children.next;
		child->detach(child);
		ZEND_ASSERT(b->children.next != child);
	}
}

static void as_base_release_native(as_base *b)
{
	if (!b->base) {
		return;
	}
	/*
	 * A forked child must not delete the parent's registrations: give the base its own
	 * backend first (G5). Re-adding an event whose fd was closed behind it fails; that
	 * does not matter for a base about to go, so neither the failure nor libevent's log
	 * lines about it are reported (this runs at shutdown too).
	 */
	as_log_capture_begin();
	if (b->fork_gen != as_fork_generation) {
		b->fork_gen = as_fork_generation;
		event_reinit(b->base);
	}
	/*
	 * Run what libevent deferred to the next loop iteration before freeing: a cancelled
	 * DNS request (a stream closed while resolving) reports its cancellation from a
	 * deferred callback, which is what frees the request. event_base_free() drops such
	 * callbacks without running them. Every child is detached by now, so no PHP runs.
	 */
	as_uring_base_release(b); /* cancels and waits for what is in flight; its events go first */
	event_base_loop(b->base, EVLOOP_NONBLOCK);
	if (b->dns) {
		as_dns_free(b);
	}
	as_stream_write_round_free(b);
#ifdef HAVE_AS_TLS
	if (b->tls_ctxs) {
		as_tls_cache_free(b->tls_ctxs);
		b->tls_ctxs = NULL;
	}
# ifdef HAVE_AS_IO_URING
	as_tls_uring_base_release(b);
# endif
#endif
	event_base_free(b->base);
	as_log_capture_end();
	b->base = NULL;
	as_base_list_remove(b);
	b->free_pending = false;
}

AS_RUNS_PHP static void as_base_free_obj(zend_object *obj)
{
	as_base *b = as_base_from_obj(obj);

	/* The GC (or shutdown) may destroy the base before its children: detach them first. */
	GC_ADDREF(obj);
	as_base_detach_children(b);
	GC_DELREF(obj);
	as_base_release_native(b);
	zend_object_std_dtor(obj);
}

/*
 * Reports the loop's reference on every open stream and listening server (as_child.owned):
 * with the child's reference on the base that makes an unreachable base and its children
 * one cycle, collected like any other. A running loop holds its own (unreported) reference
 * on the base (as_base_run()), so nothing of a running loop is ever garbage; nor is
 * anything of a base the script still references. Events are not reported: they live as
 * long as the script references them (ext-event's rule), and each one holds the base.
 */
static HashTable *as_base_get_gc(zend_object *obj, zval **table, int *n)
{
	as_base *b = as_base_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();

	for (as_child *c = b->children.next; c != &b->children; c = c->next) {
		if (c->owned) {
			zend_get_gc_buffer_add_obj(buf, c->owned);
		}
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

#define AS_BASE_THIS(b) do { \
		if (UNEXPECTED(!((b) = as_base_live_or_throw(Z_AS_BASE_P(ZEND_THIS), false)))) { \
			RETURN_THROWS(); \
		} \
	} while (0)

ZEND_METHOD(EventBase, __construct)
{
	zval *zcfg = NULL;
	as_base *b = Z_AS_BASE_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OF_CLASS_OR_NULL(zcfg, php_asyncstream_config_ce)
	ZEND_PARSE_PARAMETERS_END();

	if (b->base || b->was_freed) {
		as_throw_constructed_twice();
		RETURN_THROWS();
	}
	/* libevent explains a failure in its log: fold that into the exception, not a warning too. */
	as_log_capture_begin();
	errno = 0;
	if (zcfg) {
		as_config *c = Z_AS_CONFIG_P(zcfg);
		b->base = c->cfg ? event_base_new_with_config(c->cfg) : NULL;
	} else {
		b->base = event_base_new();
	}
	if (!b->base) {
		int err = errno;
		const char *detail = as_log_capture_end();

		as_throw(php_asyncstream_exception_ce, 0, "no event backend satisfies the %s (%s)",
			zcfg ? "EventConfig" : "defaults", detail ? detail : (err ? strerror(err) : "no details"));
		RETURN_THROWS();
	}
	as_log_capture_end();
	b->fork_gen = as_fork_generation;
	as_base_list_add(b);
}

ZEND_METHOD(EventBase, getMethod)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_STRING(event_base_get_method(b->base));
}

ZEND_METHOD(EventBase, getFeatures)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_LONG(event_base_get_features(b->base));
}

ZEND_METHOD(EventBase, priorityInit)
{
	zend_long n;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(n)
	ZEND_PARSE_PARAMETERS_END();

	if (n < 1 || n > EVENT_MAX_PRIORITIES) {
		zend_argument_value_error(1, "must be between 1 and %d", EVENT_MAX_PRIORITIES);
		RETURN_THROWS();
	}
	AS_BASE_THIS(b);
	if (b->loop_depth > 0) {
		/*
		 * libevent only refuses while callbacks are queued; from inside a callback the queue
		 * may be empty, and it would free the queue array the running loop walks.
		 */
		php_error_docref(NULL, E_WARNING,
			"cannot set %d priorities while the loop of this EventBase is running (called from one of its callbacks)", (int)n);
		RETURN_FALSE;
	}
	if (b->children.next != &b->children || event_base_foreach_event(b->base, as_event_any_cb, NULL) != 0) {
		/*
		 * Events keep the priority they were given; with fewer queues an existing one
		 * would later index past them (libevent asserts, found by scripts/fuzz.php).
		 */
		php_error_docref(NULL, E_WARNING,
			"cannot set %d priorities: this EventBase already has events (call priorityInit() before creating any)", (int)n);
		RETURN_FALSE;
	}
	if (event_base_priority_init(b->base, (int)n) != 0) {
		php_error_docref(NULL, E_WARNING,
			"cannot set %d priorities: events are already active on this base", (int)n);
		RETURN_FALSE;
	}
	RETURN_TRUE;
}

/*
 * Runs event_base_loop() for loop()/dispatch(). Holds a reference on the base for the
 * whole run (a callback may drop every other one), releases the native base afterwards
 * when free() was called inside, and rethrows a callback's exception (G4).
 */
AS_RUNS_PHP static void as_base_run(as_base *b, int flags, zval *return_value)
{
	volatile int r = -1;
	volatile bool bailout = false;

	if (b->loop_depth > 0) {
		php_error_docref(NULL, E_WARNING,
			"the loop of this EventBase is already running (loop() called from one of its callbacks)");
		RETURN_FALSE;
	}
	as_base_fork_check(b);

	GC_ADDREF(&b->std);
	b->loop_depth++;
	b->running_prev = AS_G(running_base);
	AS_G(running_base) = b;
	if (UNEXPECTED(AS_G(diag_queued))) {
		as_diag_schedule(); /* queued before the loop started: raise it first thing */
	}
	zend_try {
		r = event_base_loop(b->base, flags);
	} zend_catch {
		bailout = true;
	} zend_end_try();
	AS_G(running_base) = b->running_prev;
	b->running_prev = NULL;
	if (b->diag_ev) {
		event_free(b->diag_ev); /* only used while this loop runs */
		b->diag_ev = NULL;
	}
	b->loop_depth--;
#ifdef HAVE_AS_IO_URING
	if (b->uring) {
		/*
		 * The loop stopped (stop(), an exception, exit()) before its last turn's batch went
		 * out: now, as write() would have sent it in readiness mode. Runs no PHP.
		 */
		as_uring_submit_now(b->uring);
	}
#endif
	if (UNEXPECTED(b->bailout)) {
		/* as_invoke() caught a bailout in a callback and let libevent unwind: resume it. */
		b->bailout = false;
		bailout = true;
	}

	if (b->free_pending) {
		as_base_release_native(b);
	}
	if (UNEXPECTED(bailout)) {
		/* A fatal error unwinds to shutdown, which destroys the base: just drop our reference. */
		GC_DELREF(&b->std);
		zend_bailout();
	}
	OBJ_RELEASE(&b->std);

	AS_DIAG_FLUSH(); /* what libevent logged during the last part of the loop */
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r != -1);
}

ZEND_METHOD(EventBase, loop)
{
	zend_long flags = -1;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(flags)
	ZEND_PARSE_PARAMETERS_END();

	if (flags != -1 && (flags & ~(zend_long)(EVLOOP_ONCE | EVLOOP_NONBLOCK | EVLOOP_NO_EXIT_ON_EMPTY))) {
		zend_argument_value_error(1, "must be -1 or a mask of EventBase::LOOP_* constants, " ZEND_LONG_FMT " given", flags);
		RETURN_THROWS();
	}
	AS_BASE_THIS(b);
	as_base_run(b, flags == -1 ? 0 : (int)flags, return_value);
}

ZEND_METHOD(EventBase, dispatch)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	as_base_run(b, 0, return_value);
}

ZEND_METHOD(EventBase, exit)
{
	double timeout = 0.0;
	struct timeval tv;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_double_to_timeval(timeout, 1, &tv)) {
		RETURN_THROWS();
	}
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_loopexit(b->base, timeout > 0.0 ? &tv : NULL) == 0);
}

ZEND_METHOD(EventBase, stop)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_loopbreak(b->base) == 0);
}

ZEND_METHOD(EventBase, gotStop)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_got_break(b->base));
}

ZEND_METHOD(EventBase, gotExit)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_got_exit(b->base));
}

ZEND_METHOD(EventBase, getTimeOfDayCached)
{
	struct timeval tv;
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	if (event_base_gettimeofday_cached(b->base, &tv) != 0) {
		php_error_docref(NULL, E_WARNING, "cannot read the time: %s", strerror(errno));
		RETURN_DOUBLE(0.0);
	}
	RETURN_DOUBLE((double)tv.tv_sec + (double)tv.tv_usec / 1e6);
}

ZEND_METHOD(EventBase, updateCacheTime)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_update_cache_time(b->base) == 0);
}

ZEND_METHOD(EventBase, resume)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_loopcontinue(b->base) == 0);
}

ZEND_METHOD(EventBase, reInit)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	if (b->fork_gen != as_fork_generation) {
		as_base_reinit_after_fork(b); /* reInit() in a forked child: the same as the automatic one */
		RETVAL_TRUE;
		AS_DIAG_FLUSH();
		return;
	}
	{
		/* libevent's own explanation goes into our warning, not through the log (G6, G12). */
		int r, err;
		const char *detail;

		as_log_capture_begin();
		errno = 0;
		r = event_reinit(b->base);
		err = errno;
		detail = as_log_capture_end();
		if (r != 0) {
			php_error_docref(NULL, E_WARNING, "cannot reinitialise the event base: %s",
				detail ? detail : (err ? strerror(err) : "libevent refused"));
			RETURN_FALSE;
		}
	}
	RETURN_TRUE;
}

ZEND_METHOD(EventBase, free)
{
	as_base *b = Z_AS_BASE_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_NONE();

	if (!as_base_is_live(b)) {
		return; /* idempotent */
	}
	b->was_freed = true;
	as_base_detach_children(b);
	if (b->loop_depth > 0) {
		/* Inside a callback: libevent still walks this base; release it when loop() returns. */
		b->free_pending = true;
		event_base_loopbreak(b->base);
	} else {
		as_base_release_native(b);
	}
	AS_DIAG_FLUSH();
}

ZEND_METHOD(EventBase, __sleep)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_throw_exception(php_asyncstream_exception_ce, "EventBase instances are not serializable", 0);
	RETURN_THROWS();
}

ZEND_METHOD(EventBase, __wakeup)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_throw_exception(php_asyncstream_exception_ce, "EventBase instances are not unserializable", 0);
	RETURN_THROWS();
}


void as_base_class_init(zend_class_entry *ce)
{
	ce->create_object = as_base_create;
	memcpy(&as_base_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_base_handlers.offset = XtOffsetOf(as_base, std);
	as_base_handlers.free_obj = as_base_free_obj;
	as_base_handlers.clone_obj = NULL;
	as_base_handlers.compare = zend_objects_not_comparable; /* == is identity */
	as_base_handlers.get_gc = as_base_get_gc;
}
