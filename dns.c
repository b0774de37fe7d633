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

#include <string.h>
#include <netinet/in.h>

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
		/* resolv.conf (nameservers, options) and /etc/hosts; a missing file means defaults. */
		evdns_base_resolv_conf_parse(dns, DNS_OPTIONS_ALL, conf);
		b->dns = dns;
		b->dns_conf = zend_string_init(conf, strlen(conf), 0);
	}
	return b->dns;
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
	s->dns_req = NULL;
	if (s->state != AS_ST_RESOLVING) {
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	if (result != 0 || !res) {
		/* From the timer, so onClose never runs inside connect() (the answer may be synchronous). */
		as_stream_defer_error(s, result != 0 ? result : EVUTIL_EAI_NONAME);
		if (res) {
			evutil_freeaddrinfo(res);
		}
		return;
	}
	s->ai_head = res;
	s->ai_next = res;
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
	/* May answer synchronously (hosts file); the callback never calls PHP. */
	req = evdns_getaddrinfo(dns, host, service, &hints, as_stream_dns_cb, s);
	if (s->state == AS_ST_RESOLVING && !s->ai_head && !s->pending_err) {
		s->dns_req = req;
	}
}

