/*
 * A fault-injection library for tests, loaded with LD_PRELOAD into a child PHP process:
 * makes chosen calls to accept()/accept4() fail with a chosen errno, deterministically.
 *
 *   AS_FAULT_ACCEPT="2:EINTR,3-5:EMFILE,7:ECONNABORTED"
 *
 * Only calls made while a connection is waiting on the listening socket are counted
 * (checked with poll(), without consuming it), so the numbering does not depend on how
 * many times an accept loop happened to hit EAGAIN: "2" is the accept that would have
 * returned the 2nd connection (or the call that retries it after an injected failure).
 * For EINTR, EMFILE, ENFILE, ENOBUFS and ENOMEM the connection stays queued, as with the
 * real errors; ECONNABORTED and EPROTO consume it (accept it and close it, so its client
 * sees the connection reset), as when a client aborts before the server accepts.
 *
 * AS_FAULT_LOG=path appends one line per injected failure ("accept #2: EINTR").
 *
 * PHP loads extensions with RTLD_DEEPBIND, which makes an extension's own calls bypass
 * LD_PRELOAD; this library therefore also wraps dlopen() to drop that flag, so the
 * extension's accept4() resolves to the one below.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef int (*accept_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*accept4_fn)(int, struct sockaddr *, socklen_t *, int);

#define MAX_RULES 32

static struct { unsigned long from, to; int err; const char *name; } rules[MAX_RULES];
static int nrules = -1;
static unsigned long counter;

static const struct { const char *name; int err; } errnames[] = {
	{ "EINTR", EINTR }, { "EAGAIN", EAGAIN }, { "ECONNABORTED", ECONNABORTED }, { "EPROTO", EPROTO },
	{ "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "ENOBUFS", ENOBUFS }, { "ENOMEM", ENOMEM },
	{ "EPERM", EPERM }, { "EINVAL", EINVAL },
};

static void parse_rules(void)
{
	const char *spec = getenv("AS_FAULT_ACCEPT");
	char buf[1024], *save = NULL, *tok;

	nrules = 0;
	if (!spec || !*spec) {
		return;
	}
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ",", &save); tok && nrules < MAX_RULES; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':'), *end;
		unsigned long from, to;

		if (!colon) {
			continue;
		}
		*colon = '\0';
		from = to = strtoul(tok, &end, 10);
		if (*end == '-') {
			to = strtoul(end + 1, NULL, 10);
		}
		for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
			if (strcmp(colon + 1, errnames[i].name) == 0) {
				rules[nrules].from = from;
				rules[nrules].to = to;
				rules[nrules].err = errnames[i].err;
				rules[nrules].name = errnames[i].name;
				nrules++;
				break;
			}
		}
	}
}

static void log_fault(unsigned long n, const char *name)
{
	const char *path = getenv("AS_FAULT_LOG");
	char line[128];
	int fd, len;

	if (!path || !*path) {
		return;
	}
	/* open() may itself fail with EMFILE while the test exhausts descriptors: then no log. */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		return;
	}
	len = snprintf(line, sizeof(line), "accept #%lu: %s\n", n, name);
	if (write(fd, line, (size_t)len) < 0) {
		/* nothing to do */
	}
	close(fd);
}

/* Returns the errno to inject for this call (0: none); consumes the connection when asked. */
static int maybe_fail(int fd, accept4_fn real4, accept_fn real)
{
	struct pollfd p = { fd, POLLIN, 0 };
	int saved = errno;

	if (nrules < 0) {
		parse_rules();
	}
	if (nrules == 0 || poll(&p, 1, 0) != 1 || !(p.revents & POLLIN)) {
		errno = saved;
		return 0;
	}
	counter++;
	for (int i = 0; i < nrules; i++) {
		if (counter >= rules[i].from && counter <= rules[i].to) {
			if (rules[i].err == ECONNABORTED || rules[i].err == EPROTO) {
				int c = real4 ? real4(fd, NULL, NULL, SOCK_CLOEXEC) : real(fd, NULL, NULL);
				if (c >= 0) {
					struct linger l = { 1, 0 }; /* reset, as an aborted connection */
					setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
					close(c);
				}
			}
			log_fault(counter, rules[i].name);
			return rules[i].err;
		}
	}
	errno = saved;
	return 0;
}

void *dlopen(const char *file, int mode)
{
	static void *(*real_dlopen)(const char *, int);

	if (!real_dlopen) {
		real_dlopen = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	}
#ifdef RTLD_DEEPBIND
	mode &= ~RTLD_DEEPBIND;
#endif
	return real_dlopen(file, mode);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	static accept4_fn real4;
	int err;

	if (!real4) {
		real4 = (accept4_fn)dlsym(RTLD_NEXT, "accept4");
	}
	if ((err = maybe_fail(fd, real4, NULL))) {
		errno = err;
		return -1;
	}
	return real4(fd, addr, len, flags);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	static accept_fn real;
	int err;

	if (!real) {
		real = (accept_fn)dlsym(RTLD_NEXT, "accept");
	}
	if ((err = maybe_fail(fd, NULL, real))) {
		errno = err;
		return -1;
	}
	return real(fd, addr, len);
}
