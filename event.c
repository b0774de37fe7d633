/*
 * Event (ext-event compatible): one libevent event (descriptor, timer or signal) with a
 * PHP callback.
 *
 * Ownership (G2): an Event holds a reference on its EventBase (through its child link)
 * and on the zval of its descriptor source. A libevent `struct event` is never freed
 * while its PHP callback is on the stack (G1): the release is deferred to the end of
 * that callback.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

zend_class_entry *php_asyncstream_event_ce;

static zend_object_handlers as_event_handlers;

#define AS_EV_ALL_FLAGS (EV_TIMEOUT | EV_READ | EV_WRITE | EV_SIGNAL | EV_PERSIST | EV_ET)

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

/*
 * $data IS the callback's $arg (ext-event): one slot, the declared property's own, so
 * reads and writes through the property need no handler, the GC sees it once (with the
 * other properties), and the constructor, set() and setTimer() write the same slot.
 */
static zend_property_info *as_event_data_info;

static zend_always_inline zval *as_event_data_slot(as_event *e)
{
	return OBJ_PROP(&e->std, as_event_data_info->offset);
}

/* Copies the current $data into dst (null when the property was unset). */
static void as_event_copy_data(as_event *e, zval *dst)
{
	zval *slot = as_event_data_slot(e);

	ZVAL_DEREF(slot);
	if (Z_ISUNDEF_P(slot)) {
		ZVAL_NULL(dst);
	} else {
		ZVAL_COPY(dst, slot);
	}
}

/*
 * Puts value (whose reference moves in) into $data and moves the previous content to
 * *old for the caller to release. A PHP reference bound to $data (`$r = &$e->data`) is
 * let go rather than written through: $data now holds the new $arg itself.
 */
static void as_event_swap_data(as_event *e, zval *value, zval *old)
{
	zval *slot = as_event_data_slot(e);

	if (Z_ISREF_P(slot) && ZEND_REF_HAS_TYPE_SOURCES(Z_REF_P(slot))) {
		ZEND_REF_DEL_TYPE_SOURCE(Z_REF_P(slot), as_event_data_info);
	}
	ZVAL_COPY_VALUE(old, slot);
	ZVAL_COPY_VALUE(slot, value);
}

/* Frees the libevent event unless its callback is running (then the callback does it). */
static void as_event_release_native(as_event *e)
{
	if (e->running == 0) {
		as_event_free_ptr(&e->ev);
	}
}

/*
 * The one teardown path for an Event: free(), base detach and destruction all end here.
 * Deletes the event, drops callback, argument and descriptor source, and unlinks from
 * the base. Safe inside the event's own callback.
 */
AS_RUNS_PHP static void as_event_teardown(as_event *e, as_event_state why)
{
	as_callback *cbs[1] = { &e->cb };
	zval cb, fd_src;

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
	as_callbacks_take(cbs, 1, &cb);
	ZVAL_COPY_VALUE(&fd_src, &e->fd_src);
	ZVAL_UNDEF(&e->fd_src);
	if (e->base) {
		as_base *b = e->base;
		e->base = NULL;
		as_base_unlink(b, &e->link);
	}
	zval_ptr_dtor(&cb);
	zval_ptr_dtor(&fd_src);
}

AS_RUNS_PHP static void as_event_detach(as_child *child)
{
	as_event_teardown(as_event_from_link(child), AS_EV_BASE_FREED);
}

AS_RUNS_PHP static void as_event_cb(evutil_socket_t fd, short what, void *arg)
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
			as_event_copy_data(e, &args[0]);
			argc = 1;
			break;
		case AS_EV_KIND_SIGNAL:
			ZVAL_LONG(&args[0], e->fd);
			as_event_copy_data(e, &args[1]);
			argc = 2;
			break;
		default:
			if (Z_ISUNDEF(e->fd_src)) {
				ZVAL_LONG(&args[0], e->fd);
			} else {
				ZVAL_COPY(&args[0], &e->fd_src);
			}
			ZVAL_LONG(&args[1], what);
			as_event_copy_data(e, &args[2]);
			argc = 3;
			break;
	}

	AS_GUARD_ENTER(&e->std, e->running);
	as_invoke(e->base, &e->std, &e->cb, argc, args);
	/* Freed inside its own callback: the deferred native release. */
	AS_GUARD_LEAVE(&e->std, e->running, e->state != AS_EV_LIVE, as_event_release_native(e));

	for (uint32_t i = 0; i < argc; i++) {
		zval_ptr_dtor(&args[i]); /* the last reference to a replaced $data, say: its destructor may throw */
	}
	as_loop_break_if_exception();
}

static zend_object *as_event_create(zend_class_entry *ce)
{
	as_event *e = zend_object_alloc(sizeof(as_event), ce);

	zend_object_std_init(&e->std, ce);
	object_properties_init(&e->std, ce);
	e->std.handlers = &as_event_handlers;
	as_callback_init(&e->cb);
	ZVAL_UNDEF(&e->fd_src);
	e->fd = -1;
	e->link.detach = as_event_detach;
	/* Not constructed yet: every method throws until __construct/timer/signal succeed. */
	e->state = AS_EV_UNINIT;
	return &e->std;
}

AS_RUNS_PHP static void as_event_free_obj(zend_object *obj)
{
	as_event *e = as_event_from_obj(obj);

	as_event_teardown(e, AS_EV_FREED);
	as_event_release_native(e);
	zend_object_std_dtor(obj);
}

static HashTable *as_event_get_gc(zend_object *obj, zval **table, int *n)
{
	as_event *e = as_event_from_obj(obj);
	as_callback *cbs[1] = { &e->cb };
	/* $data is a declared property: reported with the properties as_child_get_gc() returns. */
	zval *extra[1] = { &e->fd_src };

	return as_child_get_gc(obj, table, n, cbs, 1, extra, 1, e->base);
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
		as_throw(NULL, 0, "%s",
			e->state == AS_EV_FREED ? "the event has been freed"
			: e->state == AS_EV_UNINIT ? "the event is not initialised (its constructor was not called)"
			: "the event's EventBase has been freed");
		return NULL;
	}
	return e;
}

/* set() and setTimer(): the live Event and, in *b, the live base it goes to; NULL after throwing. */
static as_event *as_event_get_live_for(zval *zev, zval *zbase, as_base **b)
{
	as_event *e;

	if (!(e = as_event_get_live(zev))) {
		return NULL;
	}
	if (!(*b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		return NULL;
	}
	return e;
}

/*
 * Validates $what and converts $fd. Sets *fd_out and, for descriptor sources worth
 * keeping alive, copies the zval into fd_src_out. Throws and returns false on bad input.
 */
AS_RUNS_PHP static bool as_event_parse_fd(zval *zfd, zend_long what, uint32_t fd_arg, uint32_t what_arg,
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

/*
 * What an update took out of an Event: the previous descriptor source, $data and base
 * reference. Releasing them may run user code (destructors, and a base's destruction
 * detaching its other events), so the caller releases them only once the Event is in its
 * final state — new callback included — and touches nothing after (G12).
 */
typedef struct _as_event_garbage {
	zval v[3];
} as_event_garbage;

static void as_event_garbage_init(as_event_garbage *g)
{
	for (size_t i = 0; i < sizeof(g->v) / sizeof(g->v[0]); i++) {
		ZVAL_UNDEF(&g->v[i]);
	}
}

AS_RUNS_PHP static void as_event_garbage_release(as_event_garbage *g)
{
	as_zvals_release(g->v, sizeof(g->v) / sizeof(g->v[0]));
}

/*
 * (Re)configures e on base b; e must not be pending. Takes ownership of fd_src and arg;
 * arg NULL keeps $data as it is. Runs no PHP: what it replaces goes to *g.
 */
static bool as_event_assign(as_event *e, as_base *b, evutil_socket_t fd, short what, as_event_kind kind,
		zval *fd_src, zval *arg, as_event_garbage *g)
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
		zval_ptr_dtor(fd_src); /* copies of the caller's arguments: no destructor can run */
		if (arg) {
			zval_ptr_dtor(arg);
		}
		return false;
	}
	if (e->base != b) {
		/* The link is one list node: leave the old base's list before joining the new one. */
		if (e->base) {
			/* Our reference on the old base goes to g: its destruction may run user code. */
			as_base *old = e->base;
			e->base = NULL;
			GC_ADDREF(&old->std);
			as_base_unlink(old, &e->link);
			ZVAL_OBJ(&g->v[2], &old->std);
		}
		as_base_link(b, &e->link);
		e->base = b;
	}
	e->fd = fd;
	e->what = what;
	e->kind = (uint8_t)kind;
	e->state = AS_EV_LIVE;
	ZVAL_COPY_VALUE(&g->v[0], &e->fd_src);
	ZVAL_COPY_VALUE(&e->fd_src, fd_src);
	if (arg) {
		as_event_swap_data(e, arg, &g->v[1]);
	}
	return true;
}

/*
 * as_event_assign() with $data replaced by a copy of zarg, or by null when zarg is NULL
 * (the constructor, setTimer(), timer() and signal()); initialises *g first.
 */
static bool as_event_assign_arg(as_event *e, as_base *b, evutil_socket_t fd, short what, as_event_kind kind,
		zval *fd_src, zval *zarg, as_event_garbage *g)
{
	zval arg;

	if (zarg) {
		ZVAL_COPY(&arg, zarg);
	} else {
		ZVAL_NULL(&arg);
	}
	as_event_garbage_init(g);
	return as_event_assign(e, b, fd, what, kind, fd_src, &arg, g);
}

ZEND_METHOD(Event, __construct)
{
	zval *zbase, *zfd, *zarg = NULL, fd_src;
	as_event_garbage g;
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
		as_throw_constructed_twice();
		RETURN_THROWS();
	}
	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		RETURN_THROWS();
	}
	if (!as_event_parse_fd(zfd, what, 2, 3, &fd, &fd_src)) {
		RETURN_THROWS();
	}
	if (!as_event_assign_arg(e, b, fd, (short)what, AS_EV_KIND_GENERIC, &fd_src, zarg, &g)) {
		as_throw(php_asyncstream_exception_ce, 0, "libevent could not create the event for fd %d", (int)fd);
		RETURN_THROWS();
	}
	as_callback_set(&e->cb, &fci, &fcc);
	as_event_garbage_release(&g);
	AS_DIAG_FLUSH();
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
	as_event_garbage g;
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

	if (!(e = as_event_get_live_for(ZEND_THIS, zbase, &b))) {
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
	}
	as_event_garbage_init(&g);
	if (!as_event_assign(e, b, fd, (short)what, as_event_kind_after_set(e->kind, what), &fd_src, zarg ? &arg : NULL, &g)) {
		php_error_docref(NULL, E_WARNING, "libevent could not re-assign the event for fd %d", (int)fd);
		RETURN_FALSE;
	}
	/* The event is complete (new callback in place) before anything old is released. */
	if (ZEND_FCI_INITIALIZED(fci)) {
		as_callback_set(&e->cb, &fci, &fcc);
	}
	RETVAL_TRUE;
	as_event_garbage_release(&g);
	AS_DIAG_FLUSH();
}

ZEND_METHOD(Event, setTimer)
{
	zval *zbase, *zarg = NULL, fd_src;
	as_event_garbage g;
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

	if (!(e = as_event_get_live_for(ZEND_THIS, zbase, &b))) {
		RETURN_THROWS();
	}
	if (as_event_is_pending(e)) {
		php_error_docref(NULL, E_WARNING, "cannot modify a pending event: call del() first");
		RETURN_FALSE;
	}
	ZVAL_UNDEF(&fd_src);
	if (!as_event_assign_arg(e, b, -1, 0, AS_EV_KIND_TIMER, &fd_src, zarg, &g)) {
		php_error_docref(NULL, E_WARNING, "libevent could not re-assign the event as a timer");
		RETURN_FALSE;
	}
	as_callback_set(&e->cb, &fci, &fcc);
	RETVAL_TRUE;
	as_event_garbage_release(&g);
	AS_DIAG_FLUSH();
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
			AS_DIAG_FLUSH();
			RETURN_FALSE;
		}
	}
	RETVAL_TRUE;
	AS_DIAG_FLUSH(); /* e.g. a failed re-initialisation after fork() */
}

ZEND_METHOD(Event, del)
{
	as_event *e;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(e = as_event_get_live(ZEND_THIS))) {
		RETURN_THROWS();
	}
	as_base_fork_check(e->base);
	RETVAL_BOOL(event_del(e->ev) == 0);
	AS_DIAG_FLUSH();
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
	AS_DIAG_FLUSH();
}

/* Event::timer() and Event::signal(): a new Event in return_value, or false (released) when libevent refuses. */
AS_RUNS_PHP static bool as_event_new(zval *return_value, as_base *b, evutil_socket_t fd, short what, as_event_kind kind,
	zval *zarg, zend_fcall_info *fci, zend_fcall_info_cache *fcc)
{
	zval fd_src;
	as_event *e;
	as_event_garbage g;

	object_init_ex(return_value, php_asyncstream_event_ce);
	e = Z_AS_EVENT_P(return_value);
	ZVAL_UNDEF(&fd_src);
	if (!as_event_assign_arg(e, b, fd, what, kind, &fd_src, zarg, &g)) {
		zval_ptr_dtor(return_value);
		return false;
	}
	as_callback_set(&e->cb, fci, fcc);
	as_event_garbage_release(&g);
	return true;
}

ZEND_METHOD(Event, timer)
{
	zval *zbase, *zarg = NULL;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	as_base *b;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zbase, php_asyncstream_base_ce)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zarg)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		RETURN_THROWS();
	}
	if (!as_event_new(return_value, b, -1, 0, AS_EV_KIND_TIMER, zarg, &fci, &fcc)) {
		as_throw(php_asyncstream_exception_ce, 0, "libevent could not create the timer");
		RETURN_THROWS();
	}
	AS_DIAG_FLUSH();
}

ZEND_METHOD(Event, signal)
{
	zval *zbase, *zarg = NULL;
	zend_long signum;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	as_base *b;

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
	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(zbase), true))) {
		RETURN_THROWS();
	}
	if (!as_event_new(return_value, b, (evutil_socket_t)signum, EV_SIGNAL | EV_PERSIST, AS_EV_KIND_SIGNAL, zarg, &fci, &fcc)) {
		as_throw(php_asyncstream_exception_ce, 0, "libevent could not create the signal event");
		RETURN_THROWS();
	}
	AS_DIAG_FLUSH();
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
	zval *zev, fd_src;
	as_base *b;
	as_event *e;
	as_event_garbage g;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(zev, php_asyncstream_event_ce)
	ZEND_PARSE_PARAMETERS_END();

	if (!(b = as_base_live_or_throw(Z_AS_BASE_P(ZEND_THIS), false))) {
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
	as_event_garbage_init(&g);
	if (!as_event_assign(e, b, e->fd, e->what, (as_event_kind)e->kind, &fd_src, NULL, &g)) {
		php_error_docref(NULL, E_WARNING, "libevent could not move the event for fd %d to this base", (int)e->fd);
		RETURN_FALSE;
	}
	RETVAL_TRUE;
	as_event_garbage_release(&g);
	AS_DIAG_FLUSH();
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

void as_event_class_init(zend_class_entry *ce)
{
	ce->create_object = as_event_create;
	as_event_data_info = zend_hash_str_find_ptr(&ce->properties_info, "data", sizeof("data") - 1);
	ZEND_ASSERT(as_event_data_info && !(as_event_data_info->flags & ZEND_ACC_STATIC));
	memcpy(&as_event_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_event_handlers.offset = XtOffsetOf(as_event, std);
	as_event_handlers.free_obj = as_event_free_obj;
	as_event_handlers.clone_obj = NULL;
	as_event_handlers.compare = zend_objects_not_comparable; /* == is identity */
	as_event_handlers.get_gc = as_event_get_gc;
	as_event_handlers.read_property = as_event_read_property;
	as_event_handlers.write_property = as_event_write_property;
	as_event_handlers.has_property = as_event_has_property;
	as_event_handlers.unset_property = as_event_unset_property;
	as_event_handlers.get_property_ptr_ptr = as_event_get_property_ptr_ptr;
	as_event_handlers.get_debug_info = as_event_get_debug_info;
}
