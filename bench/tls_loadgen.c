/*
 * tls_loadgen.c - a TLS load generator (epoll + OpenSSL, nonblocking), the TLS
 * counterpart of ../shared/bench/loadgen.c, with the same RESULT keys.
 *
 *   cc -O2 -o tls_loadgen bench/tls_loadgen.c $(pkg-config --cflags --libs openssl)
 *
 *   tls_loadgen echo      --port P [--conns 100] [--size 64] [--seconds 5] [--warmup 1] [--pid PID,...]
 *       N connections ping-pong SIZE-byte messages (every byte checked).
 *   tls_loadgen handshake --port P [--conns 100] [--seconds 5] [--warmup 1] [--pid ...] [--resume]
 *       N cycles in flight: connect, full handshake (or a resumed session with
 *       --resume), echo 1 byte, close with RST (as loadgen's connect scenario).
 *   tls_loadgen idle      --port P --conns N --pid PID
 *       opens N TLS connections, each echoes 1 byte, then reports the server's RSS
 *       growth per connection (idle_bytes_per_conn) and closes them.
 *
 * srv_cpu is the CPU use of the --pid processes during the measured window in % of one
 * core (from /proc/PID/schedstat, in ns), cli_cpu this process's own.
 */
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { ST_CONNECTING, ST_HANDSHAKE, ST_SENDING, ST_RECEIVING, ST_IDLE };

struct conn {
    int fd;
    SSL *ssl;
    int state;
    size_t sent, got;
    double t0;
};

static const char *mode;
static int port, nconns = 100, size = 64, resume;
static double seconds = 5, warmup = 1;
static char *pids;
static SSL_CTX *ctx;
static SSL_SESSION *session;
static int ep;
static unsigned char *msg, *rbuf;
static long ops, errors, conn_fail;
static int measuring;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the --pid processes in ns (/proc/PID/schedstat: exact, not 10 ms ticks). */
static double proc_cpu_ns(void)
{
    double total = 0;
    char *list, *p, *save = NULL;
    if (!pids)
        return 0;
    list = strdup(pids);
    for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char path[64];
        unsigned long long ns = 0;
        snprintf(path, sizeof path, "/proc/%s/schedstat", p);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (fscanf(f, "%llu", &ns) == 1)
            total += (double)ns;
        fclose(f);
    }
    free(list);
    return total;
}

static long proc_rss_kb(void)
{
    long total = 0;
    char *list, *p, *save = NULL;
    if (!pids)
        return 0;
    list = strdup(pids);
    for (p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char path[64], line[256];
        snprintf(path, sizeof path, "/proc/%s/status", p);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "VmRSS:", 6) == 0)
                total += atol(line + 6);
        fclose(f);
    }
    free(list);
    return total;
}

static double self_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void watch(struct conn *c, unsigned ev)
{
    struct epoll_event e = { .events = ev, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
}

static int conn_start(struct conn *c)
{
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int one = 1;
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&sin, sizeof sin) != 0 && errno != EINPROGRESS) {
        close(c->fd);
        return -1;
    }
    c->ssl = SSL_new(ctx);
    SSL_set_fd(c->ssl, c->fd);
    SSL_set_connect_state(c->ssl);
    if (resume && session)
        SSL_set_session(c->ssl, session);
    c->state = ST_CONNECTING;
    c->sent = c->got = 0;
    c->t0 = now();
    struct epoll_event e = { .events = EPOLLOUT, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e);
    return 0;
}

static void conn_end(struct conn *c, int rst)
{
    if (rst) {
        struct linger l = { 1, 0 };
        setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    SSL_free(c->ssl);
    c->ssl = NULL;
    close(c->fd);
    c->fd = -1;
    ERR_clear_error();
}

static size_t msg_size(void)
{
    return !strcmp(mode, "echo") ? (size_t)size : 1;
}

/* Drives c as far as it goes. Returns 0 when the connection failed. */
static int step(struct conn *c)
{
    for (;;) {
        int r, e;
        switch (c->state) {
        case ST_CONNECTING: {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err)
                return 0;
            c->state = ST_HANDSHAKE;
            continue;
        }
        case ST_HANDSHAKE:
            r = SSL_do_handshake(c->ssl);
            if (r == 1) {
                c->state = ST_SENDING;
                continue;
            }
            e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) { watch(c, EPOLLIN); return 1; }
            if (e == SSL_ERROR_WANT_WRITE) { watch(c, EPOLLOUT); return 1; }
            return 0;
        case ST_SENDING:
            while (c->sent < msg_size()) {
                r = SSL_write(c->ssl, msg + c->sent, (int)(msg_size() - c->sent));
                if (r > 0) {
                    c->sent += (size_t)r;
                    continue;
                }
                e = SSL_get_error(c->ssl, r);
                if (e == SSL_ERROR_WANT_WRITE) { watch(c, EPOLLOUT); return 1; }
                if (e == SSL_ERROR_WANT_READ) { watch(c, EPOLLIN); return 1; }
                return 0;
            }
            c->state = ST_RECEIVING;
            c->got = 0;
            continue;
        case ST_RECEIVING:
            while (c->got < msg_size()) {
                r = SSL_read(c->ssl, rbuf, (int)(msg_size() - c->got));
                if (r > 0) {
                    if (memcmp(rbuf, msg + c->got, (size_t)r) != 0)
                        return 0;
                    c->got += (size_t)r;
                    continue;
                }
                e = SSL_get_error(c->ssl, r);
                if (e == SSL_ERROR_WANT_READ) { watch(c, EPOLLIN); return 1; }
                if (e == SSL_ERROR_WANT_WRITE) { watch(c, EPOLLOUT); return 1; }
                return 0;
            }
            if (measuring)
                ops++;
            if (!strcmp(mode, "echo")) {
                c->state = ST_SENDING;
                c->sent = 0;
                continue;
            }
            if (!strcmp(mode, "idle")) {
                c->state = ST_IDLE;
                watch(c, EPOLLIN);
                return 1;
            }
            /* handshake: keep a session for --resume, then a new cycle */
            if (resume && !session)
                session = SSL_get1_session(c->ssl);
            conn_end(c, 1);
            if (conn_start(c) != 0)
                return 0;
            return 1;
        case ST_IDLE:
            return 0; /* the server closed an idle connection */
        }
    }
}

static void run_loop(struct conn *cs, double until)
{
    struct epoll_event evs[256];
    while (now() < until) {
        int n = epoll_wait(ep, evs, 256, 100);
        for (int i = 0; i < n; i++) {
            struct conn *c = evs[i].data.ptr;
            if (c->fd < 0)
                continue;
            if (!step(c)) {
                if (c->state == ST_CONNECTING || c->state == ST_HANDSHAKE)
                    conn_fail++;
                else
                    errors++;
                conn_end(c, 1);
                if (strcmp(mode, "idle") != 0 && conn_start(c) != 0)
                    conn_fail++;
            }
        }
        (void)cs;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tls_loadgen echo|handshake|idle --port P [options] (see the header)\n");
        return 2;
    }
    mode = argv[1];
    for (int i = 2; i + 1 < argc || (i < argc && !strcmp(argv[i], "--resume")); i++) {
        if (!strcmp(argv[i], "--resume")) { resume = 1; continue; }
        if (!strcmp(argv[i], "--port")) port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--conns")) nconns = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--size")) size = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seconds")) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--warmup")) warmup = atof(argv[++i]);
        else if (!strcmp(argv[i], "--pid")) pids = argv[++i];
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (port <= 0) {
        fprintf(stderr, "--port is required\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT);
    msg = malloc(size > 1 ? size : 1);
    rbuf = malloc(size > 1 ? size : 1);
    for (int i = 0; i < size; i++)
        msg[i] = (unsigned char)('a' + i % 26);
    ep = epoll_create1(0);

    struct conn *cs = calloc(nconns, sizeof *cs);
    long rss0 = proc_rss_kb();

    if (!strcmp(mode, "idle")) {
        /*
         * At most 10 handshakes in flight, so the server's RSS shows what an idle
         * connection keeps, not the heap left over from 1000 concurrent handshakes.
         * Until every connection echoed its byte, or 120 s.
         */
        double limit = now() + 120;
        int started = 0;
        for (;;) {
            int ready = 0;
            for (int i = 0; i < started; i++)
                ready += cs[i].state == ST_IDLE;
            if (ready + conn_fail + errors >= nconns || now() > limit)
                break;
            while (started < nconns && started - ready - conn_fail - errors < 10)
                if (conn_start(&cs[started++]) != 0)
                    conn_fail++;
            run_loop(cs, now() + 0.01);
        }
        usleep(500000);
        long rss1 = proc_rss_kb();
        int ok = 0;
        for (int i = 0; i < nconns; i++)
            ok += cs[i].state == ST_IDLE;
        printf("idle: %d TLS connections, server RSS %ld -> %ld KiB: %.0f bytes per connection\n",
               ok, rss0, rss1, ok ? (rss1 - rss0) * 1024.0 / ok : 0.0);
        printf("RESULT mode=tls-idle conns=%d idle_ok=%d srv_rss_base_kb=%ld srv_rss_idle_kb=%ld idle_bytes_per_conn=%.0f\n",
               nconns, ok, rss0, rss1, ok ? (rss1 - rss0) * 1024.0 / ok : 0.0);
        return 0;
    }

    for (int i = 0; i < nconns; i++)
        if (conn_start(&cs[i]) != 0)
            conn_fail++;
    run_loop(cs, now() + warmup);
    measuring = 1;
    double t0 = proc_cpu_ns();
    double c0 = self_cpu(), w0 = now();
    run_loop(cs, w0 + seconds);
    double wall = now() - w0;
    double t1 = proc_cpu_ns();
    double c1 = self_cpu();
    int alive = 0;
    for (int i = 0; i < nconns; i++)
        alive += cs[i].fd >= 0;
    printf("%s%s: %d conns x %d B, %.2f s: %.0f ops/s; errors %ld, conn_fail %ld; cpu client %.0f%%, server %.0f%%\n",
           mode, resume ? " (resumed)" : "", nconns, size, wall, ops / wall, errors, conn_fail,
           100 * (c1 - c0) / wall, 100.0 * (t1 - t0) / 1e9 / wall);
    char label[64];
    if (!strcmp(mode, "echo"))
        snprintf(label, sizeof label, "tls-echo-%s", size >= 1024 && size % 1024 == 0 ? "KiB" : "B");
    else
        snprintf(label, sizeof label, "tls-handshake%s", resume ? "-resumed" : "");
    if (!strcmp(mode, "echo")) {
        char num[32];
        snprintf(num, sizeof num, "%d", size >= 1024 && size % 1024 == 0 ? size / 1024 : size);
        memmove(label + 9 + strlen(num), label + 9, strlen(label + 9) + 1);
        memcpy(label + 9, num, strlen(num));
    }
    printf("RESULT mode=%s conns=%d size=%d secs=%.2f ops=%ld rps=%.1f errors=%ld conn_fail=%ld alive=%d cli_cpu=%.1f srv_cpu=%.2f srv_rss_kb=%ld\n",
           label, nconns, !strcmp(mode, "echo") ? size : 1, wall, ops, ops / wall, errors, conn_fail, alive,
           100 * (c1 - c0) / wall, 100.0 * (t1 - t0) / 1e9 / wall, proc_rss_kb());
    return 0;
}
