/*
 * EventConfig (ext-event compatible): a libevent event_config that EventBase's
 * constructor reads.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "zend_exceptions.h"

zend_class_entry *php_asyncstream_config_ce;

static zend_object_handlers as_config_handlers;

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

void as_config_class_init(zend_class_entry *ce)
{
	ce->create_object = as_config_create;
	memcpy(&as_config_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_config_handlers.offset = XtOffsetOf(as_config, std);
	as_config_handlers.free_obj = as_config_free;
	as_config_handlers.clone_obj = NULL;
	as_config_handlers.compare = zend_objects_not_comparable; /* == is identity */
}
