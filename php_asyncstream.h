/*
 * asyncstream: an event loop and nonblocking streams for PHP, over libevent 2.1.
 *
 * The public header: what another extension may include (module entry, version, class
 * entries). Everything the .c files share with each other is in asyncstream_internal.h.
 */
#ifndef PHP_ASYNCSTREAM_H
#define PHP_ASYNCSTREAM_H

#include "php.h"

extern zend_module_entry asyncstream_module_entry;
#define phpext_asyncstream_ptr &asyncstream_module_entry

#define PHP_ASYNCSTREAM_VERSION "0.1.0"

#if defined(ZTS) && defined(COMPILE_DL_ASYNCSTREAM)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* Class entries, registered in MINIT from the generated arginfo. */
extern zend_class_entry *php_asyncstream_base_ce;                /* EventBase */
extern zend_class_entry *php_asyncstream_event_ce;               /* Event */
extern zend_class_entry *php_asyncstream_config_ce;              /* EventConfig */
extern zend_class_entry *php_asyncstream_util_ce;                /* EventUtil */
extern zend_class_entry *php_asyncstream_exception_ce;           /* EventException */
extern zend_class_entry *php_asyncstream_stream_ce;              /* AsyncStream */
extern zend_class_entry *php_asyncstream_stream_exception_ce;    /* AsyncStreamException */
extern zend_class_entry *php_asyncstream_dns_exception_ce;       /* AsyncStreamDnsException */
extern zend_class_entry *php_asyncstream_server_ce;              /* AsyncStreamServer */

#endif /* PHP_ASYNCSTREAM_H */
