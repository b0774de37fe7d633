/*
 * Client-side TLS session resumption. Sessions live on the client SSL_CTX they were made
 * with (so per EventBase and per option set: one made with other CAs or verification
 * settings is never offered), keyed by the address connected to (name and port), the
 * name checked, whether it was checked and whether it was sent as SNI (a server picks
 * its certificate by SNI: a session from another SNI is not this connection's). OpenSSL hands a new session to
 * as_tls_session_new_cb(), during the handshake (TLS 1.2) or after it, when a TLS 1.3
 * ticket arrives with the first records read; the next connect() with the same key
 * offers it with SSL_set_session(). A TLS 1.3 session is offered once (RFC 8446, C.4):
 * the resumed connection brings its own ticket. The cache is freed with the SSL_CTX
 * (with the base), and a forked child drops what it inherited before offering anything
 * (G5: the parent's sessions are its own; the child starts with full handshakes).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "as_tls.h"

#ifdef HAVE_AS_TLS

#include <openssl/err.h>

/* Sessions kept per SSL_CTX: enough for every server a program talks to, bounded all the same. */
#define AS_TLS_SESSIONS_MAX 256

static void as_tls_session_dtor(zval *zv)
{
	SSL_SESSION_free((SSL_SESSION *)Z_PTR_P(zv));
}

static void as_tls_sessions_drop(as_tls_ctx *x)
{
	if (x->sessions) {
		zend_hash_destroy(x->sessions);
		efree(x->sessions);
		x->sessions = NULL;
	}
}

/* OpenSSL's new-session callback: 1 keeps its reference (ours now), 0 lets OpenSSL free it. */
static int as_tls_session_new_cb(SSL *ssl, SSL_SESSION *sess)
{
	as_tls *t = SSL_get_app_data(ssl);
	as_tls_ctx *x;

	if (!t || !t->session_key || t->fork_gen != as_fork_generation || !SSL_SESSION_is_resumable(sess)) {
		return 0;
	}
	x = t->ctx;
	if (x->sessions && x->sessions_gen != as_fork_generation) {
		as_tls_sessions_drop(x);
	}
	if (!x->sessions) {
		x->sessions = emalloc(sizeof(HashTable));
		zend_hash_init(x->sessions, 8, NULL, as_tls_session_dtor, 0);
		x->sessions_gen = as_fork_generation;
	}
	if (zend_hash_num_elements(x->sessions) >= AS_TLS_SESSIONS_MAX && !zend_hash_exists(x->sessions, t->session_key)) {
		/* The oldest entry makes room. */
		zend_string *oldest;
		ZEND_HASH_FOREACH_STR_KEY(x->sessions, oldest) {
			zend_hash_del(x->sessions, oldest);
			break;
		} ZEND_HASH_FOREACH_END();
	}
	zend_hash_update_ptr(x->sessions, t->session_key, sess); /* frees the one it replaces */
	return 1;
}

void as_tls_sessions_setup(SSL_CTX *ctx)
{
	/* Our own store only: OpenSSL's internal client cache has no notion of which server. */
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
	SSL_CTX_sess_set_new_cb(ctx, as_tls_session_new_cb);
}

void as_tls_sessions_free(as_tls_ctx *x)
{
	as_tls_sessions_drop(x);
}

void as_tls_session_offer(as_tls *t, const zend_string *addr, const as_tls_conf *conf)
{
	as_tls_ctx *x = t->ctx;
	SSL_SESSION *sess;

	if (t->server || !x->ctx || t->session_key) {
		return;
	}
	/* What the handshake depends on beyond the SSL_CTX: the name sent (SNI) and checked. */
	t->session_key = zend_strpprintf(0, "%s|%s|%d%d", ZSTR_VAL(addr), t->host ? ZSTR_VAL(t->host) : "",
		(int)conf->verify_peer_name, (int)conf->sni_enabled);
	if (!x->sessions) {
		return;
	}
	if (x->sessions_gen != as_fork_generation) {
		as_tls_sessions_drop(x); /* inherited from the parent (G5) */
		return;
	}
	sess = zend_hash_find_ptr(x->sessions, t->session_key);
	if (!sess) {
		return;
	}
	if (SSL_set_session(t->ssl, sess) != 1) {
		ERR_clear_error();
		zend_hash_del(x->sessions, t->session_key); /* unusable: a full handshake, and forget it */
		return;
	}
	if (SSL_SESSION_get_protocol_version(sess) >= TLS1_3_VERSION) {
		zend_hash_del(x->sessions, t->session_key); /* single use; SSL_set_session() took its own reference */
	}
}

#endif /* HAVE_AS_TLS */
