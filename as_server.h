/*
 * AsyncStreamServer's object, shared by server.c (methods, handlers, teardown) and
 * server_accept.c (the listening socket, the accept loop, the connection count).
 * Internal to those two files.
 */
#ifndef AS_SERVER_H
#define AS_SERVER_H

#include "asyncstream_internal.h"
#include "as_tls.h"

typedef enum {
	AS_SRV_UNINIT = 0,     /* created without a constructor, or construction failed */
	AS_SRV_LIVE,
	AS_SRV_CLOSED,         /* close(), or destroyed at shutdown */
	AS_SRV_BASE_FREED,     /* detached by EventBase::free() / base destruction */
} as_server_state;

/*
 * The open connections of one server. Shared with every stream it accepted (each holds a
 * reference until it closes), so that the server and its connections may go in any order.
 */
struct _as_server_conns {
	uint32_t refcount;         /* the server (while it exists) + one per open accepted stream */
	uint32_t count;            /* open accepted connections */
	struct _as_server *server; /* NULL once the server object is freed */
};

typedef struct _as_server {
	as_base *base;             /* attached base, NULL once closed or detached */
	as_child link;
	struct event *ev_accept;   /* READ|PERSIST on fd */
	struct event *ev_backoff;  /* retry timer while out of descriptors */
	evutil_socket_t fd;        /* listening socket, -1 once closed */
	as_callback on_connection;
	as_callback on_error;
	as_stream_opts opts;       /* per-connection options for every accepted AsyncStream */
	as_server_conns *conns;    /* open accepted connections (shared with them) */
	uint32_t max_connections;  /* 0: no limit */
	zend_string *address;      /* what getAddress() returns; kept after close() */
	zend_string *unix_path;    /* the socket file this process created, removed on close */
	dev_t unix_dev;
	ino_t unix_ino;
	pid_t owner_pid;           /* the process that created unix_path */
	uint32_t backoff_ms;       /* > 0 during an exhaustion episode: the next retry delay */
	uint32_t running;          /* > 0 while one of our libevent callbacks is on the stack */
	uint8_t state;
	bool paused;
	bool at_limit;             /* ev_accept removed because max_connections are open */
#ifdef HAVE_AS_TLS
	as_tls_ctx *tls_ctx;       /* tls:// server: its SSL_CTX (a reference), else NULL */
	as_tls_conf tls_conf;      /* per-connection TLS options (handshake_timeout, ...) */
#endif
	zend_object std;
} as_server;

static zend_always_inline as_server *as_server_from_obj(zend_object *obj)
{
	return (as_server *)((char *)obj - XtOffsetOf(as_server, std));
}
#define Z_AS_SERVER_P(zv) as_server_from_obj(Z_OBJ_P(zv))

static zend_always_inline as_server *as_server_from_link(as_child *child)
{
	return (as_server *)((char *)child - XtOffsetOf(as_server, link));
}

/* server.c */
/* Frees the libevent events unless one of their callbacks is running (it does it then). */
AS_HIDDEN void as_server_release_native(as_server *s);
/* Removes the unix socket file this process created, while it is still ours. */
AS_HIDDEN void as_server_unlink_path(as_server *s);

/* server_accept.c */
/* Drops one reference on the connection count (the server's, or a closed stream's). */
AS_HIDDEN void as_server_conns_release(as_server_conns *c);

#endif /* AS_SERVER_H */
