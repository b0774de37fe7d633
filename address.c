/*
 * Addresses shared by AsyncStream and AsyncStreamServer: parsing the documented address
 * forms without DNS, and formatting sockaddrs the way the getters return them.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "ext/standard/file.h"

#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

/* =================================================================================
 * Addresses
 * =============================================================================== */

static bool as_parse_port(const char *p, size_t len, int *port)
{
	int v = 0;

	if (len == 0 || len > 5) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return false;
		}
		v = v * 10 + (p[i] - '0');
	}
	if (v > 65535) {
		return false;
	}
	*port = v;
	return true;
}

static bool as_hostname_valid(const char *h, size_t len)
{
	if (len == 0 || len > 253) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = h[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| c == '-' || c == '.' || c == '_')) {
			return false;
		}
	}
	return true;
}

/*
 * True for a host that is an IPv4 address in some non-canonical form (octal or hex parts,
 * fewer than four parts, leading zeros, parts out of range) or a name whose last label is
 * numeric, which RFC 1123/3696 rule out so that such strings are never taken for names.
 * "1password.com" is a name: only the last label counts.
 */
static bool as_ipv4_noncanonical(const char *h, size_t len)
{
	struct in_addr a;
	const char *last;
	size_t i, start;

	if (inet_aton(h, &a) != 0) {
		return true;
	}
	if (len > 0 && h[len - 1] == '.') {
		len--; /* a fully qualified "name." */
	}
	last = zend_memrchr(h, '.', len);
	start = last ? (size_t)(last - h) + 1 : 0;
	if (start >= len) {
		return false;
	}
	for (i = start; i < len; i++) {
		if (h[i] < '0' || h[i] > '9') {
			/* "0x1f" as a last label is hex, not a name either */
			return i == start + 1 && h[start] == '0' && (h[i] == 'x' || h[i] == 'X');
		}
	}
	return true;
}

int as_address_parse(const char *addr, size_t len, uint32_t arg_num, struct sockaddr_storage *ss, socklen_t *sslen,
	char *host, size_t hostlen, int *port)
{
	const char *p = addr, *colon;
	size_t n = len;

	memset(ss, 0, sizeof(*ss));
	if (memchr(addr, '\0', len)) {
		zend_argument_value_error(arg_num, "must not contain NUL bytes");
		return -1;
	}
	if (n >= 7 && strncasecmp(p, "unix://", 7) == 0) {
		struct sockaddr_un *sun = (struct sockaddr_un *)ss;
		p += 7;
		n -= 7;
		if (n >= 2 && p[0] == '@') {
			/*
			 * Linux abstract namespace, in the form getRemoteAddress() gives it: sun_path
			 * starts with a NUL and the name is exactly the bytes after the '@' (no
			 * terminator counted in the length).
			 */
			if (n > sizeof(sun->sun_path)) {
				zend_argument_value_error(arg_num, "has an abstract unix socket name longer than %d bytes",
					(int)sizeof(sun->sun_path) - 1);
				return -1;
			}
			sun->sun_family = AF_UNIX;
			sun->sun_path[0] = '\0';
			memcpy(sun->sun_path + 1, p + 1, n - 1);
			*sslen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
			return 1;
		}
		if (n == 0 || p[0] != '/') {
			zend_argument_value_error(arg_num, "must be \"unix:///absolute/path\" or \"unix://@abstract-name\", \"%s\" given", addr);
			return -1;
		}
		if (n >= sizeof(sun->sun_path)) {
			zend_argument_value_error(arg_num, "has a unix socket path longer than %d bytes",
				(int)sizeof(sun->sun_path) - 1);
			return -1;
		}
		sun->sun_family = AF_UNIX;
		memcpy(sun->sun_path, p, n);
		*sslen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
		return 1;
	}
	if (n >= 6 && strncasecmp(p, "tcp://", 6) == 0) {
		p += 6;
		n -= 6;
	} else if (memchr(p, '/', n)) {
		zend_argument_value_error(arg_num,
			"must be \"tcp://HOST:PORT\", \"HOST:PORT\", \"[IPv6]:PORT\" or \"unix:///path\", \"%s\" given", addr);
		return -1;
	}
	if (n > 0 && p[0] == '[') {
		const char *close = memchr(p, ']', n);
		char buf[INET6_ADDRSTRLEN + 1];
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
		size_t hl;

		if (!close || close + 1 >= p + n || close[1] != ':') {
			zend_argument_value_error(arg_num, "must be \"[IPv6]:PORT\", \"%s\" given", addr);
			return -1;
		}
		hl = (size_t)(close - p - 1);
		if (hl == 0 || hl >= sizeof(buf)) {
			zend_argument_value_error(arg_num, "has an invalid IPv6 address, \"%s\" given", addr);
			return -1;
		}
		memcpy(buf, p + 1, hl);
		buf[hl] = '\0';
		if (!as_parse_port(close + 2, (size_t)(p + n - close - 2), port)) {
			zend_argument_value_error(arg_num, "has an invalid port (0-65535), \"%s\" given", addr);
			return -1;
		}
		if (inet_pton(AF_INET6, buf, &sin6->sin6_addr) != 1) {
			zend_argument_value_error(arg_num, "has an invalid IPv6 address, \"%s\" given", addr);
			return -1;
		}
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)*port);
		*sslen = sizeof(*sin6);
		return 1;
	}
	colon = zend_memrchr(p, ':', n);
	if (!colon) {
		zend_argument_value_error(arg_num, "must include a port (\"HOST:PORT\"), \"%s\" given", addr);
		return -1;
	}
	if (memchr(p, ':', (size_t)(colon - p))) {
		zend_argument_value_error(arg_num, "must put an IPv6 address in brackets (\"[::1]:PORT\"), \"%s\" given", addr);
		return -1;
	}
	if (!as_parse_port(colon + 1, (size_t)(p + n - colon - 1), port)) {
		zend_argument_value_error(arg_num, "has an invalid port (0-65535), \"%s\" given", addr);
		return -1;
	}
	{
		size_t hl = (size_t)(colon - p);
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		char buf[256];

		if (!as_hostname_valid(p, hl) || hl >= sizeof(buf) || hl >= hostlen) {
			zend_argument_value_error(arg_num, "has an invalid host name, \"%s\" given", addr);
			return -1;
		}
		memcpy(buf, p, hl);
		buf[hl] = '\0';
		if (inet_pton(AF_INET, buf, &sin->sin_addr) == 1) {
			sin->sin_family = AF_INET;
			sin->sin_port = htons((uint16_t)*port);
			*sslen = sizeof(*sin);
			return 1;
		}
		if (as_ipv4_noncanonical(buf, hl)) {
			/*
			 * Only the canonical dotted quad is an address. The other forms inet_aton()
			 * takes ("0177.0.0.1" octal, "0x7f.1" hex, "127.1" short) mean different hosts
			 * to different parsers (PHP's gethostbyname() reads 0177 as 127, libevent as
			 * 177), and a name ending in a numeric label is no host name: refuse them
			 * rather than guess or send them to DNS.
			 */
			zend_argument_value_error(arg_num, "has an invalid IPv4 address (only the dotted-decimal form "
				"without leading zeros, e.g. 127.0.0.1, is accepted), \"%s\" given", addr);
			return -1;
		}
		memcpy(host, buf, hl + 1);
		return 0;
	}
}

zend_string *as_address_format(const struct sockaddr *sa, socklen_t len)
{
	char buf[INET6_ADDRSTRLEN];

	switch (sa->sa_family) {
		case AF_INET: {
			const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
			inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
			return zend_strpprintf(0, "tcp://%s:%u", buf, (unsigned)ntohs(sin->sin_port));
		}
		case AF_INET6: {
			const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
			inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
			return zend_strpprintf(0, "tcp://[%s]:%u", buf, (unsigned)ntohs(sin6->sin6_port));
		}
		case AF_UNIX: {
			const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
			size_t off = offsetof(struct sockaddr_un, sun_path), plen;

			if (len <= off) {
				return NULL; /* unnamed (socketpair, unbound client) */
			}
			if (sun->sun_path[0] == '\0') {
				/* Linux abstract namespace: shown with a leading '@' */
				return zend_strpprintf(0, "unix://@%.*s", (int)(len - off - 1), sun->sun_path + 1);
			}
			plen = strnlen(sun->sun_path, len - off);
			if (plen == 0) {
				return NULL;
			}
			return zend_strpprintf(0, "unix://%.*s", (int)plen, sun->sun_path);
		}
		default:
			return NULL;
	}
}
