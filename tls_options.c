/*
 * TLS for AsyncStream: the 'tls' options array (API Part 4), named as PHP's own ssl
 * stream-context options, read into an as_tls_conf. An unknown name throws ValueError,
 * a wrong type TypeError, both naming the argument and the option. tls_ctx.c turns a
 * parsed set into an SSL_CTX.
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

#include <string.h>

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
	c->session_cache = true;
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
		} else if (zend_string_equals_literal(key, "session_cache")) {
			ok = as_tls_opt_bool(e, arg, "session_cache", &c->session_cache);
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

#endif /* HAVE_AS_TLS */
