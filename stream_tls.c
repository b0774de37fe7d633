/*
 * TLS on AsyncStream (API Part 4), the PHP side: "tls://" addresses for connect() and
 * AsyncStreamServer, startTls(), getTlsInfo(). The engine is tls.c, the transport under
 * the stream core transport_tls.c. Without OpenSSL (--without-openssl) a tls:// address
 * and startTls() throw a clear AsyncStreamException and getTlsInfo() returns null.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "as_tls.h"
#include "zend_exceptions.h"

#include <event2/buffer.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

zend_string *as_tls_address_strip(const zend_string *address)
{
	if (ZSTR_LEN(address) >= 6 && strncasecmp(ZSTR_VAL(address), "tls://", 6) == 0) {
		return zend_strpprintf(0, "tcp://%s", ZSTR_VAL(address) + 6);
	}
	return NULL;
}

void as_tls_throw_unavailable(const char *what)
{
	zend_throw_exception_ex(php_asyncstream_stream_exception_ce, EPROTONOSUPPORT,
		"%s: TLS is not available: asyncstream was built without OpenSSL (--without-openssl)", what);
}

#ifndef HAVE_AS_TLS

ZEND_METHOD(AsyncStream, startTls)
{
	HashTable *tls;
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(tls)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	as_throw(php_asyncstream_stream_exception_ce, EPROTONOSUPPORT,
		"TLS is not available: asyncstream was built without OpenSSL (--without-openssl)");
	RETURN_THROWS();
}

ZEND_METHOD(AsyncStream, getTlsInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_NULL();
}

#else /* HAVE_AS_TLS */

static HashTable *as_base_tls_cache(as_base *b)
{
	if (!b->tls_ctxs) {
		b->tls_ctxs = as_tls_cache_new();
	}
	return b->tls_ctxs;
}

as_tls_ctx *as_tls_setup(as_base *b, zval *ztls, uint32_t arg, bool server, const char *what, as_tls_conf *conf)
{
	as_tls_conf_init(conf);
	if (ztls && !as_tls_conf_parse(ztls, arg, false, conf)) {
		return NULL;
	}
	return as_tls_ctx_get(as_base_tls_cache(b), conf, server, what);
}

/* The host part of "tcp://HOST:PORT" / "tcp://[V6]:PORT" (for SNI and the name check). */
void as_tls_host_of(const zend_string *addr, char *host, size_t len)
{
	const char *p = ZSTR_VAL(addr), *end;

	if (strncasecmp(p, "tcp://", 6) == 0 || strncasecmp(p, "tls://", 6) == 0) {
		p += 6;
	}
	if (*p == '[') {
		p++;
		end = strchr(p, ']');
	} else {
		end = strrchr(p, ':');
	}
	if (!end) {
		end = p + strlen(p);
	}
	snprintf(host, len, "%.*s", (int)(end - p), p);
}

void as_stream_use_tls(as_stream *s, as_tls *t)
{
	s->tp = &as_transport_tls;
	s->tls = t;
}

/* startTls()'s onSecure, from the core once the handshake is done. */
static void as_stream_tls_secured(as_stream *s, zend_object *owner, zend_object *error)
{
	zval arg;

	ZVAL_OBJ_COPY(&arg, &s->std);
	as_invoke(s->base, &s->std, &s->on_secure, 1, &arg);
	zval_ptr_dtor(&arg);
	if (s->state != AS_ST_CLOSED) {
		as_callback_clear(&s->on_secure);
	}
}

ZEND_METHOD(AsyncStream, startTls)
{
	HashTable *tls = NULL;
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	as_stream *s = Z_AS_STREAM_P(ZEND_THIS);
	as_tls_conf conf;
	as_tls_ctx *ctx;
	as_tls *t;
	bool server;
	char host[256] = "";
	zval ztls;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(tls)
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	if (s->state == AS_ST_UNINIT) {
		as_throw(NULL, 0, "the stream is not initialised (its constructor was not called)");
		RETURN_THROWS();
	}
	if (s->base_freed) {
		as_throw(NULL, 0, "the stream's EventBase has been freed");
		RETURN_THROWS();
	}
	if (s->tls) {
		as_throw(NULL, 0, "the stream already uses TLS");
		RETURN_THROWS();
	}
	if (s->state == AS_ST_CLOSED) {
		as_throw(NULL, 0, "the stream is closed");
		RETURN_THROWS();
	}
	if (s->state != AS_ST_CONNECTED) {
		as_throw(NULL, 0, "the stream is not connected yet (call it from onConnect or later)");
		RETURN_THROWS();
	}
	if (s->user_closed || s->ending) {
		as_throw(NULL, 0, "the stream was ended with end()");
		RETURN_THROWS();
	}
	if (!s->is_socket) {
		as_throw(NULL, 0, "TLS needs a socket, this stream is a pipe or terminal");
		RETURN_THROWS();
	}
	as_base_fork_check(s->base);

	as_tls_conf_init(&conf);
	if (tls) {
		ZVAL_ARR(&ztls, tls);
		if (!as_tls_conf_parse(&ztls, 1, true, &conf)) {
			as_tls_conf_release(&conf);
			RETURN_THROWS();
		}
	}
	server = conf.server >= 0 ? conf.server == 1 : s->accepted;
	if (!(ctx = as_tls_ctx_get(as_base_tls_cache(s->base), &conf, server, "AsyncStream::startTls()"))) {
		as_tls_conf_release(&conf);
		RETURN_THROWS();
	}
	if (!server) {
		if (s->addr) {
			as_tls_host_of(s->addr, host, sizeof(host));
		} else {
			zend_string *peer = as_stream_peer_name(s);
			as_tls_host_of(peer, host, sizeof(host));
			zend_string_release(peer);
		}
	}
	t = as_tls_new(ctx, server, &conf, host[0] ? host : NULL);
	if (!t) {
		as_tls_conf_release(&conf);
		as_throw(php_asyncstream_tls_exception_ce, ENOMEM, "OpenSSL could not create a connection");
		RETURN_THROWS();
	}
	if (!server && s->addr && conf.session_cache) {
		as_tls_session_offer(t, s->addr, &conf); /* a stream from connect(): its address */
	}
	/* Bytes queued before the call go out in plaintext before the handshake starts. */
	t->plain_left = s->out ? evbuffer_get_length(s->out) : 0;

	/* The switch: the plain transport lets go of the descriptor's events, TLS takes them over. */
	s->tp->want(s, AS_WANT_READ | AS_WANT_WRITE, false);
	s->reading = s->writing = false;
	as_stream_use_tls(s, t);
	if (s->tp->open(s) != 0) {
		as_tls_conf_release(&conf);
		as_throw(php_asyncstream_tls_exception_ce, ENOMEM, "libevent could not watch the socket");
		RETURN_THROWS();
	}
	if (ZEND_FCI_INITIALIZED(fci)) {
		as_callback_set(&s->on_secure, &fci, &fcc);
	}
	s->ready = as_stream_tls_secured;
	s->ready_obj = NULL;
	s->ready_gets_errors = false;
	as_stream_start_handshake(s, conf.handshake_timeout);
	as_tls_conf_release(&conf);
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(AsyncStream, getTlsInfo)
{
	as_stream *s = Z_AS_STREAM_P(ZEND_THIS);

	ZEND_PARSE_PARAMETERS_NONE();
	if (s->state == AS_ST_UNINIT) {
		as_throw(NULL, 0, "the stream is not initialised (its constructor was not called)");
		RETURN_THROWS();
	}
	if (!s->tls) {
		RETURN_NULL();
	}
	as_tls_info(s->tls, return_value);
}

/*
 * A connection accepted by a TLS server: a stream in the handshake, owned by the loop,
 * not yet shown to PHP. ready() gets it (onConnection) or its failure (onError), with
 * owner (the server) as ready_obj. Returns false (fd closed, errno set) on failure.
 */
bool as_stream_tls_accept(as_base *b, evutil_socket_t fd, const as_stream_opts *o, as_server_conns *conns, as_tls_ctx *ctx,
	const as_tls_conf *conf, zend_object *owner, as_stream_ready_fn ready)
{
	zval zs;
	as_stream *s;
	as_tls *t = as_tls_new(ctx, true, conf, NULL);

	if (!t) {
		close(fd);
		errno = ENOMEM;
		return false;
	}
	object_init_ex(&zs, php_asyncstream_stream_ce);
	s = Z_AS_STREAM_P(&zs);
	as_stream_use_tls(s, t);
	s->accepted = true;
	if (!as_stream_init_connected(s, b, fd, true, o)) {
		int err = errno;
		zval_ptr_dtor(&zs);
		errno = err;
		return false;
	}
	{
		/* The peer's address now: a reset during the handshake leaves nothing to ask later. */
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		if (getpeername(fd, (struct sockaddr *)&ss, &len) == 0) {
			as_stream_record_peer(s, (struct sockaddr *)&ss, len);
		}
	}
	if (conns) {
		s->conns = conns;
		as_server_conns_add(conns);
	}
	s->ready = ready;
	s->ready_obj = owner;
	GC_ADDREF(owner);
	s->ready_gets_errors = true;
	as_stream_start_handshake(s, conf->handshake_timeout);
	zval_ptr_dtor(&zs); /* the loop owns it until it closes */
	return true;
}

#endif /* HAVE_AS_TLS */
