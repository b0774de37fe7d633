/*
 * The options arrays: AsyncStream::connect()'s and the per-connection keys of
 * AsyncStreamServer (as_stream_opts), and the server's listening keys (as_server_opts).
 * One as_opt_bool() for every bool option.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "ext/standard/file.h"

#include <stdio.h>
#include <string.h>

/* =================================================================================
 * Options
 * =============================================================================== */

void as_stream_opts_init(as_stream_opts *o)
{
	zend_long dst = FG(default_socket_timeout);

	/* PHP's convention: default_socket_timeout <= 0 (-1 is common) means no timeout. */
	o->timeout = dst > 0 ? (double)dst : 0.0;
	o->bind = NULL;
	o->nodelay = true;
	o->keepalive = false;
	o->high_water = AS_STREAM_DEFAULT_HIGH_WATER;
	o->low_water = AS_STREAM_DEFAULT_LOW_WATER;
	o->max_frame = AS_STREAM_DEFAULT_MAX_FRAME;
	o->max_write_buffer = AS_STREAM_DEFAULT_MAX_WRITE_BUFFER;
}

void as_stream_opts_release(as_stream_opts *o)
{
	if (o->bind) {
		zend_string_release(o->bind);
		o->bind = NULL;
	}
}

bool as_opt_bool(zval *v, uint32_t arg_num, const char *key, bool *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
		zend_argument_type_error(arg_num, "option \"%s\" must be of type bool, %s given", key, zend_zval_type_name(v));
		return false;
	}
	*out = Z_TYPE_P(v) == IS_TRUE;
	return true;
}

static bool as_opt_size(zval *v, uint32_t arg_num, const char *key, zend_long min, size_t *out)
{
	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_argument_type_error(arg_num, "option \"%s\" must be of type int, %s given", key, zend_zval_type_name(v));
		return false;
	}
	if (Z_LVAL_P(v) < min) {
		zend_argument_value_error(arg_num, "option \"%s\" must be " ZEND_LONG_FMT " or more, " ZEND_LONG_FMT " given",
			key, min, Z_LVAL_P(v));
		return false;
	}
	*out = (size_t)Z_LVAL_P(v);
	return true;
}

bool as_stream_opts_parse(HashTable *ht, uint32_t arg_num, bool for_connect, const char *const *extra_keys,
	as_stream_opts *o)
{
	zend_string *key;
	zend_ulong idx;
	zval *v;

	ZEND_HASH_FOREACH_KEY_VAL(ht, idx, key, v) {
		if (!key) {
			zend_argument_value_error(arg_num, "must be an array of option name => value, key " ZEND_ULONG_FMT " given", idx);
			return false;
		}
		if (zend_string_equals_literal(key, "nodelay")) {
			if (!as_opt_bool(v, arg_num, "nodelay", &o->nodelay)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "keepalive")) {
			if (!as_opt_bool(v, arg_num, "keepalive", &o->keepalive)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "high_water")) {
			if (!as_opt_size(v, arg_num, "high_water", 1, &o->high_water)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "low_water")) {
			if (!as_opt_size(v, arg_num, "low_water", 0, &o->low_water)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "max_frame")) {
			if (!as_opt_size(v, arg_num, "max_frame", 1, &o->max_frame)) {
				return false;
			}
		} else if (zend_string_equals_literal(key, "max_write_buffer")) {
			if (!as_opt_size(v, arg_num, "max_write_buffer", 0, &o->max_write_buffer)) {
				return false;
			}
		} else if (for_connect && zend_string_equals_literal(key, "timeout")) {
			zval *d = v;
			ZVAL_DEREF(d);
			if (Z_TYPE_P(d) != IS_LONG && Z_TYPE_P(d) != IS_DOUBLE) {
				zend_argument_type_error(arg_num, "option \"timeout\" must be of type float, %s given", zend_zval_type_name(d));
				return false;
			}
			o->timeout = zval_get_double(d);
			if (zend_isnan(o->timeout)) {
				zend_argument_value_error(arg_num, "option \"timeout\" must be a number of seconds, NAN given");
				return false;
			}
		} else if (for_connect && zend_string_equals_literal(key, "bind")) {
			zval *d = v;
			ZVAL_DEREF(d);
			if (Z_TYPE_P(d) != IS_STRING) {
				zend_argument_type_error(arg_num, "option \"bind\" must be of type string, %s given", zend_zval_type_name(d));
				return false;
			}
			if (o->bind) {
				zend_string_release(o->bind);
			}
			o->bind = zend_string_copy(Z_STR_P(d));
		} else {
			bool known = false;
			for (const char *const *k = extra_keys; k && *k; k++) {
				if (zend_string_equals_cstr(key, *k, strlen(*k))) {
					known = true;
					break;
				}
			}
			if (!known) {
				zend_argument_value_error(arg_num, "contains an unknown option \"%s\"", ZSTR_VAL(key));
				return false;
			}
		}
	} ZEND_HASH_FOREACH_END();

	if (o->low_water > o->high_water) {
		zend_argument_value_error(arg_num, "option \"low_water\" (%zu) must not exceed \"high_water\" (%zu)",
			o->low_water, o->high_water);
		return false;
	}
	if (o->max_write_buffer != 0 && o->max_write_buffer < o->high_water) {
		/* write() must be able to say "wait" (false at high_water) before the stream is closed for it. */
		zend_argument_value_error(arg_num, "option \"max_write_buffer\" (%zu) must be 0 (unlimited) or at least "
			"\"high_water\" (%zu)", o->max_write_buffer, o->high_water);
		return false;
	}
	return true;
}

/* =================================================================================
 * AsyncStreamServer's listening options
 * =============================================================================== */

/* The system's maximum accept queue (Linux: net.core.somaxconn), else SOMAXCONN. */
static int as_server_default_backlog(void)
{
	int backlog = SOMAXCONN;
#ifdef __linux__
	FILE *f = fopen("/proc/sys/net/core/somaxconn", "re");

	if (f) {
		int v;
		if (fscanf(f, "%d", &v) == 1 && v > 0) {
			backlog = v;
		}
		fclose(f);
	}
#endif
	return backlog;
}

const char *const as_server_keys[] = { "backlog", "reuseaddr", "reuseport", "ipv6_only", "max_connections", "tls", NULL };
/* connect()'s keys beyond the per-connection ones: 'tls' (read by stream_tls.c). */
const char *const as_stream_tls_keys[] = { "tls", NULL };

/* The listening options (the per-connection ones go through as_stream_opts_parse()). */
bool as_server_opts_parse(HashTable *ht, as_server_opts *o)
{
	zval *v;

	o->backlog = as_server_default_backlog();
	o->max_connections = 0;
	o->reuseaddr = true;
	o->reuseport = false;
	o->ipv6_only = -1;

	if ((v = zend_hash_str_find(ht, "backlog", sizeof("backlog") - 1))) {
		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_LONG) {
			zend_argument_type_error(4, "option \"backlog\" must be of type int, %s given", zend_zval_type_name(v));
			return false;
		}
		if (Z_LVAL_P(v) < 1 || Z_LVAL_P(v) > INT_MAX) {
			zend_argument_value_error(4, "option \"backlog\" must be between 1 and %d, " ZEND_LONG_FMT " given",
				INT_MAX, Z_LVAL_P(v));
			return false;
		}
		o->backlog = Z_LVAL_P(v);
	}
	if ((v = zend_hash_str_find(ht, "max_connections", sizeof("max_connections") - 1))) {
		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_LONG) {
			zend_argument_type_error(4, "option \"max_connections\" must be of type int, %s given", zend_zval_type_name(v));
			return false;
		}
		if (Z_LVAL_P(v) < 0 || Z_LVAL_P(v) > UINT32_MAX) {
			zend_argument_value_error(4, "option \"max_connections\" must be between 0 (no limit) and %u, " ZEND_LONG_FMT " given",
				(unsigned)UINT32_MAX, Z_LVAL_P(v));
			return false;
		}
		o->max_connections = Z_LVAL_P(v);
	}
	if ((v = zend_hash_str_find(ht, "reuseaddr", sizeof("reuseaddr") - 1))
			&& !as_opt_bool(v, 4, "reuseaddr", &o->reuseaddr)) {
		return false;
	}
	if ((v = zend_hash_str_find(ht, "reuseport", sizeof("reuseport") - 1))
			&& !as_opt_bool(v, 4, "reuseport", &o->reuseport)) {
		return false;
	}
	if ((v = zend_hash_str_find(ht, "ipv6_only", sizeof("ipv6_only") - 1))) {
		bool on;
		if (!as_opt_bool(v, 4, "ipv6_only", &on)) {
			return false;
		}
		o->ipv6_only = on;
	}
#ifndef SO_REUSEPORT
	if (o->reuseport) {
		zend_argument_value_error(4, "option \"reuseport\" is not supported on this system");
		return false;
	}
#endif
	return true;
}
