/*
 * TLS for AsyncStream (API Part 4), OpenSSL used directly on the socket fd.
 *
 * - The 'tls' options array, named as PHP's own ssl stream-context options.
 * - One SSL_CTX per distinct option set and role, cached on the base: certificates,
 *   keys and CA files are loaded once, and a bad one is reported at construction with
 *   the path and OpenSSL's reason.
 * - The per-connection engine: handshake, read, write and shutdown steps that never
 *   block and never call PHP; a step that cannot go on says what it waits for
 *   (readable / writable) and the stream core maps that to the loop.
 * - Errors: OpenSSL's per-thread error queue is cleared before each call and drained
 *   after a failing one into one readable message; verification failures name the
 *   verify result in words ("certificate verify failed: hostname mismatch (expected
 *   api.test)"). The queue is left empty after every call.
 * - getTlsInfo()'s array.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "main/php_open_temporary_file.h"

#include "asyncstream_internal.h"
#include "as_tls.h"

zend_class_entry *php_asyncstream_tls_exception_ce;

#ifndef HAVE_AS_TLS

void as_tls_minfo(void)
{
	php_info_print_table_row(2, "TLS (OpenSSL)", "not available (built with --without-openssl)");
}

bool as_tls_available(void)
{
	return false;
}

#else /* HAVE_AS_TLS */

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/crypto.h>

#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L
# define SSL_get1_peer_certificate SSL_get_peer_certificate
#endif
#ifndef SSL_OP_NO_RENEGOTIATION
# define SSL_OP_NO_RENEGOTIATION 0
#endif

struct _as_tls_ctx {
	SSL_CTX *ctx;                /* NULL for the cache's shared system trust store entry */
	X509_STORE *store;           /* that entry's store */
	uint32_t refcount;           /* the cache's reference + one per engine */
	bool server;
	bool allow_self_signed;
	bool verify_peer;
	zend_string *alpn;           /* server: our protocols in preference order (wire format) */
	HashTable *sni;              /* server: lower-case host => SSL_CTX * (SNI_server_certs) */
};

bool as_tls_available(void)
{
	return true;
}

void as_tls_minfo(void)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "enabled, %s (headers: %s)", OpenSSL_version(OPENSSL_VERSION), OPENSSL_VERSION_TEXT);
	php_info_print_table_row(2, "TLS (OpenSSL)", buf);
}

/* =================================================================================
 * Errors
 * =============================================================================== */

/* Appends OpenSSL's queued errors to s ("reason; reason: detail"), draining the queue. */
static void as_tls_drain_errors(smart_str *s)
{
	unsigned long e, last = 0;
	const char *data;
	int flags;

	for (;;) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags);
#else
		e = ERR_get_error_line_data(NULL, NULL, &data, &flags);
#endif
		if (!e) {
			break;
		}
		if (e == last) {
			continue;
		}
		last = e;
		{
			/* One readable line: each reason once, with its detail ("no start line (Expecting: ...)"). */
			const char *reason = ERR_reason_error_string(e);
			char buf[256], piece[768];

			if (!reason) {
				ERR_error_string_n(e, buf, sizeof(buf));
				reason = buf;
			}
			if ((flags & ERR_TXT_STRING) && data && *data) {
				snprintf(piece, sizeof(piece), "%s (%s)", reason, data);
			} else {
				snprintf(piece, sizeof(piece), "%s", reason);
			}
			if (s->s && ZSTR_LEN(s->s) > 0) {
				smart_str_0(s);
				if (strstr(ZSTR_VAL(s->s), piece)) {
					continue;
				}
				smart_str_appends(s, "; ");
			}
			smart_str_appends(s, piece);
		}
	}
}

/* OpenSSL's queued errors as one message (drained), or `fallback` when the queue was empty. */
static zend_string *as_tls_error_string(const char *fallback)
{
	smart_str s = {0};

	as_tls_drain_errors(&s);
	if (!s.s || ZSTR_LEN(s.s) == 0) {
		smart_str_appends(&s, fallback);
	}
	smart_str_0(&s);
	return s.s;
}

static void as_tls_throw(int code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
static void as_tls_throw(int code, const char *fmt, ...)
{
	va_list ap;
	zend_string *msg;
	zval ex;

	va_start(ap, fmt);
	msg = zend_vstrpprintf(0, fmt, ap);
	va_end(ap);
	ZVAL_OBJ(&ex, as_stream_exception_new(php_asyncstream_tls_exception_ce, code, "%s", ZSTR_VAL(msg)));
	zend_string_release(msg);
	zend_throw_exception_object(&ex);
}

/* =================================================================================
 * Options
 * =============================================================================== */

void as_tls_conf_init(as_tls_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->handshake_timeout = AS_TLS_DEFAULT_HANDSHAKE_TIMEOUT;
	c->verify_peer = true;
	c->verify_peer_name = true;
	c->sni_enabled = true;
	c->server = -1;
	c->verify_depth = -1;
	c->min_version = TLS1_2_VERSION;
	c->max_version = 0;
}

static void as_tls_str_release(zend_string **s)
{
	if (*s) {
		zend_string_release(*s);
		*s = NULL;
	}
}

void as_tls_conf_release(as_tls_conf *c)
{
	as_tls_str_release(&c->peer_name);
	as_tls_str_release(&c->cafile);
	as_tls_str_release(&c->capath);
	as_tls_str_release(&c->local_cert);
	as_tls_str_release(&c->local_pk);
	as_tls_str_release(&c->passphrase);
	as_tls_str_release(&c->ciphers);
	as_tls_str_release(&c->alpn);
	if (c->sni_certs) {
		zend_array_destroy(c->sni_certs);
		c->sni_certs = NULL;
	}
}

/* 'option "tls" ' inside connect()/server options; nothing for startTls()'s own array. */
ZEND_TLS const char *as_tls_pfx = "";

static bool as_tls_opt_bool(zval *v, uint32_t arg, const char *key, bool *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
		zend_argument_type_error(arg, "%s\"%s\" must be of type bool, %s given", as_tls_pfx, key, zend_zval_type_name(v));
		return false;
	}
	*out = Z_TYPE_P(v) == IS_TRUE;
	return true;
}

/* A non-empty string without NUL bytes (paths, names, ciphers). */
static bool as_tls_opt_str(zval *v, uint32_t arg, const char *key, zend_string **out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_argument_type_error(arg, "%s\"%s\" must be of type string, %s given", as_tls_pfx, key, zend_zval_type_name(v));
		return false;
	}
	if (Z_STRLEN_P(v) == 0 || memchr(Z_STRVAL_P(v), '\0', Z_STRLEN_P(v))) {
		zend_argument_value_error(arg, "%s\"%s\" must be a non-empty string without NUL bytes", as_tls_pfx, key);
		return false;
	}
	if (*out) {
		zend_string_release(*out);
	}
	*out = zend_string_copy(Z_STR_P(v));
	return true;
}

static bool as_tls_opt_version(zval *v, uint32_t arg, int *out)
{
	static const struct { const char *name; int version; } names[] = {
		{ "TLSv1", TLS1_VERSION }, { "TLSv1.0", TLS1_VERSION }, { "TLSv1.1", TLS1_1_VERSION },
		{ "TLSv1.2", TLS1_2_VERSION }, { "TLSv1.3", TLS1_3_VERSION },
	};

	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_argument_type_error(arg, "%s\"min_version\" must be of type string, %s given", as_tls_pfx, zend_zval_type_name(v));
		return false;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcasecmp(Z_STRVAL_P(v), names[i].name) == 0) {
			*out = names[i].version;
			return true;
		}
	}
	zend_argument_value_error(arg, "%s\"min_version\" must be \"TLSv1.2\" or \"TLSv1.3\" (or \"TLSv1\", \"TLSv1.1\"), \"%s\" given", as_tls_pfx,
		Z_STRVAL_P(v));
	return false;
}

/* PHP's STREAM_CRYPTO_METHOD_* flags: the lowest TLS version set is the minimum, the highest the maximum. */
static bool as_tls_opt_crypto_method(zval *v, uint32_t arg, int *min, int *max)
{
	static const int versions[4] = { TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION, TLS1_3_VERSION };
	zend_long m;
	int lo = 0, hi = 0;

	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_argument_type_error(arg, "%s\"crypto_method\" must be of type int (STREAM_CRYPTO_METHOD_* flags), %s given", as_tls_pfx,
			zend_zval_type_name(v));
		return false;
	}
	m = Z_LVAL_P(v);
	for (int i = 0; i < 4; i++) {
		if (m & (1 << (3 + i))) {
			if (!lo) {
				lo = versions[i];
			}
			hi = versions[i];
		}
	}
	if (!lo) {
		zend_argument_value_error(arg, "%s\"crypto_method\" must include a TLS version "
			"(STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT, ..._TLSv1_3_CLIENT, ...), " ZEND_LONG_FMT " given", as_tls_pfx, m);
		return false;
	}
	*min = lo;
	*max = hi;
	return true;
}

/* A list of strings, or PHP's comma-separated string ("h2,http/1.1"), to ALPN wire format. */
static bool as_tls_opt_alpn(zval *v, uint32_t arg, zend_string **out)
{
	smart_str w = {0};
	zval *p;

	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) == IS_STRING) {
		const char *s = Z_STRVAL_P(v), *end = s + Z_STRLEN_P(v);

		while (s <= end) {
			const char *comma = memchr(s, ',', end - s);
			size_t n = (comma ? comma : end) - s;

			if (n == 0 || n > 255) {
				smart_str_free(&w);
				zend_argument_value_error(arg, "%s\"alpn_protocols\" must name protocols of 1 to 255 bytes each", as_tls_pfx);
				return false;
			}
			smart_str_appendc(&w, (char)n);
			smart_str_appendl(&w, s, n);
			if (!comma) {
				break;
			}
			s = comma + 1;
		}
	} else if (Z_TYPE_P(v) == IS_ARRAY) {
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), p) {
			ZVAL_DEREF(p);
			if (Z_TYPE_P(p) != IS_STRING) {
				smart_str_free(&w);
				zend_argument_type_error(arg, "%s\"alpn_protocols\" must be a list of strings, %s found in it", as_tls_pfx,
					zend_zval_type_name(p));
				return false;
			}
			if (Z_STRLEN_P(p) == 0 || Z_STRLEN_P(p) > 255) {
				smart_str_free(&w);
				zend_argument_value_error(arg, "%s\"alpn_protocols\" must name protocols of 1 to 255 bytes each", as_tls_pfx);
				return false;
			}
			smart_str_appendc(&w, (char)Z_STRLEN_P(p));
			smart_str_append(&w, Z_STR_P(p));
		} ZEND_HASH_FOREACH_END();
		if (!w.s) {
			zend_argument_value_error(arg, "%s\"alpn_protocols\" must not be empty", as_tls_pfx);
			return false;
		}
	} else {
		zend_argument_type_error(arg, "%s\"alpn_protocols\" must be of type array (a list of strings), %s given", as_tls_pfx,
			zend_zval_type_name(v));
		return false;
	}
	smart_str_0(&w);
	if (*out) {
		zend_string_release(*out);
	}
	*out = w.s;
	return true;
}

/* host => "combined.pem" or host => ['local_cert' => ..., 'local_pk' => ...]. */
static bool as_tls_opt_sni_certs(zval *v, uint32_t arg, HashTable **out)
{
	zend_string *host;
	zend_ulong idx;
	zval *e;
	HashTable *ht;

	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_ARRAY) {
		zend_argument_type_error(arg, "%s\"SNI_server_certs\" must be of type array, %s given", as_tls_pfx, zend_zval_type_name(v));
		return false;
	}
	ht = zend_new_array(zend_hash_num_elements(Z_ARRVAL_P(v)));
	ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(v), idx, host, e) {
		zend_string *cert = NULL, *pk = NULL, *lower;
		zval pair, tmp;

		if (!host || ZSTR_LEN(host) == 0) {
			zend_array_destroy(ht);
			zend_argument_value_error(arg, "%s\"SNI_server_certs\" must map host names to certificates", as_tls_pfx);
			return false;
		}
		ZVAL_DEREF(e);
		if (Z_TYPE_P(e) == IS_STRING) {
			if (!as_tls_opt_str(e, arg, "SNI_server_certs", &cert)) {
				zend_array_destroy(ht);
				return false;
			}
		} else if (Z_TYPE_P(e) == IS_ARRAY) {
			zend_string *k;
			zval *ev;

			ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(e), k, ev) {
				bool ok;
				if (k && zend_string_equals_literal(k, "local_cert")) {
					ok = as_tls_opt_str(ev, arg, "SNI_server_certs][local_cert", &cert);
				} else if (k && zend_string_equals_literal(k, "local_pk")) {
					ok = as_tls_opt_str(ev, arg, "SNI_server_certs][local_pk", &pk);
				} else {
					zend_argument_value_error(arg, "%s\"SNI_server_certs\" entry \"%s\" contains an unknown key \"%s\" "
						"(local_cert and local_pk are allowed)", as_tls_pfx, ZSTR_VAL(host), k ? ZSTR_VAL(k) : "(int)");
					ok = false;
				}
				if (!ok) {
					as_tls_str_release(&cert);
					as_tls_str_release(&pk);
					zend_array_destroy(ht);
					return false;
				}
			} ZEND_HASH_FOREACH_END();
			if (!cert) {
				as_tls_str_release(&pk);
				zend_array_destroy(ht);
				zend_argument_value_error(arg, "%s\"SNI_server_certs\" entry \"%s\" needs \"local_cert\"", as_tls_pfx, ZSTR_VAL(host));
				return false;
			}
		} else {
			zend_array_destroy(ht);
			zend_argument_type_error(arg, "%s\"SNI_server_certs\" entry \"%s\" must be a certificate path (string) "
				"or an array with local_cert and local_pk, %s given", as_tls_pfx, ZSTR_VAL(host), zend_zval_type_name(e));
			return false;
		}
		array_init_size(&pair, 2);
		ZVAL_STR(&tmp, cert);
		zend_hash_next_index_insert_new(Z_ARRVAL(pair), &tmp);
		if (pk) {
			ZVAL_STR(&tmp, pk);
		} else {
			ZVAL_NULL(&tmp);
		}
		zend_hash_next_index_insert_new(Z_ARRVAL(pair), &tmp);
		lower = zend_string_tolower(host);
		zend_hash_update(ht, lower, &pair);
		zend_string_release(lower);
	} ZEND_HASH_FOREACH_END();
	(void)idx;
	if (*out) {
		zend_array_destroy(*out);
	}
	*out = ht;
	return true;
}

bool as_tls_conf_parse(zval *v, uint32_t arg, bool allow_server, as_tls_conf *c)
{
	zend_string *key;
	zend_ulong idx;
	zval *e;
	bool crypto_method = false, min_version = false;

	as_tls_pfx = allow_server ? "" : "option \"tls\" ";
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_ARRAY) {
		zend_argument_type_error(arg, "%smust be of type array, %s given", as_tls_pfx, zend_zval_type_name(v));
		return false;
	}
	ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(v), idx, key, e) {
		bool ok;

		if (!key) {
			zend_argument_value_error(arg, "%smust be an array of option name => value, key " ZEND_ULONG_FMT " given", as_tls_pfx, idx);
			return false;
		}
		if (zend_string_equals_literal(key, "verify_peer")) {
			ok = as_tls_opt_bool(e, arg, "verify_peer", &c->verify_peer);
			c->verify_peer_set = true;
		} else if (zend_string_equals_literal(key, "verify_peer_name")) {
			ok = as_tls_opt_bool(e, arg, "verify_peer_name", &c->verify_peer_name);
		} else if (zend_string_equals_literal(key, "allow_self_signed")) {
			ok = as_tls_opt_bool(e, arg, "allow_self_signed", &c->allow_self_signed);
		} else if (zend_string_equals_literal(key, "SNI_enabled")) {
			ok = as_tls_opt_bool(e, arg, "SNI_enabled", &c->sni_enabled);
		} else if (zend_string_equals_literal(key, "capture_peer_cert")) {
			ok = as_tls_opt_bool(e, arg, "capture_peer_cert", &c->capture_peer_cert);
		} else if (zend_string_equals_literal(key, "peer_name")) {
			ok = as_tls_opt_str(e, arg, "peer_name", &c->peer_name);
		} else if (zend_string_equals_literal(key, "cafile")) {
			ok = as_tls_opt_str(e, arg, "cafile", &c->cafile);
		} else if (zend_string_equals_literal(key, "capath")) {
			ok = as_tls_opt_str(e, arg, "capath", &c->capath);
		} else if (zend_string_equals_literal(key, "local_cert")) {
			ok = as_tls_opt_str(e, arg, "local_cert", &c->local_cert);
		} else if (zend_string_equals_literal(key, "local_pk")) {
			ok = as_tls_opt_str(e, arg, "local_pk", &c->local_pk);
		} else if (zend_string_equals_literal(key, "passphrase")) {
			zval *d = e;
			ZVAL_DEREF(d);
			if (Z_TYPE_P(d) != IS_STRING) {
				zend_argument_type_error(arg, "%s\"passphrase\" must be of type string, %s given", as_tls_pfx, zend_zval_type_name(d));
				ok = false;
			} else {
				as_tls_str_release(&c->passphrase);
				c->passphrase = zend_string_copy(Z_STR_P(d));
				ok = true;
			}
		} else if (zend_string_equals_literal(key, "ciphers")) {
			ok = as_tls_opt_str(e, arg, "ciphers", &c->ciphers);
		} else if (zend_string_equals_literal(key, "crypto_method")) {
			ok = as_tls_opt_crypto_method(e, arg, &c->min_version, &c->max_version);
			crypto_method = true;
		} else if (zend_string_equals_literal(key, "min_version")) {
			ok = as_tls_opt_version(e, arg, &c->min_version);
			min_version = true;
		} else if (zend_string_equals_literal(key, "alpn_protocols")) {
			ok = as_tls_opt_alpn(e, arg, &c->alpn);
		} else if (zend_string_equals_literal(key, "SNI_server_certs")) {
			ok = as_tls_opt_sni_certs(e, arg, &c->sni_certs);
		} else if (zend_string_equals_literal(key, "handshake_timeout")) {
			zval *d = e;
			ZVAL_DEREF(d);
			if (Z_TYPE_P(d) != IS_LONG && Z_TYPE_P(d) != IS_DOUBLE) {
				zend_argument_type_error(arg, "%s\"handshake_timeout\" must be of type float, %s given", as_tls_pfx,
					zend_zval_type_name(d));
				ok = false;
			} else {
				c->handshake_timeout = zval_get_double(d);
				ok = !zend_isnan(c->handshake_timeout) && c->handshake_timeout >= 0;
				if (!ok) {
					zend_argument_value_error(arg, "%s\"handshake_timeout\" must be 0 (none) or a positive number of seconds", as_tls_pfx);
				}
			}
		} else if (zend_string_equals_literal(key, "verify_depth")) {
			zval *d = e;
			ZVAL_DEREF(d);
			if (Z_TYPE_P(d) != IS_LONG) {
				zend_argument_type_error(arg, "%s\"verify_depth\" must be of type int, %s given", as_tls_pfx, zend_zval_type_name(d));
				ok = false;
			} else if (Z_LVAL_P(d) < 0 || Z_LVAL_P(d) > 100) {
				zend_argument_value_error(arg, "%s\"verify_depth\" must be between 0 and 100, " ZEND_LONG_FMT " given",
					as_tls_pfx, Z_LVAL_P(d));
				ok = false;
			} else {
				c->verify_depth = (int)Z_LVAL_P(d);
				ok = true;
			}
		} else if (allow_server && zend_string_equals_literal(key, "server")) {
			bool on = false;
			ok = as_tls_opt_bool(e, arg, "server", &on);
			c->server = on;
		} else {
			zend_argument_value_error(arg, "%scontains an unknown option \"%s\"", as_tls_pfx, ZSTR_VAL(key));
			return false;
		}
		if (!ok) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	if (crypto_method && min_version) {
		zend_argument_value_error(arg, "%stakes \"crypto_method\" or \"min_version\", not both", as_tls_pfx);
		return false;
	}
	return true;
}

/* =================================================================================
 * SSL_CTX: creation and the per-base cache
 * =============================================================================== */

static void as_tls_ctx_release(as_tls_ctx *x)
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
	} else if (c->alpn) {
		SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)ZSTR_VAL(c->alpn), (unsigned)ZSTR_LEN(c->alpn));
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

/* =================================================================================
 * The engine
 * =============================================================================== */

static bool as_tls_is_ip(const char *host)
{
	unsigned char buf[sizeof(struct in6_addr)];
	return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

as_tls *as_tls_new(as_tls_ctx *x, bool server, const as_tls_conf *conf, const char *host)
{
	as_tls *t;
	SSL *ssl;

	ERR_clear_error();
	ssl = SSL_new(x->ctx);
	if (!ssl) {
		ERR_clear_error();
		errno = ENOMEM;
		return NULL;
	}
	t = ecalloc(1, sizeof(*t));
	t->ssl = ssl;
	t->ctx = x;
	x->refcount++;
	t->server = server;
	t->verify_peer = x->verify_peer;
	t->capture_peer_cert = conf->capture_peer_cert;
	t->fork_gen = as_fork_generation;
	t->read_wants = AS_TLS_WANT_READ;
	t->write_wants = AS_TLS_WANT_WRITE;
	SSL_set_app_data(ssl, t);
	if (server) {
		SSL_set_accept_state(ssl);
	} else {
		const char *name = conf->peer_name ? ZSTR_VAL(conf->peer_name) : host;

		SSL_set_connect_state(ssl);
		if (name && *name) {
			bool ip = as_tls_is_ip(name);

			t->host = zend_string_init(name, strlen(name), 0);
			/* RFC 6066: no SNI for an IP address. */
			if (conf->sni_enabled && !ip) {
				SSL_set_tlsext_host_name(ssl, name);
			}
			if (x->verify_peer && conf->verify_peer_name) {
				X509_VERIFY_PARAM *param = SSL_get0_param(ssl);

				X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
				if (ip) {
					X509_VERIFY_PARAM_set1_ip_asc(param, name);
				} else {
					X509_VERIFY_PARAM_set1_host(param, name, 0);
				}
			}
		}
	}
	ERR_clear_error();
	return t;
}

bool as_tls_set_fd(as_tls *t, int fd)
{
	bool ok;

	ERR_clear_error();
	ok = SSL_set_fd(t->ssl, fd) == 1;
	ERR_clear_error();
	return ok;
}

void as_tls_free(as_tls *t)
{
	if (!t) {
		return;
	}
	if (t->ssl) {
		/* Never writes: a forked child's close leaves the parent's session alone (G5). */
		SSL_set_quiet_shutdown(t->ssl, 1);
		SSL_free(t->ssl);
		t->ssl = NULL;
	}
	ERR_clear_error();
	if (t->ctx) {
		as_tls_ctx_release(t->ctx);
	}
	if (t->err_msg) {
		zend_string_release(t->err_msg);
	}
	if (t->host) {
		zend_string_release(t->host);
	}
	efree(t);
}

static void as_tls_set_error(as_tls *t, int code, zend_string *msg)
{
	if (t->err_msg) {
		zend_string_release(t->err_msg);
	}
	t->err_msg = msg;
	t->err_code = code;
}

/*
 * Turns a failed OpenSSL call into AGAIN (wants set), EOF or ERROR (message set).
 * `during`: "handshake", "read", "write", "shutdown". Leaves the error queue empty.
 */
static as_tls_result as_tls_failed(as_tls *t, int r, const char *during, uint8_t *wants)
{
	int e = SSL_get_error(t->ssl, r);
	int err = errno;

	switch (e) {
		case SSL_ERROR_WANT_READ:
			*wants = AS_TLS_WANT_READ;
			ERR_clear_error();
			return AS_TLS_AGAIN;
		case SSL_ERROR_WANT_WRITE:
			*wants = AS_TLS_WANT_WRITE;
			ERR_clear_error();
			return AS_TLS_AGAIN;
		case SSL_ERROR_ZERO_RETURN:
			t->got_close_notify = true;
			t->peer_eof = true;
			ERR_clear_error();
			return AS_TLS_EOF;
		case SSL_ERROR_SYSCALL:
			if (ERR_peek_error() == 0) {
				if (r == 0 || err == 0) {
					/* The peer closed the TCP connection without close_notify (OpenSSL 1.1.1). */
					t->peer_eof = true;
					return AS_TLS_EOF;
				}
				if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR) {
					*wants = strcmp(during, "write") == 0 || strcmp(during, "shutdown") == 0 ? AS_TLS_WANT_WRITE : AS_TLS_WANT_READ;
					return AS_TLS_AGAIN;
				}
				as_tls_set_error(t, err, zend_string_init(strerror(err), strlen(strerror(err)), 0));
				return AS_TLS_ERROR;
			}
			ZEND_FALLTHROUGH;
		case SSL_ERROR_SSL: {
			unsigned long first = ERR_peek_error();
			smart_str s = {0};

#ifdef SSL_R_UNEXPECTED_EOF_WHILE_READING
			if (ERR_GET_LIB(first) == ERR_LIB_SSL && ERR_GET_REASON(first) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
				/* The peer closed the TCP connection without close_notify (OpenSSL 3). */
				ERR_clear_error();
				t->peer_eof = true;
				return AS_TLS_EOF;
			}
#endif
			if (ERR_GET_LIB(first) == ERR_LIB_SSL && ERR_GET_REASON(first) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
				long vr = SSL_get_verify_result(t->ssl);

				ERR_clear_error();
				smart_str_appends(&s, "certificate verify failed: ");
				smart_str_appends(&s, X509_verify_cert_error_string(vr));
				if (vr == X509_V_ERR_HOSTNAME_MISMATCH || vr == X509_V_ERR_IP_ADDRESS_MISMATCH) {
					smart_str_append_printf(&s, " (expected %s)", t->host ? ZSTR_VAL(t->host) : "?");
				} else if (vr == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT && !t->ctx->allow_self_signed) {
					smart_str_appends(&s, " (allow_self_signed is off)");
				}
				smart_str_0(&s);
				as_tls_set_error(t, EPROTO, s.s);
				return AS_TLS_ERROR;
			}
			as_tls_drain_errors(&s);
			if (!s.s) {
				smart_str_appends(&s, e == SSL_ERROR_SYSCALL ? "connection closed" : "protocol error");
			}
			smart_str_0(&s);
			as_tls_set_error(t, EPROTO, s.s);
			return AS_TLS_ERROR;
		}
		default: {
			char buf[64];
			snprintf(buf, sizeof(buf), "unexpected OpenSSL result %d during %s", e, during);
			ERR_clear_error();
			as_tls_set_error(t, EPROTO, zend_string_init(buf, strlen(buf), 0));
			return AS_TLS_ERROR;
		}
	}
}

as_tls_result as_tls_handshake(as_tls *t)
{
	int r;
	as_tls_result res;

	ERR_clear_error();
	errno = 0;
	r = SSL_do_handshake(t->ssl);
	if (r == 1) {
		t->handshake_done = true;
		t->wants = 0;
		ERR_clear_error();
		return AS_TLS_OK;
	}
	res = as_tls_failed(t, r, "handshake", &t->wants);
	if (res == AS_TLS_EOF) {
		/* An EOF before the handshake finished is a failure, not an end. */
		as_tls_set_error(t, ECONNRESET, zend_string_init("the peer closed the connection during the handshake",
			sizeof("the peer closed the connection during the handshake") - 1, 0));
		res = AS_TLS_ERROR;
	}
	return res;
}

as_tls_result as_tls_recv_bytes(as_tls *t, char *buf, size_t len, size_t *n)
{
	size_t got = 0;
	as_tls_result res = AS_TLS_OK;

	*n = 0;
	ERR_clear_error();
	while (got < len) {
		int want = len - got > INT_MAX ? INT_MAX : (int)(len - got);
		int r;

		errno = 0;
		r = SSL_read(t->ssl, buf + got, want);
		if (r > 0) {
			got += (size_t)r;
			t->read_wants = AS_TLS_WANT_READ;
			if (!SSL_has_pending(t->ssl)) {
				break; /* the rest, if any, is still in the kernel: the readable event says so */
			}
			continue;
		}
		res = as_tls_failed(t, r, "read", &t->read_wants);
		break;
	}
	ERR_clear_error();
	if (got > 0) {
		/* Data first; an EOF or error met after it comes again on the next call. */
		*n = got;
		return AS_TLS_OK;
	}
	t->wants = t->read_wants;
	return res;
}

bool as_tls_has_pending(as_tls *t)
{
	return t->ssl && SSL_has_pending(t->ssl);
}

as_tls_result as_tls_send_bytes(as_tls *t, const char *buf, size_t len, size_t *n)
{
	size_t done = 0;
	as_tls_result res = AS_TLS_OK;

	*n = 0;
	ERR_clear_error();
	while (done < len) {
		int want = len - done > INT_MAX ? INT_MAX : (int)(len - done);
		int r;

		errno = 0;
		r = SSL_write(t->ssl, buf + done, want);
		if (r > 0) {
			done += (size_t)r;
			t->write_retry = 0;
			t->write_wants = AS_TLS_WANT_WRITE;
			continue;
		}
		res = as_tls_failed(t, r, "write", &t->write_wants);
		if (res == AS_TLS_AGAIN) {
			/* OpenSSL holds an encrypted record (<= 16 KiB) of these bytes: a retry must offer at least those. */
			t->write_retry = MIN(len - done, 16384);
		} else if (res == AS_TLS_EOF) {
			res = AS_TLS_ERROR;
			as_tls_set_error(t, EPIPE, zend_string_init(strerror(EPIPE), strlen(strerror(EPIPE)), 0));
		}
		break;
	}
	ERR_clear_error();
	*n = done;
	if (done > 0) {
		return AS_TLS_OK;
	}
	t->wants = t->write_wants;
	return res;
}

as_tls_result as_tls_shutdown(as_tls *t)
{
	int r;
	as_tls_result res;

	if (!t->handshake_done || t->sent_close_notify || (t->peer_eof && !t->got_close_notify) || t->err_msg) {
		/* Nothing to say on a connection that failed or that the peer dropped: just the FIN. */
		return AS_TLS_OK;
	}
	ERR_clear_error();
	errno = 0;
	r = SSL_shutdown(t->ssl);
	if (r >= 0) {
		/* 0: ours is sent, the peer's is not read yet; the stream core reads it as EOF. */
		t->sent_close_notify = true;
		t->write_wants = AS_TLS_WANT_WRITE;
		ERR_clear_error();
		return AS_TLS_OK;
	}
	res = as_tls_failed(t, r, "shutdown", &t->write_wants);
	t->wants = t->write_wants;
	if (res == AS_TLS_EOF) {
		/* The peer is gone already: nothing more to say. */
		t->sent_close_notify = true;
		res = AS_TLS_OK;
	}
	ERR_clear_error();
	return res;
}

void as_tls_close_notify_once(as_tls *t)
{
	if (t->ssl && t->handshake_done && !t->sent_close_notify && t->write_retry == 0 && !t->err_msg
			&& t->fork_gen == as_fork_generation && !(t->peer_eof && !t->got_close_notify)) {
		ERR_clear_error();
		if (SSL_shutdown(t->ssl) >= 0) {
			t->sent_close_notify = true;
		}
		ERR_clear_error();
	}
}

/* =================================================================================
 * getTlsInfo()
 * =============================================================================== */

static zend_string *as_tls_name_string(X509_NAME *name)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long len;
	zend_string *r;

	if (!bio) {
		return ZSTR_EMPTY_ALLOC();
	}
	/* RFC 2253 escaping, in the certificate's own order ("CN=host,O=org"), UTF-8 kept. */
	X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV & ~ASN1_STRFLGS_ESC_MSB);
	len = BIO_get_mem_data(bio, &data);
	r = zend_string_init(data, len > 0 ? (size_t)len : 0, 0);
	BIO_free(bio);
	return r;
}

static zend_long as_tls_time(const ASN1_TIME *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (!t || ASN1_TIME_to_tm(t, &tm) != 1) {
		return 0;
	}
	return (zend_long)timegm(&tm);
}

static void as_tls_san(X509 *cert, zval *list)
{
	GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);

	array_init(list);
	if (!names) {
		return;
	}
	for (int i = 0; i < sk_GENERAL_NAME_num(names); i++) {
		const GENERAL_NAME *gn = sk_GENERAL_NAME_value(names, i);
		const unsigned char *p;
		int len;

		switch (gn->type) {
			case GEN_DNS:
				p = ASN1_STRING_get0_data(gn->d.dNSName);
				len = ASN1_STRING_length(gn->d.dNSName);
				add_next_index_str(list, zend_strpprintf(0, "DNS:%.*s", len, (const char *)p));
				break;
			case GEN_EMAIL:
				p = ASN1_STRING_get0_data(gn->d.rfc822Name);
				len = ASN1_STRING_length(gn->d.rfc822Name);
				add_next_index_str(list, zend_strpprintf(0, "email:%.*s", len, (const char *)p));
				break;
			case GEN_URI:
				p = ASN1_STRING_get0_data(gn->d.uniformResourceIdentifier);
				len = ASN1_STRING_length(gn->d.uniformResourceIdentifier);
				add_next_index_str(list, zend_strpprintf(0, "URI:%.*s", len, (const char *)p));
				break;
			case GEN_IPADD: {
				char buf[INET6_ADDRSTRLEN];
				p = ASN1_STRING_get0_data(gn->d.iPAddress);
				len = ASN1_STRING_length(gn->d.iPAddress);
				if ((len == 4 && inet_ntop(AF_INET, p, buf, sizeof(buf)))
						|| (len == 16 && inet_ntop(AF_INET6, p, buf, sizeof(buf)))) {
					add_next_index_str(list, zend_strpprintf(0, "IP:%s", buf));
				}
				break;
			}
			default:
				break;
		}
	}
	GENERAL_NAMES_free(names);
}

static void as_tls_cert_info(X509 *cert, bool with_pem, zval *rv)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	zval san;

	array_init(rv);
	add_assoc_str(rv, "subject", as_tls_name_string(X509_get_subject_name(cert)));
	add_assoc_str(rv, "issuer", as_tls_name_string(X509_get_issuer_name(cert)));
	as_tls_san(cert, &san);
	add_assoc_zval(rv, "san", &san);
	add_assoc_long(rv, "valid_from", as_tls_time(X509_get0_notBefore(cert)));
	add_assoc_long(rv, "valid_to", as_tls_time(X509_get0_notAfter(cert)));
	if (X509_digest(cert, EVP_sha256(), md, &mdlen) == 1) {
		zend_string *hex = zend_string_safe_alloc(mdlen, 2, 0, 0);
		static const char digits[] = "0123456789abcdef";
		for (unsigned int i = 0; i < mdlen; i++) {
			ZSTR_VAL(hex)[2 * i] = digits[md[i] >> 4];
			ZSTR_VAL(hex)[2 * i + 1] = digits[md[i] & 15];
		}
		ZSTR_VAL(hex)[2 * mdlen] = '\0';
		add_assoc_str(rv, "fingerprint_sha256", hex);
	}
	if (with_pem) {
		BIO *bio = BIO_new(BIO_s_mem());
		char *data;
		long len;
		if (bio && PEM_write_bio_X509(bio, cert) == 1 && (len = BIO_get_mem_data(bio, &data)) > 0) {
			add_assoc_stringl(rv, "pem", data, (size_t)len);
		}
		if (bio) {
			BIO_free(bio);
		}
	}
}

void as_tls_info(as_tls *t, zval *rv)
{
	const unsigned char *alpn = NULL;
	unsigned int alpn_len = 0;
	X509 *cert;
	zval pc;

	array_init(rv);
	ERR_clear_error();
	if (!t->ssl || !t->handshake_done) {
		add_assoc_null(rv, "protocol");
		add_assoc_null(rv, "cipher");
		add_assoc_null(rv, "alpn");
		add_assoc_null(rv, "peer_certificate");
		add_assoc_bool(rv, "verified", false);
		add_assoc_bool(rv, "session_reused", false);
	} else {
		add_assoc_string(rv, "protocol", SSL_get_version(t->ssl));
		add_assoc_string(rv, "cipher", SSL_CIPHER_get_name(SSL_get_current_cipher(t->ssl)));
		SSL_get0_alpn_selected(t->ssl, &alpn, &alpn_len);
		if (alpn && alpn_len) {
			add_assoc_stringl(rv, "alpn", (const char *)alpn, alpn_len);
		} else {
			add_assoc_null(rv, "alpn");
		}
		cert = SSL_get1_peer_certificate(t->ssl);
		if (cert) {
			as_tls_cert_info(cert, t->capture_peer_cert, &pc);
			add_assoc_zval(rv, "peer_certificate", &pc);
		} else {
			add_assoc_null(rv, "peer_certificate");
		}
		add_assoc_bool(rv, "verified", cert && t->verify_peer && SSL_get_verify_result(t->ssl) == X509_V_OK);
		if (cert) {
			X509_free(cert);
		}
		add_assoc_bool(rv, "session_reused", SSL_session_reused(t->ssl));
	}
	if (t->peer_eof || t->closed) {
		add_assoc_bool(rv, "clean_shutdown", t->got_close_notify);
	} else {
		add_assoc_null(rv, "clean_shutdown");
	}
	ERR_clear_error();
}

#endif /* HAVE_AS_TLS */
