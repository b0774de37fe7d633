/*
 * c_tls_reference.c - the C reference for TLS servers: libevent + OpenSSL, one SSL per
 * connection on the socket fd, SSL_read()/SSL_write() called directly, nonblocking
 * handshake driven by the same READ|PERSIST event. Configured like asyncstream's TLS
 * (read-ahead on, SSL_MODE_RELEASE_BUFFERS, partial writes, TLS >= 1.2, OpenSSL's
 * default ciphers and session cache), so a ratio against it measures what the PHP
 * extension adds, not OpenSSL tuning.
 *
 *   cc -O2 -o c_tls_echo bench/c_tls_reference.c $(pkg-config --cflags --libs libevent_core openssl)
 *   cc -O2 -DHTTP -o c_tls_http bench/c_tls_reference.c ...
 *   ./c_tls_echo CERT.pem PORT      (127.0.0.1; CERT.pem holds certificate and key; SIGTERM stops it)
 *
 * Echo mode echoes every byte; HTTP mode answers every "\r\n\r\n"-terminated header
 * block with 200 "Hello, World!" (keep-alive, pipelining), like the plain floor.
 */
#include <event2/event.h>
#include <event2/listener.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_SIZE 65536
#ifdef HTTP
static const char RESPONSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
#endif

struct client {
    evutil_socket_t fd;
    SSL *ssl;
    struct event *reader, *writer;
    char *unsent;          /* reply bytes SSL_write() could not send yet */
    size_t unsent_len;
    int handshaking;
    int matched;           /* HTTP: bytes of "\r\n\r\n" seen at the end of the last read */
};

static struct event_base *base;
static SSL_CTX *ctx;
static char buf[READ_SIZE];
#ifdef HTTP
static char reply[READ_SIZE + sizeof RESPONSE];
#endif

static void client_close(struct client *c)
{
    event_free(c->reader);
    event_free(c->writer);
    SSL_free(c->ssl);
    free(c->unsent);
    close(c->fd);
    free(c);
    ERR_clear_error();
}

/* Sends data; after a short write, pauses reading until the rest is out. Returns 0 when c was closed. */
static int client_send(struct client *c, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        int n = SSL_write(c->ssl, data + done, (int)(len - done));
        if (n > 0) {
            done += (size_t)n;
            continue;
        }
        int e = SSL_get_error(c->ssl, n);
        if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
            break;
        }
        client_close(c);
        return 0;
    }
    if (done < len) {
        c->unsent_len = len - done;
        c->unsent = malloc(c->unsent_len);
        memcpy(c->unsent, data + done, c->unsent_len);
        event_del(c->reader);
        event_add(c->writer, NULL);
    }
    return 1;
}

static void on_readable(evutil_socket_t fd, short what, void *arg);

static void on_writable(evutil_socket_t fd, short what, void *arg)
{
    (void)what;
    struct client *c = arg;
    if (c->handshaking) {
        on_readable(fd, EV_READ, c);
        return;
    }
    char *data = c->unsent;
    size_t len = c->unsent_len;
    c->unsent = NULL;
    event_del(c->writer);
    event_add(c->reader, NULL);         /* client_send() pauses it again if needed */
    client_send(c, data, len);          /* the same bytes again: OpenSSL's retry rule */
    free(data);
}

static int handle(struct client *c, size_t n)
{
#ifdef HTTP
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {    /* count "\r\n\r\n" across reads */
        if (buf[i] == "\r\n\r\n"[c->matched]) {
            if (++c->matched == 4) {
                c->matched = 0;
                memcpy(reply + len, RESPONSE, sizeof RESPONSE - 1);
                len += sizeof RESPONSE - 1;
                if (len + sizeof RESPONSE > sizeof reply) {
                    if (!client_send(c, reply, len) || c->unsent)
                        return 0;
                    len = 0;
                }
            }
        } else {
            c->matched = buf[i] == '\r';
        }
    }
    if (len)
        return client_send(c, reply, len) && !c->unsent;
    return 1;
#else
    return client_send(c, buf, n) && !c->unsent;
#endif
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
    (void)fd, (void)what;
    struct client *c = arg;

    if (c->handshaking) {
        int r = SSL_do_handshake(c->ssl);
        if (r != 1) {
            int e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) {
                event_del(c->writer);
                return;
            }
            if (e == SSL_ERROR_WANT_WRITE) {
                event_add(c->writer, NULL);
                return;
            }
            client_close(c);
            return;
        }
        c->handshaking = 0;
        event_del(c->writer);
    }
    /* Read until OpenSSL holds nothing more (read-ahead: one read() takes whole records). */
    for (;;) {
        size_t got = 0;
        while (got < sizeof buf) {
            int n = SSL_read(c->ssl, buf + got, (int)(sizeof buf - got));
            if (n > 0) {
                got += (size_t)n;
                if (!SSL_has_pending(c->ssl))
                    break;
                continue;
            }
            int e = SSL_get_error(c->ssl, n);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
                break;
            if (got)
                break;                  /* the error comes again on the next read */
            client_close(c);            /* EOF, close_notify or error */
            return;
        }
        if (got == 0)
            return;
        if (!handle(c, got))
            return;
        if (!SSL_has_pending(c->ssl))
            return;
    }
}

static void on_accept(struct evconnlistener *listener, evutil_socket_t fd,
                      struct sockaddr *addr, int len, void *arg)
{
    (void)listener, (void)addr, (void)len, (void)arg;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct client *c = calloc(1, sizeof *c);
    c->fd = fd;
    c->ssl = SSL_new(ctx);
    SSL_set_fd(c->ssl, fd);
    SSL_set_accept_state(c->ssl);
    c->handshaking = 1;
    c->reader = event_new(base, fd, EV_READ | EV_PERSIST, on_readable, c);
    c->writer = event_new(base, fd, EV_WRITE | EV_PERSIST, on_writable, c);
    event_add(c->reader, NULL);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)sig, (void)what, (void)arg;
    event_base_loopbreak(base);
}

int main(int argc, char **argv)
{
    int port = argc > 2 ? atoi(argv[2]) : 0;
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "usage: %s CERT.pem PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_read_ahead(ctx, 1);
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"ref", 3);
    if (SSL_CTX_use_certificate_chain_file(ctx, argv[1]) != 1
            || SSL_CTX_use_PrivateKey_file(ctx, argv[1], SSL_FILETYPE_PEM) != 1) {
        ERR_print_errors_fp(stderr);
        return 1;
    }
    base = event_base_new();
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct evconnlistener *listener = evconnlistener_new_bind(
        base, on_accept, NULL, LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_FREE, 1024,
        (struct sockaddr *)&sin, sizeof sin);
    if (!listener) {
        perror("listen");
        return 1;
    }
    struct event *sigterm = evsignal_new(base, SIGTERM, on_signal, NULL);
    struct event *sigint = evsignal_new(base, SIGINT, on_signal, NULL);
    event_add(sigterm, NULL);
    event_add(sigint, NULL);

    event_base_dispatch(base);

    event_free(sigterm);
    event_free(sigint);
    evconnlistener_free(listener);
    event_base_free(base);
    SSL_CTX_free(ctx);
    return 0;
}
