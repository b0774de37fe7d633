/*
 * libevent's log (G6): never raw to stderr. Its messages become PHP warnings during a
 * request, or are captured so that a method can fold the detail into its own message.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"

#include <stdarg.h>
#include <stdio.h>
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

#define AS_DIAG_MAX ((uint32_t)(sizeof(AS_G(diag_msgs)) / sizeof(AS_G(diag_msgs)[0])))

/*
 * Deferred diagnostics (G12): warnings that arise where user code must not run (inside
 * libevent, in the middle of a fork check) wait in the module globals until a safe
 * point raises them.
 */
void as_diag_later(const char *fmt, ...)
{
	va_list ap;

	if (!AS_G(in_request)) {
		return; /* nobody to tell (module startup/shutdown) */
	}
	if (AS_G(diag_count) == AS_DIAG_MAX) {
		AS_G(diag_dropped)++;
	} else {
		va_start(ap, fmt);
		vsnprintf(AS_G(diag_msgs)[AS_G(diag_count)], sizeof(AS_G(diag_msgs)[0]), fmt, ap);
		va_end(ap);
		AS_G(diag_count)++;
	}
	AS_G(diag_queued) = AS_G(diag_count) + AS_G(diag_dropped);
	as_diag_schedule();
}

AS_RUNS_PHP void as_diag_flush(void)
{
	char msg[sizeof(AS_G(diag_msgs)[0])];

	/*
	 * One at a time, taken off the queue before it is raised: the user's error handler
	 * may queue more. After it threw, the rest go the way PHP treats any warning while an
	 * exception is pending: the default handler shows them, a user handler is not called.
	 */
	while (AS_G(diag_count) > 0) {
		memcpy(msg, AS_G(diag_msgs)[0], sizeof(msg));
		AS_G(diag_count)--;
		memmove(AS_G(diag_msgs)[0], AS_G(diag_msgs)[1], AS_G(diag_count) * sizeof(AS_G(diag_msgs)[0]));
		AS_G(diag_queued) = AS_G(diag_count) + AS_G(diag_dropped);
		php_error_docref(NULL, E_WARNING, "%s", msg);
	}
	if (AS_G(diag_dropped) > 0) {
		uint32_t n = AS_G(diag_dropped);

		AS_G(diag_dropped) = 0;
		AS_G(diag_queued) = AS_G(diag_count);
		php_error_docref(NULL, E_WARNING, "asyncstream: %u more warnings were dropped (too many at once)", n);
	}
}

void as_diag_reset(void)
{
	AS_G(diag_count) = AS_G(diag_dropped) = AS_G(diag_queued) = 0;
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
	if (AS_G(log_capturing)) {
		strlcpy(AS_G(log_last), msg, sizeof(AS_G(log_last)));
		AS_G(log_have_last) = true;
		return;
	}
	/*
	 * Never raise it here: we are inside libevent, in the middle of changing its state,
	 * and the user's error handler could call back into it (free the event being added,
	 * the base being looped). It is raised at the next safe point (G12).
	 */
	as_diag_later("libevent: %s", msg);
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
