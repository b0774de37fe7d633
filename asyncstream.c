/*
 * The module: MINIT/MSHUTDOWN/RINIT/RSHUTDOWN/MINFO, the module globals (all
 * per-request state), the ini entries, the ext-event conflict check, the one include of
 * the generated arginfo, and the registration of every class.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "uring.h"
#include "php_ini.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "ext/standard/info.h"
#include "zend_smart_str.h"

#include <string.h>

#include "as_tls.h"
#include "as_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(asyncstream)

PHP_INI_BEGIN()
	/* Path of a resolv.conf-format file for the resolver, read when a base first resolves a name. */
	PHP_INI_ENTRY("asyncstream.resolv_conf", "", PHP_INI_ALL, NULL)
	/* off | auto | on: AsyncStreams move their bytes with io_uring (uring.c; read when a base makes its first stream). */
	PHP_INI_ENTRY("asyncstream.io_uring", "off", PHP_INI_ALL, as_uring_ini_update)
PHP_INI_END()

/*
 * Registers every class from the generated arginfo, then gives each its handlers. Every
 * class compares by identity (zend_objects_not_comparable, as PHP's own Socket/CurlHandle):
 * == is true only for the same object, so a non-strict array_search() finds the right one.
 */
static void as_register_classes(void)
{
	php_asyncstream_exception_ce = register_class_EventException(zend_ce_exception);

	php_asyncstream_config_ce = register_class_EventConfig();
	as_config_class_init(php_asyncstream_config_ce);

	php_asyncstream_base_ce = register_class_EventBase();
	as_base_class_init(php_asyncstream_base_ce);

	php_asyncstream_event_ce = register_class_Event();
	as_event_class_init(php_asyncstream_event_ce);

	php_asyncstream_util_ce = register_class_EventUtil();
	as_util_class_init(php_asyncstream_util_ce);

	php_asyncstream_stream_exception_ce = register_class_AsyncStreamException(spl_ce_RuntimeException);
	php_asyncstream_dns_exception_ce = register_class_AsyncStreamDnsException(php_asyncstream_stream_exception_ce);
	php_asyncstream_tls_exception_ce = register_class_AsyncStreamTlsException(php_asyncstream_stream_exception_ce);

	php_asyncstream_stream_ce = register_class_AsyncStream();
	as_stream_class_init(php_asyncstream_stream_ce);

	php_asyncstream_server_ce = register_class_AsyncStreamServer();
	as_server_class_init(php_asyncstream_server_ce);
}

static PHP_GINIT_FUNCTION(asyncstream)
{
#if defined(COMPILE_DL_ASYNCSTREAM) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(asyncstream_globals, 0, sizeof(*asyncstream_globals));
}

static PHP_MINIT_FUNCTION(asyncstream)
{
	/* Both extensions declare EventBase, Event, ...: only one may run. */
	if (zend_hash_str_exists(CG(class_table), "eventbase", sizeof("eventbase") - 1)) {
		zend_error(E_CORE_WARNING,
			"asyncstream cannot start: the class EventBase is already declared, most likely by the PECL "
			"\"event\" extension. asyncstream provides the same classes; load only one of the two");
		return FAILURE;
	}

	REGISTER_INI_ENTRIES();
	as_register_classes();
	as_log_register();
	as_fork_register();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(asyncstream)
{
	UNREGISTER_INI_ENTRIES();
	as_log_unregister();
#if defined(HAVE_AS_TLS) && defined(HAVE_AS_IO_URING)
	as_tls_uring_mshutdown();
#endif
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
	AS_G(in_request) = true;
	AS_G(socket_ce_looked) = false;
	as_diag_reset();
	return SUCCESS;
}

void as_release_after_destructors(zend_object *obj)
{
	if (AS_G(deferred_n) == AS_G(deferred_cap)) {
		AS_G(deferred_cap) = AS_G(deferred_cap) ? AS_G(deferred_cap) * 2 : 16;
		AS_G(deferred) = erealloc(AS_G(deferred), AS_G(deferred_cap) * sizeof(zend_object *));
	}
	AS_G(deferred)[AS_G(deferred_n)++] = obj;
}

static PHP_RSHUTDOWN_FUNCTION(asyncstream)
{
	/* After the destructor pass, before the object store is torn down: a release here frees. */
	for (uint32_t i = 0; i < AS_G(deferred_n); i++) {
		OBJ_RELEASE(AS_G(deferred)[i]);
	}
	if (AS_G(deferred)) {
		efree(AS_G(deferred));
	}
	AS_G(deferred) = NULL;
	AS_G(deferred_n) = AS_G(deferred_cap) = 0;
	/* Whatever is still queued arose during shutdown, where nobody can act on it. */
	AS_G(in_request) = false;
	as_diag_reset();
	AS_G(running_base) = NULL;
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
	as_tls_minfo();
	as_uring_minfo();
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
	PHP_MODULE_GLOBALS(asyncstream),
	PHP_GINIT(asyncstream),
	NULL,
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_ASYNCSTREAM
# ifdef ZTS
/* The one definition of the TSRM cache (php_asyncstream.h declares it for the others). */
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(asyncstream)
#endif
