/*
 * A stand-in for the PECL event extension, for tests/compat/conflict_*.phpt: a module
 * that declares the class EventBase. Built twice by tests/util/build.sh: once named
 * "event" (what ZEND_MOD_CONFLICTS catches) and once under another name (what the
 * class-table check in MINIT catches).
 */
#include "php.h"

static const zend_function_entry fake_event_methods[] = {
	ZEND_FE_END
};

static PHP_MINIT_FUNCTION(fake_event)
{
	zend_class_entry ce;

	INIT_CLASS_ENTRY(ce, "EventBase", fake_event_methods);
	zend_register_internal_class(&ce);
	return SUCCESS;
}

zend_module_entry fake_event_module_entry = {
	STANDARD_MODULE_HEADER,
	FAKE_EVENT_NAME,
	NULL,
	PHP_MINIT(fake_event),
	NULL, NULL, NULL, NULL,
	"0.0.0-test",
	STANDARD_MODULE_PROPERTIES
};

ZEND_GET_MODULE(fake_event)
