/*
 * Module entry: MINIT/MSHUTDOWN/RINIT/RSHUTDOWN/MINFO, the ext-event conflict check,
 * the fork hook (G5) and libevent log routing (G6).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php_asyncstream.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "zend_smart_str.h"

#include <pthread.h>
#include <string.h>

#if defined(ZTS) && defined(COMPILE_DL_ASYNCSTREAM)
ZEND_TSRMLS_CACHE_DEFINE()
#endif

/* ---------------------------------------------------------------------------------
 * Fork (G5): every base compares its generation with this one before touching libevent.
 * ------------------------------------------------------------------------------- */
static void as_atfork_child(void)
{
	as_fork_generation++;
	as_bases_after_fork();
}

/* ---------------------------------------------------------------------------------
 * libevent's log (G6): never raw to stderr.
 * ------------------------------------------------------------------------------- */
static bool as_in_request = false;
static bool as_log_capturing = false;
static char as_log_last[512];
static bool as_log_have_last = false;

void as_log_capture_begin(void)
{
	as_log_capturing = true;
	as_log_have_last = false;
}

const char *as_log_capture_end(void)
{
	as_log_capturing = false;
	return as_log_have_last ? as_log_last : NULL;
}

static void as_log_cb(int severity, const char *msg)
{
	if (severity < EVENT_LOG_WARN) {
		return; /* debug and informational chatter */
	}
	/*
	 * libevent lets one base at a time own the signals and warns when another one adds
	 * some. The base that runs loop() takes them over (libevent does that on each
	 * loop), which is the behaviour asyncstream documents: not worth a warning.
	 */
	if (strstr(msg, "Only one can have signals at a time")) {
		return;
	}
	/*
	 * evsig_handler() logs this from inside the signal handler, when a signal arrives after
	 * the base that owned signal delivery was freed while another base still has signal
	 * events (that base takes delivery over when it next runs loop()). Nothing may reach
	 * PHP from a signal handler: drop it.
	 */
	if (strstr(msg, "but have no base configured")) {
		return;
	}
	if (as_log_capturing) {
		strlcpy(as_log_last, msg, sizeof(as_log_last));
		as_log_have_last = true;
		return;
	}
	if (as_in_request) {
		php_error_docref(NULL, E_WARNING, "libevent: %s", msg);
	}
}

static void as_fatal_cb(int err)
{
	/* libevent would abort(); end the request with a PHP fatal error instead. */
	zend_error_noreturn(E_ERROR, "asyncstream: libevent hit an internal error (code %d)%s%s", err,
		as_log_have_last ? ": " : "", as_log_have_last ? as_log_last : "");
}

/* ---------------------------------------------------------------------------------
 * Module
 * ------------------------------------------------------------------------------- */
static PHP_MINIT_FUNCTION(asyncstream)
{
	static bool atfork_registered = false;

	/* Both extensions declare EventBase, Event, ...: only one may run. */
	if (zend_hash_str_exists(CG(class_table), "eventbase", sizeof("eventbase") - 1)) {
		zend_error(E_CORE_WARNING,
			"asyncstream cannot start: the class EventBase is already declared, most likely by the PECL "
			"\"event\" extension. asyncstream provides the same classes; load only one of the two");
		return FAILURE;
	}

	if (as_event_register() != SUCCESS || as_stream_register(module_number) != SUCCESS
			|| as_server_register() != SUCCESS) {
		return FAILURE;
	}

	event_set_log_callback(as_log_cb);
	event_set_fatal_callback(as_fatal_cb);
	if (!atfork_registered) {
		pthread_atfork(NULL, NULL, as_atfork_child);
		atfork_registered = true;
	}
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(asyncstream)
{
	UNREGISTER_INI_ENTRIES();
	event_set_log_callback(NULL);
	event_set_fatal_callback(NULL);
#if LIBEVENT_VERSION_NUMBER >= 0x02010100
	/* Frees libevent's process-wide state, so leak checkers see a clean exit. */
	libevent_global_shutdown();
#endif
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(asyncstream)
{
#if defined(ZTS) && defined(COMPILE_DL_ASYNCSTREAM)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	as_in_request = true;
	return SUCCESS;
}

/* See as_release_after_destructors(). */
ZEND_TLS zend_object **as_deferred;
ZEND_TLS uint32_t as_deferred_n, as_deferred_cap;

void as_release_after_destructors(zend_object *obj)
{
	if (as_deferred_n == as_deferred_cap) {
		as_deferred_cap = as_deferred_cap ? as_deferred_cap * 2 : 16;
		as_deferred = erealloc(as_deferred, as_deferred_cap * sizeof(*as_deferred));
	}
	as_deferred[as_deferred_n++] = obj;
}

static PHP_RSHUTDOWN_FUNCTION(asyncstream)
{
	/* After the destructor pass, before the object store is torn down: a release here frees. */
	for (uint32_t i = 0; i < as_deferred_n; i++) {
		OBJ_RELEASE(as_deferred[i]);
	}
	if (as_deferred) {
		efree(as_deferred);
	}
	as_deferred = NULL;
	as_deferred_n = as_deferred_cap = 0;
	as_in_request = false;
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(asyncstream)
{
	char hdr[32];
	const char **methods = event_get_supported_methods();
	smart_str backends = {0};
	struct event_base *probe;

	snprintf(hdr, sizeof(hdr), "%s", LIBEVENT_VERSION);
	for (int i = 0; methods && methods[i]; i++) {
		if (i) {
			smart_str_appends(&backends, ", ");
		}
		smart_str_appends(&backends, methods[i]);
	}
	smart_str_0(&backends);
	probe = event_base_new();

	php_info_print_table_start();
	php_info_print_table_row(2, "asyncstream support", "enabled");
	php_info_print_table_row(2, "Extension version", PHP_ASYNCSTREAM_VERSION);
	php_info_print_table_row(2, "libevent headers version", hdr);
	php_info_print_table_row(2, "libevent library version", event_get_version());
	php_info_print_table_row(2, "Backend method", probe ? event_base_get_method(probe) : "unavailable");
	php_info_print_table_row(2, "Supported backends", backends.s ? ZSTR_VAL(backends.s) : "");
	php_info_print_table_row(2, "Event loop API", "ext-event 3.x core (EventBase, Event, EventConfig, EventUtil)");
	php_info_print_table_row(2, "Streams", "AsyncStream, AsyncStreamServer (TCP, unix)");
	php_info_print_table_row(2, "DNS (evdns, nonblocking)", "yes");
	php_info_print_table_row(2, "OpenSSL (TLS)", "not yet");
#ifdef AS_HAVE_SOCKETS_HEADER
	php_info_print_table_row(2, "Socket objects (ext/sockets)", "accepted when ext/sockets is loaded");
#else
	php_info_print_table_row(2, "Socket objects (ext/sockets)", "not supported by this build");
#endif
	php_info_print_table_end();

	DISPLAY_INI_ENTRIES();

	if (probe) {
		event_base_free(probe);
	}
	smart_str_free(&backends);
}

static const zend_module_dep asyncstream_deps[] = {
	ZEND_MOD_OPTIONAL("sockets")
	ZEND_MOD_CONFLICTS("event")
	ZEND_MOD_END
};

zend_module_entry asyncstream_module_entry = {
	STANDARD_MODULE_HEADER_EX,
	NULL,
	asyncstream_deps,
	"asyncstream",
	NULL,
	PHP_MINIT(asyncstream),
	PHP_MSHUTDOWN(asyncstream),
	PHP_RINIT(asyncstream),
	PHP_RSHUTDOWN(asyncstream),
	PHP_MINFO(asyncstream),
	PHP_ASYNCSTREAM_VERSION,
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_ASYNCSTREAM
# ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(asyncstream)
#endif
