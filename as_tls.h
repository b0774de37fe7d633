/*
 * TLS for AsyncStream: the 'tls' options (tls_options.c), one SSL_CTX per distinct option
 * set cached on the base (tls_ctx.c), the per-connection engine over OpenSSL on the
 * socket fd and readable errors (tls.c), and the getTlsInfo() array (tls_info.c). The
 * engine never calls PHP: it returns results and "wants" (readable / writable) that the
 * stream core maps to the loop.
 */
#ifndef AS_TLS_H
#define AS_TLS_H

#include "php.h"

extern zend_class_entry *php_asyncstream_tls_exception_ce; /* AsyncStreamTlsException */

/* The MINFO rows: TLS availability and the OpenSSL version. */
void as_tls_minfo(void);
/* Whether this build has TLS. */
bool as_tls_available(void);

/* stream_tls.c: "tls://REST" -> a new "tcp://REST" to parse; NULL when address is not tls://. */
zend_string *as_tls_address_strip(const zend_string *address);
/* Throws the AsyncStreamException of a build without OpenSSL, naming `what`. */
void as_tls_throw_unavailable(const char *what);

#ifdef HAVE_AS_TLS

#include <openssl/ssl.h>

typedef struct _as_tls_ctx as_tls_ctx;

/* tls_ctx.c: an SSL_CTX with what its callbacks need, shared by the engines made from it. */
struct _as_tls_ctx {
	SSL_CTX *ctx;                /* NULL for the cache's shared system trust store entry */
	X509_STORE *store;           /* that entry's store */
	uint32_t refcount;           /* the cache's reference + one per engine */
	bool server;
	bool allow_self_signed;
	bool verify_peer;
	zend_string *alpn;           /* server: our protocols in preference order (wire format) */
	HashTable *sni;              /* server: lower-case host => SSL_CTX * (SNI_server_certs) */
	HashTable *sessions;         /* client: session key => SSL_SESSION * (tls_session.c), or NULL */
	uint32_t sessions_gen;       /* as_fork_generation when sessions was made */
};

/* The parsed 'tls' option array (API Part 4). */
typedef struct _as_tls_conf {
	/* per connection */
	zend_string *peer_name;      /* NULL: the host of the address */
	double handshake_timeout;    /* server side; default 10 s */
	bool verify_peer_name;
	bool sni_enabled;
	bool capture_peer_cert;
	bool session_cache;          /* client: resume a session of an earlier connection (default true) */
	int8_t server;               /* startTls(): -1 unset, 0 client, 1 server */
	/* per SSL_CTX (the cache key) */
	bool verify_peer;
	bool verify_peer_set;        /* given explicitly (a server verifies clients only when asked) */
	bool allow_self_signed;
	int verify_depth;            /* -1: OpenSSL's default */
	int min_version, max_version;/* TLS1_2_VERSION / 0 (the highest) */
	zend_string *cafile, *capath, *local_cert, *local_pk, *passphrase, *ciphers;
	zend_string *alpn;           /* ALPN wire format (length-prefixed), or NULL */
	HashTable *sni_certs;        /* lower-case host => [cert, pk|NULL] (zend_string pair), or NULL */
} as_tls_conf;

#define AS_TLS_DEFAULT_HANDSHAKE_TIMEOUT 10.0

/* tls_options.c */
void as_tls_conf_init(as_tls_conf *c);
void as_tls_conf_release(as_tls_conf *c);
/*
 * Reads the 'tls' option value v (must be an array) into c. An unknown name throws
 * ValueError, a wrong type TypeError, both naming argument arg_num and the option.
 * allow_server: 'server' is accepted (startTls()). Returns false after throwing.
 */
bool as_tls_conf_parse(zval *v, uint32_t arg_num, bool allow_server, as_tls_conf *c);

/* tls_ctx.c */
/* A reference on a context for an object that outlives the cache lookup (a server). */
void as_tls_ctx_ref(as_tls_ctx *x);
void as_tls_ctx_unref(as_tls_ctx *x);
/* Drops one reference; the last frees the SSL_CTX (an engine's, in as_tls_free()). */
AS_HIDDEN void as_tls_ctx_release(as_tls_ctx *x);

/* The per-base SSL_CTX cache (a HashTable of key => as_tls_ctx *). */
HashTable *as_tls_cache_new(void);
void as_tls_cache_free(HashTable *cache);
/*
 * The SSL_CTX for conf in role server, from cache (created on first use). Certificate,
 * key and CA files are loaded here: a missing/unreadable/mismatched one throws
 * AsyncStreamTlsException naming `what` (e.g. "AsyncStream::connect()"), the path and
 * OpenSSL's reason, and returns NULL.
 */
as_tls_ctx *as_tls_ctx_get(HashTable *cache, const as_tls_conf *conf, bool server, const char *what);

/* tls.c: errors */
/* OpenSSL's queued errors as one message (drained), or `fallback` when the queue was empty. */
AS_HIDDEN zend_string *as_tls_error_string(const char *fallback);
/* Throws AsyncStreamTlsException with code and the formatted message. */
AS_HIDDEN void as_tls_throw(int code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);

/* tls.c: the engine */
/* What an engine call needs before it can go on. */
#define AS_TLS_WANT_READ  1u
#define AS_TLS_WANT_WRITE 2u

typedef enum {
	AS_TLS_OK = 0,     /* done */
	AS_TLS_AGAIN,      /* wait for t->wants, then call again */
	AS_TLS_EOF,        /* the peer closed (recv: clean or not, see clean_shutdown) */
	AS_TLS_ERROR,      /* t->err_code (errno-like) and t->err_msg say why */
} as_tls_result;

typedef struct _as_tls {
	SSL *ssl;
	as_tls_ctx *ctx;
	zend_string *err_msg;        /* the last failure, readable (OpenSSL's queue drained) */
	zend_string *host;           /* client: the name checked and sent as SNI, or NULL */
	zend_string *session_key;    /* client with the session cache: where its sessions are kept */
	int err_code;                /* ECONNRESET, EPROTO, ... */
	uint32_t fork_gen;           /* as_fork_generation when created: a child sends nothing */
	uint8_t wants;               /* AS_TLS_WANT_* for the call that returned AS_TLS_AGAIN */
	uint8_t read_wants;          /* what a pending SSL_read waits for */
	uint8_t write_wants;         /* what a pending SSL_write waits for */
	bool server : 1;
	bool handshake_done : 1;
	bool got_close_notify : 1;   /* the peer's close_notify was read */
	bool peer_eof : 1;           /* the peer ended (with or without close_notify) */
	bool sent_close_notify : 1;
	bool verify_peer : 1;
	bool capture_peer_cert : 1;
	bool closed : 1;             /* the stream closed: clean_shutdown is final */
	size_t write_retry;          /* bytes of an SSL_write that returned AGAIN (retry with >= that many) */
	/* transport_tls.c's state: what the stream core waits for, and which socket events are armed */
	uint8_t core_wants;          /* AS_WANT_READ / AS_WANT_WRITE as the core last said */
	uint8_t armed;               /* socket events added: AS_TLS_WANT_READ / AS_TLS_WANT_WRITE */
	bool fd_set : 1;             /* SSL_set_fd() done for the current descriptor */
	bool activated : 1;          /* a read turn was asked for, readiness or not */
	bool in_handshake : 1;       /* the core runs our handshake (the handshake's wants rule) */
	size_t plain_left;           /* startTls(): queued plaintext to send before the handshake */
} as_tls;

/*
 * A new engine in role server; host (may be NULL) is the name for SNI and the hostname
 * check unless conf's peer_name says otherwise. Returns NULL (errno ENOMEM) when
 * OpenSSL cannot allocate. The socket comes later (as_tls_set_fd()).
 */
as_tls *as_tls_new(as_tls_ctx *ctx, bool server, const as_tls_conf *conf, const char *host);
/* The connected socket the engine reads and writes (before the first handshake step). */
bool as_tls_set_fd(as_tls *t, int fd);
/* Frees the engine without sending anything (the fd is not closed). */
void as_tls_free(as_tls *t);

/* One handshake step. */
as_tls_result as_tls_handshake(as_tls *t);
/*
 * Decrypted bytes into buf (up to len): OK with *n > 0, AGAIN (t->wants), EOF (the peer
 * ended; clean_shutdown says how), ERROR. Reads until OpenSSL holds no more decrypted
 * or buffered bytes, so a level-triggered readable event never misses data.
 */
as_tls_result as_tls_recv_bytes(as_tls *t, char *buf, size_t len, size_t *n);
/* Encrypts and sends up to len bytes: OK with *n (> 0) taken, AGAIN, ERROR. */
as_tls_result as_tls_send_bytes(as_tls *t, const char *buf, size_t len, size_t *n);
/* The iovecs, small ones gathered into one record, up to room bytes: taken (> 0) or -1 with errno. */
#define AS_TLS_GATHER 16384
ssize_t as_tls_send_iov(as_tls *t, const struct iovec *iov, int iovcnt, size_t room);
/* Whether decrypted bytes are waiting inside OpenSSL (the socket may not be readable). */
bool as_tls_has_pending(as_tls *t);
/* Sends close_notify: OK (sent), AGAIN (t->wants), ERROR. */
as_tls_result as_tls_shutdown(as_tls *t);
/*
 * Best effort on an abrupt close(): one nonblocking attempt at close_notify after a
 * finished handshake, never in a forked child (G5) nor with a record half sent.
 */
void as_tls_close_notify_once(as_tls *t);

/* tls_session.c: client session resumption */
/* A client SSL_CTX keeps the sessions its connections get (as_tls_session_new_cb()). */
void as_tls_sessions_setup(SSL_CTX *ctx);
/* Frees the sessions kept on x (with its SSL_CTX). */
void as_tls_sessions_free(as_tls_ctx *x);
/*
 * Client engine t, connecting to addr ("tcp://HOST:PORT" as given) with conf (name check
 * and SNI on or off): keeps the sessions it gets under that key, and offers the one kept
 * (before the handshake).
 */
void as_tls_session_offer(as_tls *t, const zend_string *addr, const as_tls_conf *conf);

/* tls_info.c: fills rv with the getTlsInfo() array. */
void as_tls_info(as_tls *t, zval *rv);

/* stream_tls.c */
struct _as_base;
struct _as_stream;
/* Parses the 'tls' option value ztls (NULL: none given) into conf and gets its SSL_CTX from b's cache; NULL after throwing. */
as_tls_ctx *as_tls_setup(struct _as_base *b, zval *ztls, uint32_t arg, bool server, const char *what, as_tls_conf *conf);
/* The host of "tcp://HOST:PORT", "tls://[V6]:PORT" into host. */
void as_tls_host_of(const zend_string *addr, char *host, size_t len);
/*
 * Puts stream s on a TLS transport with engine t (before its descriptor is opened): TLS
 * over the ring (transport_tls_uring.c) when b's streams use io_uring, else readiness TLS.
 */
void as_stream_use_tls(struct _as_stream *s, as_tls *t, struct _as_base *b);
/* transport_tls.c: the exception for a failure of a TLS transport (AsyncStreamTlsException, or NULL for a socket error). */
zend_object *as_tls_transport_error(struct _as_stream *s, const char *what, int err, const char *peer);

#ifdef HAVE_AS_IO_URING
/* transport_tls_uring.c: TLS over the base's io_uring ring. */
extern const struct _as_transport_ops as_transport_tls_uring;
/* startTls() on a stream on the io_uring transport: the same ring state goes on under TLS. False with errno. */
bool as_tls_uring_switch(struct _as_stream *s, as_tls *t);
/* MSHUTDOWN: the BIO method. */
void as_tls_uring_mshutdown(void);
/* The base goes: its pool of record blocks is freed (blocks still on a wire follow when drained). */
void as_tls_uring_base_release(struct _as_base *b);
#endif
/*
 * A connection accepted by a TLS server: a stream in its handshake, owned by the loop,
 * not shown to PHP until ready(s, owner, NULL) (onConnection) or ready(s, owner, error).
 * Returns false (fd closed, errno set) on failure.
 */
bool as_stream_tls_accept(struct _as_base *b, int fd, const struct _as_stream_opts *o,
	struct _as_server_conns *conns, as_tls_ctx *ctx,
	const as_tls_conf *conf, zend_object *owner,
	void (*ready)(struct _as_stream *s, zend_object *owner, zend_object *error));

#endif /* HAVE_AS_TLS */
#endif /* AS_TLS_H */
