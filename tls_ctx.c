/*
 * TLS for AsyncStream: one SSL_CTX per distinct option set and role, cached on the base
 * (as_tls_ctx, refcounted: the cache holds one reference, each engine and TLS server
 * another). Certificates, keys and CA files are loaded once, and a bad one is reported
 * at construction with the path and OpenSSL's reason; the system trust store is loaded
 * once per base and shared. Also the SSL_CTX callbacks: passphrase, allow_self_signed,
 * ALPN selection, SNI_server_certs.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "asyncstream_internal.h"
#include "as_tls.h"

#ifdef HAVE_AS_TLS

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#ifndef SSL_OP_NO_RENEGOTIATION
# define SSL_OP_NO_RENEGOTIATION 0
#endif

/* =================================================================================
 * SSL_CTX: creation and the per-base cache
 * =============================================================================== */

void as_tls_ctx_release(as_tls_ctx *x)
{
	if (--x->refcount > 0) {
		return;
	}
	if (x->ctx) {
		SSL_CTX_free(x->ctx);
	}
	if (x->store) {
		X509_STORE_free(x->store);
	}
	as_tls_sessions_free(x);
	if (x->alpn) {
		zend_string_release(x->alpn);
	}
	if (x->sni) {
		SSL_CTX *sctx;
		ZEND_HASH_FOREACH_PTR(x->sni, sctx) {
			SSL_CTX_free(sctx);
		} ZEND_HASH_FOREACH_END();
		zend_hash_destroy(x->sni);
		efree(x->sni);
	}
	efree(x);
}

void as_tls_ctx_ref(as_tls_ctx *x)
{
	x->refcount++;
}

void as_tls_ctx_unref(as_tls_ctx *x)
{
	as_tls_ctx_release(x);
}

static void as_tls_cache_dtor(zval *zv)
{
	as_tls_ctx_release((as_tls_ctx *)Z_PTR_P(zv));
}

HashTable *as_tls_cache_new(void)
{
	HashTable *ht = emalloc(sizeof(HashTable));
	zend_hash_init(ht, 4, NULL, as_tls_cache_dtor, 0);
	return ht;
}

void as_tls_cache_free(HashTable *cache)
{
	if (cache) {
		zend_hash_destroy(cache);
		efree(cache);
	}
}

/* Never prompts on a terminal for an encrypted key: the passphrase option or nothing. */
static int as_tls_passwd_cb(char *buf, int size, int rwflag, void *u)
{
	const zend_string *pass = (const zend_string *)u;
	int n;

	if (!pass) {
		return 0;
	}
	n = ZSTR_LEN(pass) < (size_t)size ? (int)ZSTR_LEN(pass) : size;
	memcpy(buf, ZSTR_VAL(pass), n);
	return n;
}

/* The engine of the SSL the X509_STORE_CTX verifies for. */
static as_tls *as_tls_from_store_ctx(X509_STORE_CTX *sctx)
{
	SSL *ssl = X509_STORE_CTX_get_ex_data(sctx, SSL_get_ex_data_X509_STORE_CTX_idx());
	return ssl ? (as_tls *)SSL_get_app_data(ssl) : NULL;
}

/* allow_self_signed: a self-signed leaf passes the chain check (the name is still checked). */
static int as_tls_verify_cb(int ok, X509_STORE_CTX *sctx)
{
	if (!ok && X509_STORE_CTX_get_error(sctx) == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT) {
		as_tls *t = as_tls_from_store_ctx(sctx);
		if (t && t->ctx->allow_self_signed) {
			return 1;
		}
	}
	return ok;
}

static int as_tls_alpn_select_cb(SSL *ssl, const unsigned char **out, unsigned char *outlen,
	const unsigned char *in, unsigned int inlen, void *arg)
{
	as_tls_ctx *x = (as_tls_ctx *)arg;
	unsigned char *sel;

	if (!x->alpn) {
		return SSL_TLSEXT_ERR_NOACK;
	}
	/* Our order of preference; no common protocol: go on without ALPN, as PHP and Node do. */
	if (SSL_select_next_proto(&sel, outlen, (const unsigned char *)ZSTR_VAL(x->alpn), (unsigned)ZSTR_LEN(x->alpn),
			in, inlen) != OPENSSL_NPN_NEGOTIATED) {
		return SSL_TLSEXT_ERR_NOACK;
	}
	*out = sel;
	return SSL_TLSEXT_ERR_OK;
}

/* SNI_server_certs: switch to the certificate for the name the client asked for (exact, then *.domain). */
static int as_tls_servername_cb(SSL *ssl, int *al, void *arg)
{
	as_tls_ctx *x = (as_tls_ctx *)arg;
	const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
	char lower[256];
	size_t n;
	SSL_CTX *sctx;
	const char *dot;

	if (!name || !x->sni) {
		return SSL_TLSEXT_ERR_NOACK;
	}
	n = strlen(name);
	if (n >= sizeof(lower)) {
		return SSL_TLSEXT_ERR_NOACK;
	}
	for (size_t i = 0; i <= n; i++) {
		lower[i] = (char)tolower((unsigned char)name[i]);
	}
	sctx = zend_hash_str_find_ptr(x->sni, lower, n);
	if (!sctx && (dot = strchr(lower, '.')) != NULL) {
		char wild[258];
		int wl = snprintf(wild, sizeof(wild), "*%s", dot);
		sctx = zend_hash_str_find_ptr(x->sni, wild, (size_t)wl);
	}
	if (sctx) {
		SSL_set_SSL_CTX(ssl, sctx);
		return SSL_TLSEXT_ERR_OK;
	}
	return SSL_TLSEXT_ERR_NOACK; /* the default certificate */
}

/* A readable file (open_basedir applies), else throws naming the option and path. */
static bool as_tls_check_file(const char *what, const char *opt, zend_string *path)
{
	if (php_check_open_basedir(ZSTR_VAL(path))) {
		as_tls_throw(EACCES, "%s: %s \"%s\" is outside open_basedir", what, opt, ZSTR_VAL(path));
		return false;
	}
	if (VCWD_ACCESS(ZSTR_VAL(path), R_OK) != 0) {
		int err = errno;
		as_tls_throw(err, "%s: cannot read %s \"%s\": %s", what, opt, ZSTR_VAL(path), strerror(err));
		return false;
	}
	return true;
}

/* Loads a certificate chain and its key (the key may sit in the certificate file). */
static bool as_tls_load_cert(SSL_CTX *ctx, const char *what, const char *cert_opt, zend_string *cert,
	const char *pk_opt, zend_string *pk, zend_string *passphrase)
{
	zend_string *err;
	zend_string *keyfile = pk ? pk : cert;

	if (!as_tls_check_file(what, cert_opt, cert) || (pk && !as_tls_check_file(what, pk_opt, pk))) {
		return false;
	}
	SSL_CTX_set_default_passwd_cb(ctx, as_tls_passwd_cb);
	SSL_CTX_set_default_passwd_cb_userdata(ctx, passphrase);
	if (SSL_CTX_use_certificate_chain_file(ctx, ZSTR_VAL(cert)) != 1) {
		err = as_tls_error_string("not a PEM certificate");
		as_tls_throw(EINVAL, "%s: cannot use %s \"%s\": %s", what, cert_opt, ZSTR_VAL(cert), ZSTR_VAL(err));
		zend_string_release(err);
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(ctx, ZSTR_VAL(keyfile), SSL_FILETYPE_PEM) != 1) {
		unsigned long first = ERR_peek_error();
		bool mismatch = ERR_GET_LIB(first) == ERR_LIB_X509 && ERR_GET_REASON(first) == X509_R_KEY_VALUES_MISMATCH;
		bool decrypt = ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_BAD_DECRYPT
			|| ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_BAD_PASSWORD_READ || ERR_GET_REASON(first) == EVP_R_BAD_DECRYPT;

		err = as_tls_error_string("not a PEM private key");
		if (mismatch) {
			as_tls_throw(EINVAL, "%s: the private key in %s \"%s\" does not belong to %s \"%s\": %s", what,
				pk ? pk_opt : cert_opt, ZSTR_VAL(keyfile), cert_opt, ZSTR_VAL(cert), ZSTR_VAL(err));
		} else {
			as_tls_throw(EINVAL, "%s: cannot use the private key in %s \"%s\": %s%s", what, pk ? pk_opt : cert_opt,
				ZSTR_VAL(keyfile), ZSTR_VAL(err),
				!passphrase && decrypt ? " (an encrypted key needs the \"passphrase\" option)" : "");
		}
		zend_string_release(err);
		goto fail;
	}
	if (SSL_CTX_check_private_key(ctx) != 1) {
		err = as_tls_error_string("key and certificate do not match");
		as_tls_throw(EINVAL, "%s: the private key \"%s\" does not belong to %s \"%s\": %s", what, ZSTR_VAL(keyfile),
			cert_opt, ZSTR_VAL(cert), ZSTR_VAL(err));
		zend_string_release(err);
		goto fail;
	}
	SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
	return true;
fail:
	SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
	ERR_clear_error();
	return false;
}

#define AS_TLS_STORE_KEY "\001system trust store"

/*
 * The system's trusted certificates, loaded once per base and shared by every context
 * that uses them (a bundle of ~150 certificates: reading it per option set would cost
 * milliseconds and a few hundred KiB each time).
 */
static X509_STORE *as_tls_system_store(HashTable *cache)
{
	as_tls_ctx *e = zend_hash_str_find_ptr(cache, AS_TLS_STORE_KEY, sizeof(AS_TLS_STORE_KEY) - 1);

	if (!e) {
		X509_STORE *store = X509_STORE_new();

		if (!store || X509_STORE_set_default_paths(store) != 1) {
			if (store) {
				X509_STORE_free(store);
			}
			return NULL;
		}
		e = ecalloc(1, sizeof(*e));
		e->refcount = 1;
		e->store = store;
		zend_hash_str_add_new_ptr(cache, AS_TLS_STORE_KEY, sizeof(AS_TLS_STORE_KEY) - 1, e);
	}
	return e->store;
}

/* Everything but the certificate: protocol range, modes, ciphers, verification, ALPN. */
static SSL_CTX *as_tls_ctx_base(HashTable *cache, const as_tls_conf *c, bool server, as_tls_ctx *x, const char *what)
{
	SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
	zend_string *err;

	if (!ctx) {
		err = as_tls_error_string("out of memory");
		as_tls_throw(ENOMEM, "%s: cannot create a TLS context: %s", what, ZSTR_VAL(err));
		zend_string_release(err);
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, c->min_version);
	if (c->max_version) {
		SSL_CTX_set_max_proto_version(ctx, c->max_version);
	}
	/* Client-initiated renegotiation refused; no compression (CRIME). */
	SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION
		| (server ? SSL_OP_CIPHER_SERVER_PREFERENCE : 0));
	/*
	 * Buffers only while in use (an idle connection keeps none); partial writes, so a
	 * write returns after each record; the write queue may move between retries.
	 */
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	/* One read() takes whole records: the engine reads until OpenSSL holds nothing more. */
	SSL_CTX_set_read_ahead(ctx, 1);
	SSL_CTX_set_app_data(ctx, x);
	SSL_CTX_set_default_passwd_cb(ctx, as_tls_passwd_cb);
	SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
	if (c->ciphers && SSL_CTX_set_cipher_list(ctx, ZSTR_VAL(c->ciphers)) != 1) {
		err = as_tls_error_string("no cipher matches");
		zend_value_error("%s: option \"tls\" \"ciphers\" (\"%s\") selects no usable cipher: %s", what, ZSTR_VAL(c->ciphers), ZSTR_VAL(err));
		zend_string_release(err);
		SSL_CTX_free(ctx);
		return NULL;
	}
	if (server) {
		static const unsigned char sid_ctx[] = "asyncstream";
		SSL_CTX_set_session_id_context(ctx, sid_ctx, sizeof(sid_ctx) - 1);
		SSL_CTX_set_alpn_select_cb(ctx, as_tls_alpn_select_cb, x);
	} else {
		as_tls_sessions_setup(ctx);
		if (c->alpn) {
			SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)ZSTR_VAL(c->alpn), (unsigned)ZSTR_LEN(c->alpn));
		}
	}
	/* A client verifies the server unless told not to; a server verifies clients only when asked. */
	if (server ? (c->verify_peer_set && c->verify_peer) : c->verify_peer) {
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | (server ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0), as_tls_verify_cb);
		if (c->verify_depth >= 0) {
			SSL_CTX_set_verify_depth(ctx, c->verify_depth);
		}
		if (c->cafile || c->capath) {
			if ((c->cafile && !as_tls_check_file(what, "cafile", c->cafile))) {
				SSL_CTX_free(ctx);
				return NULL;
			}
			if (SSL_CTX_load_verify_locations(ctx, c->cafile ? ZSTR_VAL(c->cafile) : NULL,
					c->capath ? ZSTR_VAL(c->capath) : NULL) != 1) {
				err = as_tls_error_string("no certificates found");
				as_tls_throw(EINVAL, "%s: cannot load the CA certificates from %s \"%s\": %s", what,
					c->cafile ? "cafile" : "capath", ZSTR_VAL(c->cafile ? c->cafile : c->capath), ZSTR_VAL(err));
				zend_string_release(err);
				SSL_CTX_free(ctx);
				return NULL;
			}
			if (server && c->cafile) {
				STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(ZSTR_VAL(c->cafile));
				if (names) {
					SSL_CTX_set_client_CA_list(ctx, names);
				}
			}
		} else {
			X509_STORE *store = as_tls_system_store(cache);

			if (!store) {
				err = as_tls_error_string("not found");
				as_tls_throw(EINVAL, "%s: cannot load the system's trusted certificates: %s", what, ZSTR_VAL(err));
				zend_string_release(err);
				SSL_CTX_free(ctx);
				return NULL;
			}
			X509_STORE_up_ref(store);
			SSL_CTX_set_cert_store(ctx, store);
		}
	} else {
		SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	}
	ERR_clear_error();
	return ctx;
}

static void as_tls_cache_key(smart_str *k, const as_tls_conf *c, bool server)
{
	smart_str_append_printf(k, "%d|%d%d%d|%d|%d-%d|", server, c->verify_peer, c->verify_peer_set, c->allow_self_signed,
		c->verify_depth, c->min_version, c->max_version);
#define AS_KEY_STR(s) do { if (s) { smart_str_append_long(k, (zend_long)ZSTR_LEN(s)); smart_str_appendc(k, ':'); smart_str_append(k, s); } smart_str_appendc(k, '|'); } while (0)
	AS_KEY_STR(c->cafile);
	AS_KEY_STR(c->capath);
	AS_KEY_STR(c->local_cert);
	AS_KEY_STR(c->local_pk);
	AS_KEY_STR(c->passphrase);
	AS_KEY_STR(c->ciphers);
	AS_KEY_STR(c->alpn);
	if (server && c->sni_certs) {
		zend_string *host;
		zval *pair;
		ZEND_HASH_FOREACH_STR_KEY_VAL(c->sni_certs, host, pair) {
			zval *cert = zend_hash_index_find(Z_ARRVAL_P(pair), 0);
			zval *pk = zend_hash_index_find(Z_ARRVAL_P(pair), 1);
			AS_KEY_STR(host);
			AS_KEY_STR(Z_STR_P(cert));
			if (Z_TYPE_P(pk) == IS_STRING) {
				AS_KEY_STR(Z_STR_P(pk));
			}
		} ZEND_HASH_FOREACH_END();
	}
#undef AS_KEY_STR
	smart_str_0(k);
}

static as_tls_ctx *as_tls_ctx_build(HashTable *cache, const as_tls_conf *c, bool server, const char *what)
{
	as_tls_ctx *x = ecalloc(1, sizeof(*x));

	x->refcount = 1;
	x->server = server;
	x->allow_self_signed = c->allow_self_signed;
	x->verify_peer = server ? (c->verify_peer_set && c->verify_peer) : c->verify_peer;
	if (server && c->alpn) {
		x->alpn = zend_string_copy(c->alpn);
	}
	if (!(x->ctx = as_tls_ctx_base(cache, c, server, x, what))) {
		goto fail;
	}
	if (server && !c->local_cert) {
		zend_value_error("%s: a TLS server needs the option \"tls\" \"local_cert\" (its certificate, PEM)", what);
		goto fail;
	}
	if (c->local_cert) {
		if (!as_tls_load_cert(x->ctx, what, "local_cert", c->local_cert, "local_pk", c->local_pk, c->passphrase)) {
			goto fail;
		}
	} else if (c->local_pk) {
		zend_value_error("%s: option \"tls\" \"local_pk\" needs \"local_cert\"", what);
		goto fail;
	}
	if (server && c->sni_certs && c->sni_enabled) {
		zend_string *host;
		zval *pair;

		x->sni = emalloc(sizeof(HashTable));
		zend_hash_init(x->sni, zend_hash_num_elements(c->sni_certs), NULL, NULL, 0);
		ZEND_HASH_FOREACH_STR_KEY_VAL(c->sni_certs, host, pair) {
			zval *cert = zend_hash_index_find(Z_ARRVAL_P(pair), 0);
			zval *pk = zend_hash_index_find(Z_ARRVAL_P(pair), 1);
			SSL_CTX *sctx = as_tls_ctx_base(cache, c, server, x, what);

			if (!sctx) {
				goto fail;
			}
			if (!as_tls_load_cert(sctx, what, "SNI_server_certs certificate", Z_STR_P(cert), "SNI_server_certs key",
					Z_TYPE_P(pk) == IS_STRING ? Z_STR_P(pk) : NULL, c->passphrase)) {
				SSL_CTX_free(sctx);
				goto fail;
			}
			zend_hash_update_ptr(x->sni, host, sctx);
		} ZEND_HASH_FOREACH_END();
		SSL_CTX_set_tlsext_servername_callback(x->ctx, as_tls_servername_cb);
		SSL_CTX_set_tlsext_servername_arg(x->ctx, x);
	}
	ERR_clear_error();
	return x;
fail:
	ERR_clear_error();
	as_tls_ctx_release(x);
	return NULL;
}

as_tls_ctx *as_tls_ctx_get(HashTable *cache, const as_tls_conf *conf, bool server, const char *what)
{
	smart_str key = {0};
	as_tls_ctx *x;

	as_tls_cache_key(&key, conf, server);
	x = zend_hash_find_ptr(cache, key.s);
	if (!x) {
		x = as_tls_ctx_build(cache, conf, server, what);
		if (x) {
			zend_hash_add_new_ptr(cache, key.s, x);
		}
	}
	smart_str_free(&key);
	return x;
}

#endif /* HAVE_AS_TLS */
