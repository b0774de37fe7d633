/*
 * c_uring_echo.c - the io_uring floor: an echo (or HTTP) server in C on liburing with
 * everything io_uring offers a socket server, and no event loop besides the ring:
 *
 *   - multishot accept, multishot receive (one SQE keeps a connection's receive armed);
 *   - a provided-buffer ring (the kernel picks a buffer per receive; no buffer per
 *     connection, no copy: echo sends straight from the buffer the data arrived in, and
 *     the buffer goes back to the ring when the send completes);
 *   - all submissions of one loop iteration go out in the io_uring_enter() that also
 *     waits for the next completions (io_uring_submit_and_wait), so an iteration costs
 *     one syscall however many connections it serves.
 *
 *   cc -O2 -o c_uring_echo c_uring_echo.c -luring            # echo
 *   cc -O2 -DHTTP -o c_uring_http c_uring_echo.c -luring     # HTTP
 *   ./c_uring_echo PORT        (127.0.0.1; SIGTERM/SIGINT stop it)
 *
 * URING_SETUP=defer|coop|plain picks the ring flags (default: defer = SINGLE_ISSUER |
 * DEFER_TASKRUN, falling back to coop = COOP_TASKRUN, then plain when the kernel refuses).
 * Written for liburing 2.3 (Debian 12), which lacks io_uring_setup_buf_ring() (2.4): the
 * buffer ring is mmap()ed and registered by hand with io_uring_register_buf_ring().
 *
 * The HTTP variant answers every "\r\n\r\n"-terminated header block with the same 200
 * "Hello, World!" as c_libevent_raw.c (keep-alive, pipelining, no request bodies).
 */
#include <liburing.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define RING_ENTRIES 4096
#define NBUFS        2048            /* provided buffers (power of two) */
#define BUF_SIZE     16384
#define BGID         0

#ifdef HTTP
static const char RESPONSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
#endif

/* user_data: the low 3 bits say what completed, the rest is the connection pointer. */
enum { OP_ACCEPT = 1, OP_RECV = 2, OP_SEND = 3 };

struct chunk {                 /* one pending send: a provided buffer (echo) or a reply (HTTP) */
    struct chunk *next;
    char *data;
    unsigned len, off;
    int bid;                   /* provided buffer to give back after the send, or -1 */
};

struct conn {
    int fd;
    int refs;                  /* armed receive + send in flight + 1 while open */
    int recv_armed;
    int closing;
    struct chunk *head, *tail; /* sends in order; only the head is in flight */
    int matched;               /* HTTP: bytes of "\r\n\r\n" seen so far */
};

static struct io_uring ring;
static struct io_uring_buf_ring *br;
static char *bufs;
static volatile sig_atomic_t stop;
static int listen_fd;

static struct io_uring_sqe *sqe_get(void)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    if (!sqe) {                /* SQ full: push what is queued, then there is room */
        io_uring_submit(&ring);
        sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
}

static void buf_return(int bid)
{
    io_uring_buf_ring_add(br, bufs + (size_t)bid * BUF_SIZE, BUF_SIZE, (unsigned short)bid,
                          io_uring_buf_ring_mask(NBUFS), 0);
    io_uring_buf_ring_advance(br, 1);
}

static void arm_accept(void)
{
    struct io_uring_sqe *sqe = sqe_get();
    io_uring_prep_multishot_accept(sqe, listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    io_uring_sqe_set_data64(sqe, OP_ACCEPT);
}

static void arm_recv(struct conn *c)
{
    struct io_uring_sqe *sqe = sqe_get();
    io_uring_prep_recv_multishot(sqe, c->fd, NULL, 0, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = BGID;
    io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)c | OP_RECV);
    c->recv_armed = 1;
    c->refs++;
}

static void send_head(struct conn *c)
{
    struct chunk *k = c->head;
    struct io_uring_sqe *sqe = sqe_get();
    io_uring_prep_send(sqe, c->fd, k->data + k->off, k->len - k->off, MSG_NOSIGNAL);
    io_uring_sqe_set_data64(sqe, (uint64_t)(uintptr_t)c | OP_SEND);
    c->refs++;
}

static void queue_send(struct conn *c, char *data, unsigned len, int bid)
{
    struct chunk *k = malloc(sizeof *k);
    k->next = NULL;
    k->data = data;
    k->len = len;
    k->off = 0;
    k->bid = bid;
    if (c->tail) {
        c->tail->next = k;
        c->tail = k;
    } else {
        c->head = c->tail = k;
        send_head(c);
    }
}

static void conn_put(struct conn *c)
{
    if (--c->refs == 0) {
        close(c->fd);
        free(c);
    }
}

/* EOF or an error: stop receiving, drop queued sends; memory goes when the last op completes. */
static void conn_close(struct conn *c)
{
    if (c->closing)
        return;
    c->closing = 1;
    if (c->recv_armed) {
        struct io_uring_sqe *sqe = sqe_get();
        io_uring_prep_cancel64(sqe, (uint64_t)(uintptr_t)c | OP_RECV, 0);
        io_uring_sqe_set_data64(sqe, 0);
        io_uring_sqe_set_flags(sqe, IOSQE_CQE_SKIP_SUCCESS);
    }
    /* Chunks after the head are not in flight: release them now. */
    if (c->head) {
        struct chunk *k = c->head->next;
        while (k) {
            struct chunk *n = k->next;
            if (k->bid >= 0)
                buf_return(k->bid);
            else
                free(k->data);
            free(k);
            k = n;
        }
        c->head->next = NULL;
        c->tail = c->head;
    }
    conn_put(c);
}

static void on_recv(struct conn *c, struct io_uring_cqe *cqe)
{
    int more = cqe->flags & IORING_CQE_F_MORE;

    c->refs++;                 /* ours, while this runs */
    if (!more) {
        c->recv_armed = 0;
        c->refs--;             /* the armed receive's */
    }
    if (cqe->res > 0) {
        int bid = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
        char *data = bufs + (size_t)bid * BUF_SIZE;
        if (c->closing) {
            buf_return(bid);
        } else {
#ifdef HTTP
            size_t n = 0;
            for (int i = 0; i < cqe->res; i++) {   /* count "\r\n\r\n" across reads */
                if (data[i] == "\r\n\r\n"[c->matched]) {
                    if (++c->matched == 4) {
                        c->matched = 0;
                        n++;
                    }
                } else {
                    c->matched = data[i] == '\r';
                }
            }
            buf_return(bid);
            if (n) {                               /* one reply buffer of the exact size */
                char *reply = malloc(n * (sizeof RESPONSE - 1));
                for (size_t k = 0; k < n; k++)
                    memcpy(reply + k * (sizeof RESPONSE - 1), RESPONSE, sizeof RESPONSE - 1);
                queue_send(c, reply, (unsigned)(n * (sizeof RESPONSE - 1)), -1);
            }
#else
            queue_send(c, data, (unsigned)cqe->res, bid);
#endif
        }
        if (!more && !c->closing)
            arm_recv(c);       /* the kernel ended the multishot (e.g. CQ overflow): re-arm */
    } else if (cqe->res == -ENOBUFS) {
        if (!more && !c->closing)
            arm_recv(c);       /* buffers come back as sends complete; try again */
    } else if (!c->closing) {
        conn_close(c);         /* 0 = EOF, or an error */
    }
    conn_put(c);
}

static void on_send(struct conn *c, struct io_uring_cqe *cqe)
{
    struct chunk *k = c->head;

    if (cqe->res > 0 && !c->closing) {
        k->off += (unsigned)cqe->res;
        if (k->off < k->len) {
            send_head(c);      /* short send: the rest, in order */
            conn_put(c);
            return;
        }
    } else if (cqe->res <= 0 && !c->closing) {
        conn_close(c);
    }
    c->head = k->next;
    if (!c->head)
        c->tail = NULL;
    if (k->bid >= 0)
        buf_return(k->bid);
    else
        free(k->data);
    free(k);
    if (c->head && !c->closing)
        send_head(c);
    conn_put(c);
}

static void on_accept(struct io_uring_cqe *cqe)
{
    if (cqe->res >= 0) {
        int one = 1;
        struct conn *c = calloc(1, sizeof *c);
        c->fd = cqe->res;
        c->refs = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        arm_recv(c);
    }
    if (!(cqe->flags & IORING_CQE_F_MORE) && !stop)
        arm_accept();
}

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int ring_init(void)
{
    const char *want = getenv("URING_SETUP");
    struct io_uring_params p;
    int r = -EINVAL;

    if (!want || !strcmp(want, "defer")) {
        memset(&p, 0, sizeof p);
        p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
        p.cq_entries = RING_ENTRIES * 4;
        if ((r = io_uring_queue_init_params(RING_ENTRIES, &ring, &p)) == 0)
            return 0;
    }
    if (!want || !strcmp(want, "defer") || !strcmp(want, "coop")) {
        memset(&p, 0, sizeof p);
        p.flags = IORING_SETUP_COOP_TASKRUN | IORING_SETUP_CQSIZE;
        p.cq_entries = RING_ENTRIES * 4;
        if ((r = io_uring_queue_init_params(RING_ENTRIES, &ring, &p)) == 0)
            return 0;
    }
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_CQSIZE;
    p.cq_entries = RING_ENTRIES * 4;
    return io_uring_queue_init_params(RING_ENTRIES, &ring, &p);
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    struct sigaction sa = { .sa_handler = on_signal };   /* no SA_RESTART: the wait returns EINTR */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int r = ring_init();
    if (r < 0) {
        fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-r));
        return 1;
    }
    /* The provided-buffer ring, set up by hand (liburing 2.3 has no io_uring_setup_buf_ring). */
    size_t br_size = NBUFS * sizeof(struct io_uring_buf);
    br = mmap(NULL, br_size, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    bufs = mmap(NULL, (size_t)NBUFS * BUF_SIZE, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (br == MAP_FAILED || bufs == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    struct io_uring_buf_reg reg = { .ring_addr = (uint64_t)(uintptr_t)br, .ring_entries = NBUFS, .bgid = BGID };
    if ((r = io_uring_register_buf_ring(&ring, &reg, 0)) < 0) {
        fprintf(stderr, "io_uring_register_buf_ring: %s\n", strerror(-r));
        return 1;
    }
    io_uring_buf_ring_init(br);
    for (int i = 0; i < NBUFS; i++)
        io_uring_buf_ring_add(br, bufs + (size_t)i * BUF_SIZE, BUF_SIZE, (unsigned short)i,
                              io_uring_buf_ring_mask(NBUFS), i);
    io_uring_buf_ring_advance(br, NBUFS);

    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(listen_fd, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(listen_fd, 4096) < 0) {
        perror("listen");
        return 1;
    }
    arm_accept();

    while (!stop) {
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;

        r = io_uring_submit_and_wait(&ring, 1);
        if (r < 0 && r != -EINTR && r != -EAGAIN && r != -EBUSY) {
            fprintf(stderr, "io_uring_submit_and_wait: %s\n", strerror(-r));
            break;
        }
        io_uring_for_each_cqe(&ring, head, cqe) {
            uint64_t ud = cqe->user_data;
            struct conn *c = (struct conn *)(uintptr_t)(ud & ~(uint64_t)7);
            switch (ud & 7) {
            case OP_ACCEPT: on_accept(cqe); break;
            case OP_RECV:   on_recv(c, cqe); break;
            case OP_SEND:   on_send(c, cqe); break;
            default: break;            /* a cancellation's own result */
            }
            seen++;
        }
        io_uring_cq_advance(&ring, seen);
    }
    close(listen_fd);
    io_uring_queue_exit(&ring);   /* the kernel cancels what is still armed */
    return 0;
}
