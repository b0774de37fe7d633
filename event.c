/*
 * EventConfig, EventBase, Event, EventUtil, EventException: the ext-event compatible
 * event loop (API.md Part 1) with the guarantees of Part 3.
 *
 * Ownership (G2): an Event holds a reference on its EventBase (through its child link)
 * and on the zval of its descriptor source. EventBase::free() and base destruction
 * detach every child first. A libevent `struct event` is never freed while its PHP
 * callback is on the stack (G1): the release is deferred to the end of that callback,
 * and event_base_free() is deferred to the end of loop().
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php_asyncstream.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/standard/info.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include "as_arginfo.h"

zend_class_entry *php_asyncstream_base_ce;
zend_class_entry *php_asyncstream_event_ce;
zend_class_entry *php_asyncstream_config_ce;
zend_class_entry *php_asyncstream_util_ce;
zend_class_entry *php_asyncstream_exception_ce;

static zend_object_handlers as_base_handlers;
static zend_object_handlers as_event_handlers;
static zend_object_handlers as_config_handlers;
static zend_object_handlers as_util_handlers;

#define AS_EV_ALL_FLAGS (EV_TIMEOUT | EV_READ | EV_WRITE | EV_SIGNAL | EV_PERSIST | EV_ET)

/* =================================================================================
 * EventConfig
 * =============================================================================== */

typedef struct _as_config {
	struct event_config *cfg;
	zend_object std;
} as_config;

static zend_always_inline as_config *as_config_from_obj(zend_object *obj)
{
	return (as_config *)((char *)obj - XtOffsetOf(as_config, std));
}
#define Z_AS_CONFIG_P(zv) as_config_from_obj(Z_OBJ_P(zv))

static zend_object *as_config_create(zend_class_entry *ce)
{
	as_config *c = zend_object_alloc(sizeof(as_config), ce);

	zend_object_std_init(&c->std, ce);
	object_properties_init(&c->std, ce);
	c->std.handlers = &as_config_handlers;
	c->cfg = event_config_new();
	return &c->std;
}

static void as_config_free(zend_object *obj)
{
	as_config *c = as_config_from_obj(obj);

	if (c->cfg) {
		event_config_free(c->cfg);
		c->cfg = NULL;
	}
	zend_object_std_dtor(obj);
}

static as_config *as_config_get(zval *zthis)
{
	as_config *c = Z_AS_CONFIG_P(zthis);

	if (UNEXPECTED(!c->cfg)) {
		zend_throw_error(NULL, "EventConfig could not allocate its libevent configuration");
		return NULL;
	}
	return c;
}

ZEND_METHOD(EventConfig, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!as_config_get(ZEND_THIS)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(EventConfig, avoidMethod)
{
	zend_string *method;
	as_config *c;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(method)
	ZEND_PARSE_PARAMETERS_END();

	if (!(c = as_config_get(ZEND_THIS))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(event_config_avoid_method(c->cfg, ZSTR_VAL(method)) == 0);
}

ZEND_METHOD(EventConfig, requireFeatures)
{
	zend_long feature;
	as_config *c;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(feature)
	ZEND_PARSE_PARAMETERS_END();

	if (feature & ~(zend_long)(EV_FEATURE_ET | EV_FEATURE_O1 | EV_FEATURE_FDS | EV_FEATURE_EARLY_CLOSE)) {
		zend_argument_value_error(1, "must be a mask of EventConfig::FEATURE_* constants, " ZEND_LONG_FMT " given", feature);
		RETURN_THROWS();
	}
	if (!(c = as_config_get(ZEND_THIS))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(event_config_require_features(c->cfg, (int)feature) == 0);
}

ZEND_METHOD(EventConfig, setMaxDispatchInterval)
{
	zend_long max_interval, max_callbacks, min_priority;
	struct timeval tv;
	as_config *c;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_LONG(max_interval)
		Z_PARAM_LONG(max_callbacks)
		Z_PARAM_LONG(min_priority)
	ZEND_PARSE_PARAMETERS_END();

	if (max_callbacks < 0 || max_callbacks > INT_MAX) {
		zend_argument_value_error(2, "must be between 0 and %d", INT_MAX);
		RETURN_THROWS();
	}
	if (min_priority < 0 || min_priority > INT_MAX) {
		zend_argument_value_error(3, "must be between 0 and %d", INT_MAX);
		RETURN_THROWS();
	}
	if (!(c = as_config_get(ZEND_THIS))) {
		RETURN_THROWS();
	}
	if (max_interval > 0) {
		tv.tv_sec = max_interval > AS_MAX_TIMEOUT_SEC ? AS_MAX_TIMEOUT_SEC : (time_t)max_interval;
		tv.tv_usec = 0;
	}
	event_config_set_max_dispatch_interval(c->cfg, max_interval > 0 ? &tv : NULL,
		(int)max_callbacks, (int)min_priority);
}

ZEND_METHOD(EventConfig, setFlags)
{
	zend_long flags;
	as_config *c;
	const zend_long known = EVENT_BASE_FLAG_NOLOCK | EVENT_BASE_FLAG_IGNORE_ENV | EVENT_BASE_FLAG_STARTUP_IOCP
		| EVENT_BASE_FLAG_NO_CACHE_TIME | EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST | EVENT_BASE_FLAG_PRECISE_TIMER;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(flags)
	ZEND_PARSE_PARAMETERS_END();

	if (flags & ~known) {
		zend_argument_value_error(1, "must be a mask of EventBase flag constants, " ZEND_LONG_FMT " given", flags);
		RETURN_THROWS();
	}
	if (!(c = as_config_get(ZEND_THIS))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(event_config_set_flag(c->cfg, (int)flags) == 0);
}

ZEND_METHOD(EventConfig, __sleep)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_throw_exception(php_asyncstream_exception_ce, "EventConfig instances are not serializable", 0);
	RETURN_THROWS();
}

ZEND_METHOD(EventConfig, __wakeup)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_throw_exception(php_asyncstream_exception_ce, "EventConfig instances are not unserializable", 0);
	RETURN_THROWS();
}

/* =================================================================================
 * EventBase
 * =============================================================================== */

volatile uint32_t as_fork_generation = 0;

void as_base_link(as_base *b, as_child *child)
{
	child->next = b->children.next;
	child->prev = &b->children;
	b->children.next->prev = child;
	b->children.next = child;
	GC_ADDREF(&b->std);
}

void as_base_unlink(as_base *b, as_child *child)
{
	child->prev->next = child->next;
	child->next->prev = child->prev;
	child->prev = child->next = NULL;
	OBJ_RELEASE(&b->std);
}

void as_base_reinit_after_fork(as_base *b)
{
	/* G5: the child gets its own backend (epoll fd, signal pipe) before touching it. */
	int r, err;
	const char *detail;

	b->fork_gen = as_fork_generation;
	as_log_capture_begin();
	errno = 0;
	r = event_reinit(b->base);
	err = errno;
	detail = as_log_capture_end();
	/*
	 * It fails when an event's fd was closed behind it (that event is lost either way).
	 * Say so from a method call; from a destructor at shutdown nobody can act on it.
	 */
	if (r != 0 && EG(current_execute_data)) {
		php_error_docref(NULL, E_WARNING,
			"asyncstream: could not reinitialise the event base after fork(): %s",
			detail ? detail : strerror(err));
	}
	if (b->dns && b->dns_after_fork) {
		b->dns_after_fork(b); /* the resolver's UDP sockets are shared with the parent too */
	}
}

/* Every base that holds a libevent base, for the fork handler. */
static as_base *as_live_bases = NULL;

static void as_base_list_add(as_base *b)
{
	b->live_next = as_live_bases;
	b->live_pprev = &as_live_bases;
	if (as_live_bases) {
		as_live_bases->live_pprev = &b->live_next;
	}
	as_live_bases = b;
}

static void as_base_list_remove(as_base *b)
{
	if (!b->live_pprev) {
		return;
	}
	*b->live_pprev = b->live_next;
	if (b->live_next) {
		b->live_next->live_pprev = b->live_pprev;
	}
	b->live_next = NULL;
	b->live_pprev = NULL;
}

static int as_event_is_signal_cb(const struct event_base *base, const struct event *ev, void *arg)
{
	(void)base;
	(void)arg;
	return (event_get_events(ev) & EV_SIGNAL) ? 1 : 0; /* non-zero stops the walk */
}

void as_bases_after_fork(void)
{
	for (as_base *b = as_live_bases; b; b = b->live_next) {
		/*
		 * Until it is re-initialised, a base's signal handler writes to the signal pipe
		 * the child shares with the parent: a signal sent to the child would reach the
		 * parent's signal events, and the child would never see it.
		 */
		if (b->base && b->fork_gen != as_fork_generation
				&& event_base_foreach_event(b->base, as_event_is_signal_cb, NULL) != 0) {
			as_base_reinit_after_fork(b);
		}
	}
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
static void as_base_detach_children(as_base *b)
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
	event_base_loop(b->base, EVLOOP_NONBLOCK);
	if (b->dns_free) {
		b->dns_free(b);
	}
	event_base_free(b->base);
	as_log_capture_end();
	b->base = NULL;
	as_base_list_remove(b);
	b->free_pending = false;
}

static void as_base_free_obj(zend_object *obj)
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

as_base *as_base_get_live(zend_object *obj, const char *what)
{
	as_base *b = as_base_from_obj(obj);

	if (UNEXPECTED(!as_base_is_live(b))) {
		zend_throw_error(NULL, "%s: the EventBase %s", what,
			b->was_freed ? "has been freed" : "is not initialised (its constructor was not called)");
		return NULL;
	}
	return b;
}

#define AS_BASE_THIS(b) do { \
		if (UNEXPECTED(!((b) = as_base_get_live(Z_OBJ_P(ZEND_THIS), "EventBase::" AS_METHOD_NAME)))) { \
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
		zend_throw_error(NULL, "EventBase::__construct() cannot be called twice");
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

		zend_throw_exception_ex(php_asyncstream_exception_ce, 0,
			"EventBase::__construct(): no event backend satisfies the %s (%s)",
			zcfg ? "EventConfig" : "defaults", detail ? detail : (err ? strerror(err) : "no details"));
		RETURN_THROWS();
	}
	as_log_capture_end();
	b->fork_gen = as_fork_generation;
	as_base_list_add(b);
}

#define AS_METHOD_NAME "getMethod()"
ZEND_METHOD(EventBase, getMethod)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_STRING(event_base_get_method(b->base));
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "getFeatures()"
ZEND_METHOD(EventBase, getFeatures)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_LONG(event_base_get_features(b->base));
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "priorityInit()"
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
#undef AS_METHOD_NAME

/*
 * Runs event_base_loop() for loop()/dispatch(). Holds a reference on the base for the
 * whole run (a callback may drop every other one), releases the native base afterwards
 * when free() was called inside, and rethrows a callback's exception (G4).
 */
static void as_base_run(as_base *b, int flags, zval *return_value)
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
	zend_try {
		r = event_base_loop(b->base, flags);
	} zend_catch {
		bailout = true;
	} zend_end_try();
	b->loop_depth--;
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

	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(r != -1);
}

#define AS_METHOD_NAME "loop()"
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
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "dispatch()"
ZEND_METHOD(EventBase, dispatch)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	as_base_run(b, 0, return_value);
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "exit()"
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
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "stop()"
ZEND_METHOD(EventBase, stop)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_loopbreak(b->base) == 0);
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "gotStop()"
ZEND_METHOD(EventBase, gotStop)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_got_break(b->base));
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "gotExit()"
ZEND_METHOD(EventBase, gotExit)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_got_exit(b->base));
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "getTimeOfDayCached()"
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
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "updateCacheTime()"
ZEND_METHOD(EventBase, updateCacheTime)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_update_cache_time(b->base) == 0);
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "resume()"
ZEND_METHOD(EventBase, resume)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	RETURN_BOOL(event_base_loopcontinue(b->base) == 0);
}
#undef AS_METHOD_NAME

#define AS_METHOD_NAME "reInit()"
ZEND_METHOD(EventBase, reInit)
{
	as_base *b;

	ZEND_PARSE_PARAMETERS_NONE();
	AS_BASE_THIS(b);
	if (b->fork_gen != as_fork_generation) {
		as_base_reinit_after_fork(b); /* reInit() in a forked child: the same as the automatic one */
		RETURN_TRUE;
	}
	if (event_reinit(b->base) != 0) {
		php_error_docref(NULL, E_WARNING, "cannot reinitialise the event base: %s", strerror(errno));
		RETURN_FALSE;
	}
	RETURN_TRUE;
}
#undef AS_METHOD_NAME

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

/* =================================================================================
 * Event
 * =============================================================================== */

typedef enum {
	AS_EV_KIND_GENERIC = 0, /* new Event(): cb($fd, $what, $arg) */
	AS_EV_KIND_TIMER,       /* Event::timer()/setTimer(): cb($arg) */
	AS_EV_KIND_SIGNAL,      /* Event::signal(): cb($signum, $arg) */
} as_event_kind;

typedef enum {
	AS_EV_UNINIT = 0,       /* created without a constructor (reflection) or construction failed */
	AS_EV_LIVE,
	AS_EV_FREED,            /* Event::free() */
	AS_EV_BASE_FREED,       /* detached by EventBase::free() / base destruction */
} as_event_state;

typedef struct _as_event {
	struct event *ev;          /* NULL once released */
	as_base *base;             /* attached base, NULL when detached */
	as_child link;
	as_callback cb;
	zval fd_src;               /* the $fd the user passed (kept alive, G2); UNDEF for int/-1/signals */
	zval arg;
	evutil_socket_t fd;        /* descriptor, signal number, or -1 */
	short what;
	uint8_t kind;
	uint8_t state;
	uint32_t running;          /* > 0 while the PHP callback is on the stack */
	zend_object std;
} as_event;

static zend_always_inline as_event *as_event_from_obj(zend_object *obj)
{
	return (as_event *)((char *)obj - XtOffsetOf(as_event, std));
}
#define Z_AS_EVENT_P(zv) as_event_from_obj(Z_OBJ_P(zv))

static zend_always_inline as_event *as_event_from_link(as_child *child)
{
	return (as_event *)((char *)child - XtOffsetOf(as_event, link));
}

/* Frees the libevent event unless its callback is running (then the callback does it). */
static void as_event_release_native(as_event *e)
{
	if (e->ev && e->running == 0) {
		event_free(e->ev);
		e->ev = NULL;
	}
}

/*
 * The one teardown path for an Event: free(), base detach and destruction all end here.
 * Deletes the event, drops callback, argument and descriptor source, and unlinks from
 * the base. Safe inside the event's own callback.
 */
static void as_event_teardown(as_event *e, as_event_state why)
{
	zval cb, arg, fd_src;

	if (e->state != AS_EV_LIVE) {
		return;
	}
	e->state = why;
	if (e->ev && e->base && e->base->base) {
		as_base_fork_check(e->base);
		event_del(e->ev);
	}
	as_event_release_native(e);
	/*
	 * Take the values out first and release them last: the callback (a closure that
	 * captured this Event) may hold the last reference to e, and releasing it can free
	 * e (e.g. when the base's destruction detaches us at shutdown). e is not touched after.
	 */
	ZVAL_COPY_VALUE(&cb, &e->cb.callable);
	ZVAL_UNDEF(&e->cb.callable);
	e->cb.cached = false;
	ZVAL_COPY_VALUE(&arg, &e->arg);
	ZVAL_NULL(&e->arg);
	ZVAL_COPY_VALUE(&fd_src, &e->fd_src);
	ZVAL_UNDEF(&e->fd_src);
	if (e->base) {
		as_base *b = e->base;
		e->base = NULL;
		as_base_unlink(b, &e->link);
	}
	zval_ptr_dtor(&cb);
	zval_ptr_dtor(&arg);
	zval_ptr_dtor(&fd_src);
}

static void as_event_detach(as_child *child)
{
	as_event_teardown(as_event_from_link(child), AS_EV_BASE_FREED);
}

static void as_event_cb(evutil_socket_t fd, short what, void *arg)
{
	as_event *e = (as_event *)arg;
	zval args[3];
	uint32_t argc;

	/* G1: deleted or freed since libevent queued it: never call PHP for it. */
	if (UNEXPECTED(e->state != AS_EV_LIVE || !as_callback_isset(&e->cb))) {
		return;
	}

	switch (e->kind) {
		case AS_EV_KIND_TIMER:
			ZVAL_COPY(&args[0], &e->arg);
			argc = 1;
			break;
		case AS_EV_KIND_SIGNAL:
			ZVAL_LONG(&args[0], e->fd);
			ZVAL_COPY(&args[1], &e->arg);
			argc = 2;
			break;
		default:
			if (Z_ISUNDEF(e->fd_src)) {
				ZVAL_LONG(&args[0], e->fd);
			} else {
				ZVAL_COPY(&args[0], &e->fd_src);
			}
			ZVAL_LONG(&args[1], what);
			ZVAL_COPY(&args[2], &e->arg);
			argc = 3;
			break;
	}

	GC_ADDREF(&e->std);
	e->running++;
	as_invoke(e->base, &e->std, &e->cb, argc, args);
	e->running--;
	if (e->state != AS_EV_LIVE) {
		/* freed inside its own callback: the deferred native release */
		as_event_release_native(e);
	}
	OBJ_RELEASE(&e->std);

	for (uint32_t i = 0; i < argc; i++) {
		zval_ptr_dtor(&args[i]);
	}
}

static zend_object *as_event_create(zend_class_entry *ce)
{
	as_event *e = zend_object_alloc(sizeof(as_event), ce);

	zend_object_std_init(&e->std, ce);
	object_properties_init(&e->std, ce);
	e->std.handlers = &as_event_handlers;
	as_callback_init(&e->cb);
	ZVAL_UNDEF(&e->fd_src);
	ZVAL_NULL(&e->arg);
	e->fd = -1;
	e->link.detach = as_event_detach;
	/* Not constructed yet: every method throws until __construct/timer/signal succeed. */
	e->state = AS_EV_UNINIT;
	return &e->std;
}

static void as_event_free_obj(zend_object *obj)
{
	as_event *e = as_event_from_obj(obj);

	as_event_teardown(e, AS_EV_FREED);
	as_event_release_native(e);
	zend_object_std_dtor(obj);
}

static HashTable *as_event_get_gc(zend_object *obj, zval **table, int *n)
{
	as_event *e = as_event_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();

	as_callback_gc(buf, &e->cb);
	zend_get_gc_buffer_add_zval(buf, &e->arg);
	if (!Z_ISUNDEF(e->fd_src)) {
		zend_get_gc_buffer_add_zval(buf, &e->fd_src);
	}
	if (e->base) {
		zend_get_gc_buffer_add_obj(buf, &e->base->std);
	}
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

static bool as_event_is_pending(as_event *e)
{
	return e->state == AS_EV_LIVE && e->ev
		&& event_pending(e->ev, EV_READ | EV_WRITE | EV_SIGNAL | EV_TIMEOUT, NULL);
}

/*
 * Throws Error and returns NULL when the event was freed or its base was. The message
 * names the method the user called (an alias such as addTimer() included).
 */
static as_event *as_event_get_live(zval *zev)
{
	as_event *e = Z_AS_EVENT_P(zev);

	if (UNEXPECTED(e->state != AS_EV_LIVE || !e->ev || !e->base || !as_base_is_live(e->base))) {
		zend_string *method = get_active_function_or_method_name();

		zend_throw_error(NULL, "%s(): %s", ZSTR_VAL(method),
			e->state == AS_EV_FREED ? "the event has been freed"
			: e->state == AS_EV_UNINIT ? "the event is not initialised (its constructor was not called)"
			: "the event's EventBase has been freed");
		zend_string_release(method);
		return NULL;
	}
	return e;
}

/*
 * Validates $what and converts $fd. Sets *fd_out and, for descriptor sources worth
 * keeping alive, copies the zval into fd_src_out. Throws and returns false on bad input.
 */
static bool as_event_parse_fd(zval *zfd, zend_long what, uint32_t fd_arg, uint32_t what_arg,
		evutil_socket_t *fd_out, zval *fd_src_out)
{
	ZVAL_UNDEF(fd_src_out);

	if (what & ~(zend_long)AS_EV_ALL_FLAGS) {
		zend_argument_value_error(what_arg, "must be a mask of Event::* constants, " ZEND_LONG_FMT " given", what);
		return false;
	}
	if (what & EV_SIGNAL) {
		zend_long signum;

		if ((what & (EV_READ | EV_WRITE | EV_ET))) {
			zend_argument_value_error(what_arg, "cannot combine Event::SIGNAL with Event::READ, Event::WRITE or Event::ET");
			return false;
		}
		ZVAL_DEREF(zfd);
		if (Z_TYPE_P(zfd) != IS_LONG) {
			zend_argument_type_error(fd_arg, "must be a signal number (int) with Event::SIGNAL, %s given", zend_zval_type_name(zfd));
			return false;
		}
		signum = Z_LVAL_P(zfd);
		if (signum < 1 || signum >= NSIG) {
			zend_argument_value_error(fd_arg, "must be a signal number between 1 and %d, " ZEND_LONG_FMT " given", NSIG - 1, signum);
			return false;
		}
		*fd_out = (evutil_socket_t)signum;
		return true;
	}

	ZVAL_DEREF(zfd);
	if (Z_TYPE_P(zfd) == IS_NULL || (Z_TYPE_P(zfd) == IS_LONG && Z_LVAL_P(zfd) == -1)) {
		if (what & (EV_READ | EV_WRITE | EV_ET)) {
			zend_argument_value_error(fd_arg, "must be a stream, Socket or descriptor when $what has Event::READ or Event::WRITE, %s given",
				Z_TYPE_P(zfd) == IS_NULL ? "null" : "-1");
			return false;
		}
		*fd_out = -1;
		return true;
	}
	if ((what & EV_ET) && !(what & (EV_READ | EV_WRITE))) {
		zend_argument_value_error(what_arg, "must contain Event::READ or Event::WRITE when it contains Event::ET");
		return false;
	}
	if (!as_zval_to_fd(zfd, fd_arg, fd_out)) {
		return false;
	}
	if (Z_TYPE_P(zfd) != IS_LONG) {
		ZVAL_COPY(fd_src_out, zfd);
	}
	return true;
}

/* (Re)configures e on base b; e must not be pending. Takes ownership of fd_src and arg. */
static bool as_event_assign(as_event *e, as_base *b, evutil_socket_t fd, short what, as_event_kind kind,
		zval *fd_src, zval *arg)
{
	int r;

	as_base_fork_check(b);
	if (e->ev) {
		r = event_assign(e->ev, b->base, fd, what, as_event_cb, e);
	} else {
		e->ev = event_new(b->base, fd, what, as_event_cb, e);
		r = e->ev ? 0 : -1;
	}
	if (r != 0) {
		zval_ptr_dtor(fd_src);
		zval_ptr_dtor(arg);
		return false;
	}
	if (e->base != b) {
		/* The link is one list node: leave the old base's list before joining the new one. */
		if (e->base) {
			as_base *old = e->base;
			e->base = NULL;
			as_base_unlink(old, &e->link);
		}
		as_base_link(b, &e->link);
		e->base = b;
	}
	e->fd = fd;
	e->what = what;
	e->kind = (uint8_t)kind;
	e->state = AS_EV_LIVE;
	zval_ptr_dtor(&e->fd_src);
	ZVAL_COPY_VALUE(&e->fd_src, fd_src);
	zval_ptr_dtor(&e->arg);
	ZVAL_COPY_VALUE(&e->arg, arg);
	return true;
}

static as_base *as_base_arg(zval *zbase, const char *method)
{
	as_base *b = Z_AS_BASE_P(zbase);

	if (UNEXPECTED(!as_base_is_live(b))) {
		zend_throw_error(NULL, "%s: the EventBase given %s", method,
			b->was_freed ? "has been freed" : "is not initialised");
		return NULL;
	}
	return b;
}

ZEND_METHOD(Event, __construct)
{
	zval *zbase, *zfd, *zarg = NULL, fd_src, arg;
	zend_long what;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	evutil_socket_t fd;
	as_event *e = Z_AS_EVENT_P(ZEND_THIS);
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(4, 5)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_ZVAL(zfd)
		Z_PARAM_LONG(what)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (e->state != AS_EV_UNINIT) {
		zend_throw_error(NULL, "Event::__construct() cannot be called twice");
		RETURN_THROWS();
	}
	if (!(b = as_base_arg(zbase, "Event::__construct()"))) {
		RETURN_THROWS();
	}
	if (!as_event_parse_fd(zfd, what, 2, 3, &fd, &fd_src)) {
		RETURN_THROWS();
	}
	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_NULL(&arg);
	}
	if (!as_event_assign(e, b, fd, (short)what, AS_EV_KIND_GENERIC, &fd_src, &arg)) {
		zend_throw_exception_ex(php_asyncstream_exception_ce, 0,
			"Event::__construct(): libevent could not create the event for fd %d", (int)fd);
		RETURN_THROWS();
	}
	as_callback_set(&e->cb, &fci, &fcc);
}

/*
 * The callback shape survives set() as long as it still makes sense: a timer stays a
 * timer (cb($arg)) while it has no descriptor, a signal event stays one while it has
 * Event::SIGNAL; anything else gets the generic shape cb($fd, $what, $arg).
 */
static as_event_kind as_event_kind_after_set(uint8_t kind, zend_long what)
{
	if (kind == AS_EV_KIND_TIMER && !(what & (EV_READ | EV_WRITE | EV_SIGNAL))) {
		return AS_EV_KIND_TIMER;
	}
	if (kind == AS_EV_KIND_SIGNAL && (what & EV_SIGNAL)) {
		return AS_EV_KIND_SIGNAL;
	}
	return AS_EV_KIND_GENERIC;
}

ZEND_METHOD(Event, set)
{
	zval *zbase, *zfd, *zarg = NULL, fd_src, arg;
	zend_long what = 0;
	bool what_null = true;
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	evutil_socket_t fd;
	as_event *e;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(2, 5)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_ZVAL(zfd)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG_OR_NULL(what, what_null)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	if (!(b = as_base_arg(zbase, "Event::set()"))) {
		RETURN_THROWS();
	}
	if (what_null) {
		what = e->what;
	}
	if (!as_event_parse_fd(zfd, what, 2, 3, &fd, &fd_src)) {
		RETURN_THROWS();
	}
	if (as_event_is_pending(e)) {
		zval_ptr_dtor(&fd_src);
		php_error_docref(NULL, E_WARNING, "cannot modify a pending event: call del() first");
		RETURN_FALSE;
	}
	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_COPY(&arg, &e->arg);
	}
	if (!as_event_assign(e, b, fd, (short)what, as_event_kind_after_set(e->kind, what), &fd_src, &arg)) {
		php_error_docref(NULL, E_WARNING, "libevent could not re-assign the event for fd %d", (int)fd);
		RETURN_FALSE;
	}
	if (ZEND_FCI_INITIALIZED(fci)) {
		as_callback_set(&e->cb, &fci, &fcc);
	}
	RETURN_TRUE;
}

ZEND_METHOD(Event, setTimer)
{
	zval *zbase, *zarg = NULL, fd_src, arg;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	as_event *e;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	if (!(b = as_base_arg(zbase, "Event::setTimer()"))) {
		RETURN_THROWS();
	}
	if (as_event_is_pending(e)) {
		php_error_docref(NULL, E_WARNING, "cannot modify a pending event: call del() first");
		RETURN_FALSE;
	}
	ZVAL_UNDEF(&fd_src);
	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_NULL(&arg);
	}
	if (!as_event_assign(e, b, -1, 0, AS_EV_KIND_TIMER, &fd_src, &arg)) {
		php_error_docref(NULL, E_WARNING, "libevent could not re-assign the event as a timer");
		RETURN_FALSE;
	}
	as_callback_set(&e->cb, &fci, &fcc);
	RETURN_TRUE;
}

ZEND_METHOD(Event, add)
{
	double timeout = -1;
	struct timeval tv;
	as_event *e;
	int r;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_DOUBLE(timeout)
	ZEND_PARSE_PARAMETERS_END();

	/* -1 means "no timeout" (ext-event); any other negative value fires at once (G8). */
	if (timeout != -1 && !as_double_to_timeval(timeout, 1, &tv)) {
		RETURN_THROWS();
	}
	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	as_base_fork_check(e->base);
	as_log_capture_begin();
	errno = 0;
	r = event_add(e->ev, timeout == -1 ? NULL : &tv);
	{
		int err = errno;
		const char *detail = as_log_capture_end();

		if (r != 0) {
			if (e->kind == AS_EV_KIND_SIGNAL || (e->what & EV_SIGNAL)) {
				php_error_docref(NULL, E_WARNING, "cannot add the event for signal %d: %s",
					(int)e->fd, detail ? detail : (err ? strerror(err) : "libevent refused it"));
			} else {
				php_error_docref(NULL, E_WARNING, "cannot add the event for fd %d: %s",
					(int)e->fd, err ? strerror(err) : (detail ? detail : "libevent refused it"));
			}
			RETURN_FALSE;
		}
	}
	RETURN_TRUE;
}

ZEND_METHOD(Event, del)
{
	as_event *e;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	as_base_fork_check(e->base);
	RETURN_BOOL(event_del(e->ev) == 0);
}

ZEND_METHOD(Event, removeTimer)
{
	as_event *e;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(event_remove_timer(e->ev) == 0);
}

ZEND_METHOD(Event, setPriority)
{
	zend_long prio;
	as_event *e;
	int n;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(prio)
	ZEND_PARSE_PARAMETERS_END();

	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	n = event_base_get_npriorities(e->base->base);
	if (prio < 0 || prio >= n) {
		zend_argument_value_error(1, "must be between 0 and %d (the base has %d priorities; see EventBase::priorityInit())", n - 1, n);
		RETURN_THROWS();
	}
	if (event_priority_set(e->ev, (int)prio) != 0) {
		php_error_docref(NULL, E_WARNING, "cannot change the priority of an active event");
		RETURN_FALSE;
	}
	RETURN_TRUE;
}

ZEND_METHOD(Event, pending)
{
	zend_long flags;
	as_event *e;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(flags)
	ZEND_PARSE_PARAMETERS_END();

	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	RETURN_BOOL(event_pending(e->ev, (short)(flags & AS_EV_ALL_FLAGS), NULL) != 0);
}

ZEND_METHOD(Event, free)
{
	as_event *e = Z_AS_EVENT_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_NONE();
	if (e->state == AS_EV_UNINIT) {
		/* Never constructed (unserialize()): free() still means "unusable from now on". */
		e->state = AS_EV_FREED;
		return;
	}
	as_event_teardown(e, AS_EV_FREED);
}

ZEND_METHOD(Event, timer)
{
	zval *zbase, *zarg = NULL, fd_src, arg;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	as_base *b;
	as_event *e;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_base_arg(zbase, "Event::timer()"))) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, php_asyncstream_event_ce);
	e = Z_AS_EVENT_P(return_value);
	ZVAL_UNDEF(&fd_src);
	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_NULL(&arg);
	}
	if (!as_event_assign(e, b, -1, 0, AS_EV_KIND_TIMER, &fd_src, &arg)) {
		zval_ptr_dtor(return_value);
		zend_throw_exception(php_asyncstream_exception_ce, "Event::timer(): libevent could not create the timer", 0);
		RETURN_THROWS();
	}
	as_callback_set(&e->cb, &fci, &fcc);
}

ZEND_METHOD(Event, signal)
{
	zval *zbase, *zarg = NULL, fd_src, arg;
	zend_long signum;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	as_base *b;
	as_event *e;

	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_LONG(signum)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (signum < 1 || signum >= NSIG) {
		zend_argument_value_error(2, "must be a signal number between 1 and %d, " ZEND_LONG_FMT " given", NSIG - 1, signum);
		RETURN_THROWS();
	}
	if (!(b = as_base_arg(zbase, "Event::signal()"))) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, php_asyncstream_event_ce);
	e = Z_AS_EVENT_P(return_value);
	ZVAL_UNDEF(&fd_src);
	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_NULL(&arg);
	}
	if (!as_event_assign(e, b, (evutil_socket_t)signum, EV_SIGNAL | EV_PERSIST, AS_EV_KIND_SIGNAL, &fd_src, &arg)) {
		zval_ptr_dtor(return_value);
		zend_throw_exception(php_asyncstream_exception_ce, "Event::signal(): libevent could not create the signal event", 0);
		RETURN_THROWS();
	}
	as_callback_set(&e->cb, &fci, &fcc);
}

ZEND_METHOD(Event, getSupportedMethods)
{
	const char **methods;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	methods = event_get_supported_methods();
	for (int i = 0; methods && methods[i]; i++) {
		add_next_index_string(return_value, methods[i]);
	}
}

/* EventBase::set() lives here: it moves an Event. */
ZEND_METHOD(EventBase, set)
{
	zval *zev, fd_src, arg;
	as_base *b;
	as_event *e;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(zev, php_asyncstream_event_ce)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_base_get_live(Z_OBJ_P(ZEND_THIS), "EventBase::set()"))) {
		RETURN_THROWS();
	}
	if (!(e = as_event_get_live(zev))) {
		RETURN_THROWS();
	}
	if (as_event_is_pending(e)) {
		php_error_docref(NULL, E_WARNING, "cannot move a pending event to another base: call del() first");
		RETURN_FALSE;
	}
	ZVAL_COPY(&fd_src, &e->fd_src);
	ZVAL_COPY(&arg, &e->arg);
	if (!as_event_assign(e, b, e->fd, e->what, (as_event_kind)e->kind, &fd_src, &arg)) {
		php_error_docref(NULL, E_WARNING, "libevent could not move the event for fd %d to this base", (int)e->fd);
		RETURN_FALSE;
	}
	RETURN_TRUE;
}

/* ---- the virtual read-only property $pending ---- */

static bool as_is_pending_name(zend_string *name)
{
	return zend_string_equals_literal(name, "pending");
}

static zval *as_event_read_property(zend_object *obj, zend_string *name, int type, void **cache_slot, zval *rv)
{
	if (as_is_pending_name(name)) {
		if (type == BP_VAR_W || type == BP_VAR_RW || type == BP_VAR_UNSET) {
			zend_throw_error(NULL, "Cannot modify readonly property Event::$pending");
			return &EG(uninitialized_zval);
		}
		ZVAL_BOOL(rv, as_event_is_pending(as_event_from_obj(obj)));
		return rv;
	}
	return zend_std_read_property(obj, name, type, cache_slot, rv);
}

static zval *as_event_write_property(zend_object *obj, zend_string *name, zval *value, void **cache_slot)
{
	if (as_is_pending_name(name)) {
		zend_throw_error(NULL, "Cannot modify readonly property Event::$pending");
		return &EG(error_zval);
	}
	return zend_std_write_property(obj, name, value, cache_slot);
}

static int as_event_has_property(zend_object *obj, zend_string *name, int has_set_exists, void **cache_slot)
{
	if (as_is_pending_name(name)) {
		if (has_set_exists == ZEND_PROPERTY_NOT_EMPTY) {
			return as_event_is_pending(as_event_from_obj(obj));
		}
		return 1;
	}
	return zend_std_has_property(obj, name, has_set_exists, cache_slot);
}

static void as_event_unset_property(zend_object *obj, zend_string *name, void **cache_slot)
{
	if (as_is_pending_name(name)) {
		zend_throw_error(NULL, "Cannot unset readonly property Event::$pending");
		return;
	}
	zend_std_unset_property(obj, name, cache_slot);
}

static zval *as_event_get_property_ptr_ptr(zend_object *obj, zend_string *name, int type, void **cache_slot)
{
	if (as_is_pending_name(name)) {
		return NULL; /* go through read_property/write_property */
	}
	return zend_std_get_property_ptr_ptr(obj, name, type, cache_slot);
}

static HashTable *as_event_get_debug_info(zend_object *obj, int *is_temp)
{
	HashTable *props = zend_std_get_properties(obj);
	HashTable *ht = zend_array_dup(props);
	zval pending;

	ZVAL_BOOL(&pending, as_event_is_pending(as_event_from_obj(obj)));
	zend_hash_str_update(ht, "pending", sizeof("pending") - 1, &pending);
	*is_temp = 1;
	return ht;
}

/* =================================================================================
 * EventUtil
 * =============================================================================== */

/* EventUtil has a private constructor; reflection can still make one, with identity comparison. */
static zend_object *as_util_create(zend_class_entry *ce)
{
	zend_object *obj = zend_objects_new(ce);

	object_properties_init(obj, ce);
	obj->handlers = &as_util_handlers;
	return obj;
}

ZEND_METHOD(EventUtil, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

ZEND_METHOD(EventUtil, getSocketFd)
{
	zval *zsock;
	evutil_socket_t fd;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	RETURN_LONG(fd);
}

ZEND_METHOD(EventUtil, getSocketName)
{
	zval *zsock, *zaddr, *zport = NULL;
	evutil_socket_t fd;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char buf[INET6_ADDRSTRLEN];

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_ZVAL(zsock)
		Z_PARAM_ZVAL(zaddr)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zport)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	memset(&ss, 0, sizeof(ss));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		php_error_docref(NULL, E_WARNING, "getsockname() failed on fd %d: %s", (int)fd, strerror(errno));
		RETURN_FALSE;
	}
	switch (ss.ss_family) {
		case AF_INET: {
			struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
			ZEND_TRY_ASSIGN_REF_STRING(zaddr, buf);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_LONG(zport, ntohs(sin->sin_port));
			}
			break;
		}
		case AF_INET6: {
			struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
			ZEND_TRY_ASSIGN_REF_STRING(zaddr, buf);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_LONG(zport, ntohs(sin6->sin6_port));
			}
			break;
		}
		case AF_UNIX: {
			struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
			size_t plen = len > offsetof(struct sockaddr_un, sun_path) ? strnlen(sun->sun_path, len - offsetof(struct sockaddr_un, sun_path)) : 0;
			ZEND_TRY_ASSIGN_REF_STRINGL(zaddr, sun->sun_path, plen);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_NULL(zport);
			}
			break;
		}
		default:
			php_error_docref(NULL, E_WARNING, "fd %d has an unsupported address family %d", (int)fd, (int)ss.ss_family);
			RETURN_FALSE;
	}
	RETURN_TRUE;
}

static bool as_array_long(HashTable *ht, const char *key, uint32_t arg_num, zend_long *out)
{
	zval *v = zend_hash_str_find(ht, key, strlen(key));

	if (!v) {
		zend_argument_value_error(arg_num, "must have the key \"%s\"", key);
		return false;
	}
	*out = zval_get_long(v);
	return true;
}

ZEND_METHOD(EventUtil, setSocketOption)
{
	zval *zsock, *zval_opt;
	zend_long level, optname;
	evutil_socket_t fd;
	int r;

	ZEND_PARSE_PARAMETERS_START(4, 4)
		Z_PARAM_ZVAL(zsock)
		Z_PARAM_LONG(level)
		Z_PARAM_LONG(optname)
		Z_PARAM_ZVAL(zval_opt)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	if (level == SOL_SOCKET && optname == SO_LINGER) {
		struct linger l;
		zend_long onoff, linger;

		if (Z_TYPE_P(zval_opt) != IS_ARRAY) {
			zend_argument_type_error(4, "must be an array with keys \"l_onoff\" and \"l_linger\" for SO_LINGER, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		if (!as_array_long(Z_ARRVAL_P(zval_opt), "l_onoff", 4, &onoff) || !as_array_long(Z_ARRVAL_P(zval_opt), "l_linger", 4, &linger)) {
			RETURN_THROWS();
		}
		l.l_onoff = (int)onoff;
		l.l_linger = (int)linger;
		r = setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	} else if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO)) {
		struct timeval tv;
		zend_long sec, usec;

		if (Z_TYPE_P(zval_opt) != IS_ARRAY) {
			zend_argument_type_error(4, "must be an array with keys \"sec\" and \"usec\" for SO_RCVTIMEO/SO_SNDTIMEO, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		if (!as_array_long(Z_ARRVAL_P(zval_opt), "sec", 4, &sec) || !as_array_long(Z_ARRVAL_P(zval_opt), "usec", 4, &usec)) {
			RETURN_THROWS();
		}
		tv.tv_sec = (time_t)sec;
		tv.tv_usec = (suseconds_t)usec;
		r = setsockopt(fd, SOL_SOCKET, (int)optname, &tv, sizeof(tv));
	} else {
		int v;

		if (Z_TYPE_P(zval_opt) == IS_ARRAY || Z_TYPE_P(zval_opt) == IS_OBJECT) {
			zend_argument_type_error(4, "must be of type int for this option, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		v = (int)zval_get_long(zval_opt);
		r = setsockopt(fd, (int)level, (int)optname, &v, sizeof(v));
	}
	if (r != 0) {
		php_error_docref(NULL, E_WARNING, "setsockopt(level " ZEND_LONG_FMT ", option " ZEND_LONG_FMT ") failed on fd %d: %s",
			level, optname, (int)fd, strerror(errno));
		RETURN_FALSE;
	}
	RETURN_TRUE;
}

/* The pending error of a socket, or this process's last errno. */
static int as_socket_errno(zval *zsock, bool *ok)
{
	evutil_socket_t fd;
	int err = 0;
	socklen_t len = sizeof(err);

	*ok = true;
	if (!zsock || Z_TYPE_P(zsock) == IS_NULL) {
		return errno;
	}
	if (!as_zval_to_fd(zsock, 1, &fd)) {
		*ok = false;
		return 0;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
		return errno;
	}
	return err;
}

ZEND_METHOD(EventUtil, getLastSocketErrno)
{
	zval *zsock = NULL;
	bool ok;
	int err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OR_NULL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	err = as_socket_errno(zsock, &ok);
	if (!ok) {
		RETURN_THROWS();
	}
	RETURN_LONG(err);
}

ZEND_METHOD(EventUtil, getLastSocketError)
{
	zval *zsock = NULL;
	bool ok;
	int err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	err = as_socket_errno(zsock, &ok);
	if (!ok) {
		RETURN_THROWS();
	}
	RETURN_STRING(strerror(err));
}

/* =================================================================================
 * Registration
 * =============================================================================== */

/*
 * Every class compares by identity (zend_objects_not_comparable, as PHP's own resource-like
 * classes do): == is true only for the same object, so two different events, bases or
 * streams are never "equal" (a non-strict in_array()/array_search() finds the right one).
 */
zend_result as_event_register(void)
{
	php_asyncstream_exception_ce = register_class_EventException(zend_ce_exception);

	php_asyncstream_config_ce = register_class_EventConfig();
	php_asyncstream_config_ce->create_object = as_config_create;
	memcpy(&as_config_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_config_handlers.offset = XtOffsetOf(as_config, std);
	as_config_handlers.free_obj = as_config_free;
	as_config_handlers.clone_obj = NULL;
	as_config_handlers.compare = zend_objects_not_comparable;

	php_asyncstream_base_ce = register_class_EventBase();
	php_asyncstream_base_ce->create_object = as_base_create;
	memcpy(&as_base_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_base_handlers.offset = XtOffsetOf(as_base, std);
	as_base_handlers.free_obj = as_base_free_obj;
	as_base_handlers.clone_obj = NULL;
	as_base_handlers.compare = zend_objects_not_comparable;
	as_base_handlers.get_gc = as_base_get_gc;

	php_asyncstream_event_ce = register_class_Event();
	php_asyncstream_event_ce->create_object = as_event_create;
	memcpy(&as_event_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_event_handlers.offset = XtOffsetOf(as_event, std);
	as_event_handlers.free_obj = as_event_free_obj;
	as_event_handlers.clone_obj = NULL;
	as_event_handlers.compare = zend_objects_not_comparable;
	as_event_handlers.get_gc = as_event_get_gc;
	as_event_handlers.read_property = as_event_read_property;
	as_event_handlers.write_property = as_event_write_property;
	as_event_handlers.has_property = as_event_has_property;
	as_event_handlers.unset_property = as_event_unset_property;
	as_event_handlers.get_property_ptr_ptr = as_event_get_property_ptr_ptr;
	as_event_handlers.get_debug_info = as_event_get_debug_info;

	php_asyncstream_util_ce = register_class_EventUtil();
	php_asyncstream_util_ce->create_object = as_util_create;
	memcpy(&as_util_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_util_handlers.clone_obj = NULL;
	as_util_handlers.compare = zend_objects_not_comparable;

	return SUCCESS;
}
