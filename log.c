/*
 * libevent's log (G6): never raw to stderr. Its messages become PHP warnings during a
 * request, or are captured so that a method can fold the detail into its own message.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"

#include <string.h>

void as_log_capture_begin(void)
{
	AS_G(log_capturing) = true;
	AS_G(log_have_last) = false;
}

const char *as_log_capture_end(void)
{
	AS_G(log_capturing) = false;
	return AS_G(log_have_last) ? AS_G(log_last) : NULL;
}

AS_RUNS_PHP static void as_log_cb(int severity, const char *msg)
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
	if (AS_G(log_capturing)) {
		strlcpy(AS_G(log_last), msg, sizeof(AS_G(log_last)));
		AS_G(log_have_last) = true;
		return;
	}
	if (AS_G(in_request)) {
		php_error_docref(NULL, E_WARNING, "libevent: %s", msg);
	}
}

AS_RUNS_PHP static void as_fatal_cb(int err)
{
	/* libevent would abort(); end the request with a PHP fatal error instead. */
	zend_error_noreturn(E_ERROR, "asyncstream: libevent hit an internal error (code %d)%s%s", err,
		AS_G(log_have_last) ? ": " : "", AS_G(log_have_last) ? AS_G(log_last) : "");
}

void as_log_register(void)
{
	event_set_log_callback(as_log_cb);
	event_set_fatal_callback(as_fatal_cb);
}

void as_log_unregister(void)
{
	event_set_log_callback(NULL);
	event_set_fatal_callback(NULL);
}
