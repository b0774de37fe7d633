/*
 * The fork guarantee (G5) in one place: a pthread_atfork child handler bumps the
 * process-wide generation; every base remembers the generation it was last initialised
 * in and re-initialises (event_reinit(), its own resolver sockets) before its next use
 * (as_base_fork_check(), one integer compare). Bases with signal events are
 * re-initialised at once in the child, from the list of live bases kept here.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

volatile uint32_t as_fork_generation = 0;

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
	if (b->dns) {
		as_dns_after_fork(b); /* the resolver's UDP sockets are shared with the parent too */
	}
	/*
	 * It fails when an event's fd was closed behind it (that event is lost either way).
	 * Say so from a method call; from a destructor at shutdown nobody can act on it. Not
	 * here and now: every caller is about to use the base, and the user's error handler
	 * could free it (G12). The caller's next safe point raises it.
	 */
	if (r != 0 && EG(current_execute_data)) {
		as_diag_later("asyncstream: could not reinitialise the event base after fork(): %s",
			detail ? detail : strerror(err));
	}
}

/* Every base that holds a libevent base, for the fork handler (AS_G(live_bases)). */
void as_base_list_add(as_base *b)
{
	b->live_next = AS_G(live_bases);
	b->live_pprev = &AS_G(live_bases);
	if (AS_G(live_bases)) {
		AS_G(live_bases)->live_pprev = &b->live_next;
	}
	AS_G(live_bases) = b;
}

void as_base_list_remove(as_base *b)
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

AS_RUNS_PHP void as_bases_after_fork(void)
{
	for (as_base *b = AS_G(live_bases); b; b = b->live_next) {
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

AS_RUNS_PHP static void as_atfork_child(void)
{
	as_fork_generation++;
	as_bases_after_fork();
}

void as_fork_register(void)
{
	static bool atfork_registered = false; /* process-wide: the handler is registered once */

	if (!atfork_registered) {
		pthread_atfork(NULL, NULL, as_atfork_child);
		atfork_registered = true;
	}
}
