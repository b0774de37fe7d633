/*
 * The per-base resolver (G9): one evdns_base per EventBase, created when a stream first
 * connects to a name, configured from resolv.conf (or the asyncstream.resolv_conf ini
 * entry) and /etc/hosts. Names never go through getaddrinfo() on the loop thread.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "php_ini.h"

#include <event2/dns.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>

#define AS_DNS_DEFAULT_TIMEOUT 5.0 /* evdns's own default */

/*
 * evdns reports a lookup that got no answer as EVUTIL_EAI_FAIL, the same as a refusal or
 * a SERVFAIL. To tell them apart we need the per-try timeout it uses, which it does not
 * expose: read it from the same file ("options timeout:N", as evdns parses it).
 */
static double as_dns_conf_timeout(const char *conf)
{
	double t = AS_DNS_DEFAULT_TIMEOUT;
	char line[1024];
	FILE *f = fopen(conf, "re");

	if (!f) {
		return t;
	}
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save);

		if (!tok || strcmp(tok, "options") != 0) {
			continue;
		}
		while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
			if (strncmp(tok, "timeout:", 8) == 0) {
				double v = zend_strtod(tok + 8, NULL);
				if (v > 0) {
					t = v;
				}
			}
		}
	}
	fclose(f);
	return t;
}

/* Why the file cannot be read (0 when it can), the way evdns would read it. */
static int as_dns_conf_unreadable(const char *conf)
{
	char c;
	int fd = open(conf, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0) {
		return errno;
	}
	if (read(fd, &c, 1) < 0) {
		err = errno;
	}
	close(fd);
	return err;
}

void as_dns_free(as_base *b)
{
	if (b->dns) {
		evdns_base_free(b->dns, 0);
		b->dns = NULL;
	}
	if (b->dns_conf) {
		zend_string_release(b->dns_conf);
		b->dns_conf = NULL;
	}
}

struct evdns_base *as_dns_get(as_base *b)
{
	if (!b->dns) {
		/* Idle, the resolver's sockets do not keep loop() running. */
		struct evdns_base *dns = evdns_base_new(b->base, EVDNS_BASE_DISABLE_WHEN_INACTIVE);
		const char *ini = INI_STR("asyncstream.resolv_conf");
		const char *conf = ini && *ini ? ini : "/etc/resolv.conf";

		if (!dns) {
			return NULL;
		}
		/* resolv.conf (nameservers, options) and /etc/hosts. */
		int r = evdns_base_resolv_conf_parse(dns, DNS_OPTIONS_ALL, conf);

		b->dns = dns;
		b->dns_conf = zend_string_init(conf, strlen(conf), 0);
		b->dns_try_timeout = as_dns_conf_timeout(conf);
		b->dns_conf_errno = 0;
		if (r != 0 && ini && *ini) {
			/*
			 * A file the user named but that cannot be read is a configuration error, not
			 * something to paper over with evdns's defaults (a nameserver on 127.0.0.1:53,
			 * so every lookup would just time out): lookups fail at once, naming the file.
			 * A missing /etc/resolv.conf keeps those defaults, as the C library does.
			 */
			b->dns_conf_errno = as_dns_conf_unreadable(conf);
		}
	}
	return b->dns;
}

/*
 * Called when a stream's lookup ended (failed or was cancelled), never from inside an
 * evdns callback. When no other stream of the base is resolving, give the resolver fresh
 * nameservers: a nameserver evdns marked down keeps a probe timer pending (10 s, then
 * longer, for ever), which would keep loop() running after the last lookup — "the
 * resolver never keeps loop() running by itself". Re-reading the nameserver lines drops
 * that state; the next lookup simply tries them again.
 */
void as_dns_lookup_ended(as_base *b, as_stream *except)
{
	if (!b || !b->dns || !b->base || b->was_freed || b->free_pending) {
		return; /* the resolver goes with the base */
	}
	for (as_child *c = b->children.next; c != &b->children; c = c->next) {
		if (c->detach == as_stream_detach) {
			as_stream *o = as_stream_from_link(c);
			if (o != except && o->state == AS_ST_RESOLVING) {
				return;
			}
		}
	}
	as_base_fork_check(b);
	/* What the file says was reported when the resolver was made: not again (and no PHP runs here). */
	as_log_capture_begin();
	evdns_base_clear_nameservers_and_suspend(b->dns);
	evdns_base_resolv_conf_parse(b->dns, DNS_OPTION_NAMESERVERS, ZSTR_VAL(b->dns_conf));
	evdns_base_resume(b->dns);
	as_log_capture_end();
}

/*
 * In a forked child (G5): the resolver's UDP sockets are shared with the parent, so an
 * answer could reach the wrong process. The child closes its copies, opens nameserver
 * sockets of its own from the same resolv.conf, and re-sends the lookups in flight.
 */
void as_dns_after_fork(as_base *b)
{
	evdns_base_clear_nameservers_and_suspend(b->dns);
	evdns_base_resolv_conf_parse(b->dns, DNS_OPTION_NAMESERVERS, ZSTR_VAL(b->dns_conf));
	evdns_base_resume(b->dns);
}

/* =================================================================================
 * A stream's lookup (connect() to a name)
 * =============================================================================== */

static void as_stream_dns_cb(int result, struct evutil_addrinfo *res, void *arg)
{
	as_stream *s = (as_stream *)arg;

	if (result == EVUTIL_EAI_CANCEL) {
		/* A cancelled lookup answers later, from a deferred callback: s may be gone, never touch it. */
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	if (s->cx) {
		s->cx->dns_req = NULL;
	}
	if (s->state != AS_ST_RESOLVING || !s->cx) {
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	if (result == EVUTIL_EAI_FAIL && s->base && s->base->dns) {
		struct timeval now, took;

		evutil_gettimeofday(&now, NULL);
		timersub(&now, &s->last_io, &took);
		if ((double)took.tv_sec + took.tv_usec / 1e6 >= s->base->dns_try_timeout * 0.95) {
			/* No answer within the resolver's timeout: a temporary failure, not "non-recoverable". */
			result = EVUTIL_EAI_AGAIN;
			s->dns_timed_out = true;
		}
	}
	if (result != 0 || !res) {
		/* From the timer, so onClose never runs inside connect() (the answer may be synchronous). */
		as_stream_defer_error(s, result != 0 ? result : EVUTIL_EAI_NONAME);
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	s->cx->ai_head = res;
	s->cx->ai_next = res;
	as_stream_try_next(s);
}

/* Starts resolving host for s (state RESOLVING); the answer continues in as_stream_dns_cb(). */
void as_stream_resolve(as_stream *s, const char *host, int port)
{
	struct evdns_base *dns = as_dns_get(s->base);
	struct evutil_addrinfo hints;
	struct evdns_getaddrinfo_request *req;
	char service[8];

	s->state = AS_ST_RESOLVING;
	if (!dns) {
		as_stream_defer_error(s, EVUTIL_EAI_MEMORY);
		return;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = s->cx && s->cx->has_bind ? s->cx->bind_ss.ss_family : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	snprintf(service, sizeof(service), "%d", port);
	/* When the lookup fails, its duration tells a timeout from a refusal; last_io is unused until connected. */
	evutil_gettimeofday(&s->last_io, NULL);
	/* May answer synchronously (hosts file); the callback never calls PHP. */
	req = evdns_getaddrinfo(dns, host, service, &hints, as_stream_dns_cb, s);
	if (s->state == AS_ST_RESOLVING && s->cx && !s->cx->ai_head && !s->pending_err) {
		if (s->base->dns_conf_errno && req) {
			/* Not in the hosts file, and no nameserver to ask: fail now, naming the file. */
			evdns_getaddrinfo_cancel(req);
			s->dns_conf_failed = true;
			as_stream_defer_error(s, EVUTIL_EAI_SYSTEM);
			return;
		}
		s->cx->dns_req = req;
	}
}

