/*
 * soak_client: N concurrent TCP connections to an echo server, each sending checksummed
 * messages of random length (ping-pong) for a bounded time, verifying every echoed byte.
 * Used by scripts/soak.sh.
 *
 *   soak_client HOST PORT CONNECTIONS SECONDS WARMUP_SECONDS SERVER_PID [MAX_MSG]
 *
 * Message: u32 length | u32 sequence | payload | u32 FNV-1a of the payload (little endian).
 * Byte i of the payload is a function of (connection, sequence, i), so every received
 * byte is checked against what was sent without keeping a copy, and the checksum is
 * recomputed over what arrived. The server's RSS (/proc/PID/status) is sampled when the
 * warm-up ends and when the traffic has stopped (connections still open).
 * Prints one "key value" per line; exits 1 on any lost, corrupt or unexpected byte.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	int fd;
	int connected;
	uint32_t id, seq, len;    /* current message: sequence, payload length */
	uint32_t sum;             /* its checksum */
	uint32_t tx, rx;          /* bytes of the current message sent / received */
	uint32_t rx_sum;          /* FNV over the payload received so far */
	uint8_t hdr[4];           /* the received checksum field */
	int idle;                 /* no message in flight (traffic stopped) */
} conn;

static uint32_t max_msg = 16384;
static int stopping;
static unsigned long long msgs, bytes_verified, errors;

static uint32_t mix(uint32_t x)
{
	x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16;
	return x;
}

static inline uint8_t payload_byte(const conn *c, uint32_t i)
{
	return (uint8_t)(mix(c->id * 2654435761u + c->seq) + i * 131 + (i >> 7));
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kb(int pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (!(f = fopen(path, "r"))) {
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "VmRSS:", 6) == 0) {
			kb = strtol(line + 6, NULL, 10);
		}
	}
	fclose(f);
	return kb;
}

static void new_message(conn *c)
{
	uint32_t h = 2166136261u;

	c->seq++;
	c->len = 1 + mix(c->id ^ (c->seq * 0x9e3779b9u)) % max_msg;
	for (uint32_t i = 0; i < c->len; i++) {
		h = (h ^ payload_byte(c, i)) * 16777619u;
	}
	c->sum = h;
	c->tx = c->rx = 0;
	c->rx_sum = 2166136261u;
	c->idle = 0;
}

/* Byte i of the whole message (header, payload, checksum). */
static uint8_t message_byte(const conn *c, uint32_t i)
{
	if (i < 4) return (uint8_t)(c->len >> (8 * i));
	if (i < 8) return (uint8_t)(c->seq >> (8 * (i - 4)));
	if (i < 8 + c->len) return payload_byte(c, i - 8);
	return (uint8_t)(c->sum >> (8 * (i - 8 - c->len)));
}

static int send_some(conn *c)
{
	uint8_t buf[65536];
	uint32_t total = c->len + 12;

	while (c->tx < total) {
		uint32_t n = total - c->tx;
		ssize_t w;

		if (n > sizeof(buf)) n = sizeof(buf);
		for (uint32_t i = 0; i < n; i++) buf[i] = message_byte(c, c->tx + i);
		w = send(c->fd, buf, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
			return -1;
		}
		c->tx += (uint32_t)w;
	}
	return 0;
}

static int recv_some(conn *c)
{
	uint8_t buf[65536];

	for (;;) {
		ssize_t r = recv(c->fd, buf, sizeof(buf), 0);
		if (r == 0) {
			fprintf(stderr, "conn %u: server closed the connection\n", c->id);
			return -1;
		}
		if (r < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
			fprintf(stderr, "conn %u: recv: %s\n", c->id, strerror(errno));
			return -1;
		}
		for (ssize_t k = 0; k < r; k++) {
			uint32_t i = c->rx++;
			uint32_t total = c->len + 12;

			if (c->idle || i >= total || buf[k] != message_byte(c, i)) {
				fprintf(stderr, "conn %u seq %u: corrupt byte at offset %u\n", c->id, c->seq, i);
				return -1;
			}
			if (i >= 8 && i < 8 + c->len) {
				c->rx_sum = (c->rx_sum ^ buf[k]) * 16777619u;
			} else if (i >= 8 + c->len) {
				c->hdr[i - 8 - c->len] = buf[k];
			}
			if (c->rx == total) {
				uint32_t got = c->hdr[0] | c->hdr[1] << 8 | c->hdr[2] << 16 | (uint32_t)c->hdr[3] << 24;
				if (got != c->rx_sum) {
					fprintf(stderr, "conn %u seq %u: checksum mismatch\n", c->id, c->seq);
					return -1;
				}
				msgs++;
				bytes_verified += total;
				if (stopping) {
					c->idle = 1;
				} else {
					new_message(c);
					if (send_some(c) < 0) return -1;
				}
			}
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa;
	int nconn, ep, server_pid, pending = 0, next = 0, connected = 0, idle = 0;
	double secs, warm, t0, t_warm = 0, t_stop = 0, t_end;
	long rss_warm = -1, rss_end = -1;
	unsigned long long msgs_at_warm = 0;
	conn *cs;
	struct epoll_event evs[1024];

	if (argc < 7) {
		fprintf(stderr, "usage: %s HOST PORT CONNECTIONS SECONDS WARMUP SERVER_PID [MAX_MSG]\n", argv[0]);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)atoi(argv[2]));
	inet_pton(AF_INET, argv[1], &sa.sin_addr);
	nconn = atoi(argv[3]);
	secs = atof(argv[4]);
	warm = atof(argv[5]);
	server_pid = atoi(argv[6]);
	if (argc > 7) max_msg = (uint32_t)atoi(argv[7]);
	cs = calloc((size_t)nconn, sizeof(conn));
	ep = epoll_create1(0);
	t0 = now();

	/* Phase 1: connect everything, at most 256 connects in flight (the accept queue is finite). */
	for (;;) {
		while (next < nconn && pending < 256) {
			conn *c = &cs[next];
			struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)next };
			int one = 1;

			c->id = (uint32_t)next;
			c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
			if (c->fd < 0) {
				fprintf(stderr, "socket: %s (raise ulimit -n)\n", strerror(errno));
				return 1;
			}
			setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
			if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 && errno != EINPROGRESS) {
				fprintf(stderr, "connect: %s\n", strerror(errno));
				return 1;
			}
			epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
			pending++;
			next++;
		}
		if (connected == nconn) break;
		if (now() - t0 > 120) {
			fprintf(stderr, "only %d of %d connections established in 120 s\n", connected, nconn);
			return 1;
		}
		int n = epoll_wait(ep, evs, 1024, 1000);
		for (int k = 0; k < n; k++) {
			conn *c = &cs[evs[k].data.u32];
			int err = 0;
			socklen_t len = sizeof(err);

			if (c->connected) {
				if ((evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && recv_some(c) < 0) { errors++; goto out; }
				if ((evs[k].events & EPOLLOUT) && send_some(c) < 0) { errors++; goto out; }
				continue;
			}
			getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
			if (err) {
				fprintf(stderr, "connect: %s\n", strerror(err));
				return 1;
			}
			c->connected = 1;
			connected++;
			pending--;
			new_message(c);
			if (send_some(c) < 0) { errors++; goto out; }
		}
	}
	printf("connect_seconds %.2f\n", now() - t0);

	/* Phase 2: traffic for SECONDS; RSS sampled after WARMUP and once everything is idle. */
	t0 = now();
	for (;;) {
		double t = now();
		if (!t_warm && t - t0 >= warm) {
			t_warm = t;
			rss_warm = rss_kb(server_pid);
			msgs_at_warm = msgs;
		}
		if (!stopping && t - t0 >= secs) {
			stopping = 1;
			t_stop = t;
			for (int i = 0; i < nconn; i++) {
				if (cs[i].rx == 0 && cs[i].tx == 0) cs[i].idle = 1;
			}
		}
		if (stopping) {
			idle = 0;
			for (int i = 0; i < nconn; i++) idle += cs[i].idle;
			if (idle == nconn) break;
			if (t - t_stop > 60) {
				fprintf(stderr, "%d messages still unanswered 60 s after the traffic stopped\n", nconn - idle);
				errors += (unsigned long long)(nconn - idle);
				goto out;
			}
		}
		int n = epoll_wait(ep, evs, 1024, 100);
		for (int k = 0; k < n; k++) {
			conn *c = &cs[evs[k].data.u32];
			if ((evs[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) && recv_some(c) < 0) { errors++; goto out; }
			if ((evs[k].events & EPOLLOUT) && !c->idle && send_some(c) < 0) { errors++; goto out; }
		}
	}
	t_end = now();
	rss_end = rss_kb(server_pid);
	printf("connections %d\n", nconn);
	printf("seconds %.2f\n", t_end - t0);
	printf("messages %llu\n", msgs);
	printf("bytes_verified %llu\n", bytes_verified);
	printf("messages_per_second %.0f\n", msgs / (t_stop - t0));
	printf("messages_after_warmup %llu\n", msgs - msgs_at_warm);
	printf("rss_warm_kb %ld\n", rss_warm);
	printf("rss_end_kb %ld\n", rss_end);
out:
	printf("errors %llu\n", errors);
	for (int i = 0; i < nconn; i++) {
		if (cs[i].fd > 0) close(cs[i].fd);
	}
	return errors ? 1 : 0;
}
