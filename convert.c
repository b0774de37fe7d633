/*
 * zval -> descriptor conversion shared by every class (G7), and float seconds ->
 * timeval (G8).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"
#include "php_network.h"
#include "php_memory_streams.h"
#include "ext/standard/file.h"

#include <fcntl.h>
#include <math.h>
#include <errno.h>

#ifdef AS_HAVE_SOCKETS_HEADER
# ifndef HAVE_SOCKETS
#  define HAVE_SOCKETS 1
# endif
# include "ext/sockets/php_sockets.h"
#endif

/* ext/sockets is optional at run time: find its (persistent, internal) class by name once per request. */
static zend_class_entry *as_socket_ce(void)
{
	if (!AS_G(socket_ce_looked)) {
		zend_class_entry *ce = zend_hash_str_find_ptr(CG(class_table), "socket", sizeof("socket") - 1);

		if (ce && ce->type != ZEND_INTERNAL_CLASS) {
			ce = NULL; /* a user class that happens to be called Socket */
		}
		AS_G(socket_ce) = ce;
		AS_G(socket_ce_looked) = true;
	}
	return AS_G(socket_ce);
}

static bool as_fd_is_open(evutil_socket_t fd)
{
	return fcntl(fd, F_GETFD) != -1 || errno != EBADF;
}

static bool as_stream_to_fd(php_stream *stream, uint32_t arg_num, evutil_socket_t *fd_out)
{
	php_socket_t fd = -1;

	/*
	 * php://temp answers a cast by moving its contents into a temporary file and handing
	 * out that file's descriptor: a side effect on the user's stream, and a regular file
	 * no backend can poll. It is not a descriptor source.
	 */
	if (php_stream_is(stream, PHP_STREAM_IS_TEMP)) {
		goto not_castable;
	}

	/* Sockets first (no buffered-data warning), then anything select()able, then plain fds. */
	if (php_stream_is(stream, PHP_STREAM_IS_SOCKET)
			&& php_stream_cast(stream, PHP_STREAM_AS_SOCKETD | PHP_STREAM_CAST_INTERNAL, (void **)&fd, 0) == SUCCESS
			&& fd >= 0) {
		*fd_out = (evutil_socket_t)fd;
		return true;
	}
	{
		/*
		 * A user-space stream answers a cast by calling its stream_cast() method, which
		 * warns when it is missing; that is just "not castable" here, and the exception
		 * below says it better. Silence the cast the way the @ operator would.
		 */
		int old_reporting = EG(error_reporting);
		zend_result r;

		EG(error_reporting) = 0;
		r = php_stream_cast(stream, PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL, (void **)&fd, 0);
		if (r != SUCCESS || fd < 0) {
			fd = -1;
			r = php_stream_cast(stream, PHP_STREAM_AS_FD | PHP_STREAM_CAST_INTERNAL, (void **)&fd, 0);
		}
		EG(error_reporting) = old_reporting;
		if (EG(exception)) {
			/* stream_cast() of a user stream threw: keep that exception. */
			return false;
		}
		if (r == SUCCESS && fd >= 0) {
			*fd_out = (evutil_socket_t)fd;
			return true;
		}
	}
not_castable:
	zend_argument_value_error(arg_num,
		"must be a stream that can be cast to a file descriptor (a socket, pipe, STDIN, ...), "
		"%s stream%s%s%s given",
		stream->ops && stream->ops->label ? stream->ops->label : "unknown",
		stream->orig_path ? " \"" : "", stream->orig_path ? stream->orig_path : "", stream->orig_path ? "\"" : "");
	return false;
}

AS_RUNS_PHP bool as_zval_to_fd(zval *zfd, uint32_t arg_num, evutil_socket_t *fd_out)
{
	ZVAL_DEREF(zfd);

	switch (Z_TYPE_P(zfd)) {
		case IS_LONG: {
			zend_long n = Z_LVAL_P(zfd);

			if (n < 0 || n > INT_MAX) {
				zend_argument_value_error(arg_num, "must be a valid file descriptor (0 or more), " ZEND_LONG_FMT " given", n);
				return false;
			}
			if (!as_fd_is_open((evutil_socket_t)n)) {
				zend_argument_value_error(arg_num, "must be an open file descriptor, " ZEND_LONG_FMT " is not open", n);
				return false;
			}
			*fd_out = (evutil_socket_t)n;
			return true;
		}
		case IS_RESOURCE: {
			php_stream *stream = (php_stream *)zend_fetch_resource2(Z_RES_P(zfd), NULL,
				php_file_le_stream(), php_file_le_pstream());

			if (!stream) {
				if (Z_RES_P(zfd)->type == -1) {
					zend_argument_type_error(arg_num, "must be an open stream resource, closed resource given");
				} else {
					zend_argument_type_error(arg_num, "must be a stream resource, resource of type %s given",
						zend_rsrc_list_get_rsrc_type(Z_RES_P(zfd)) ? zend_rsrc_list_get_rsrc_type(Z_RES_P(zfd)) : "unknown");
				}
				return false;
			}
			return as_stream_to_fd(stream, arg_num, fd_out);
		}
		case IS_OBJECT: {
#ifdef AS_HAVE_SOCKETS_HEADER
			zend_class_entry *sce = as_socket_ce();

			if (sce && instanceof_function(Z_OBJCE_P(zfd), sce)) {
				php_socket *sock = socket_from_obj(Z_OBJ_P(zfd));

				if (IS_INVALID_SOCKET(sock)) {
					zend_argument_value_error(arg_num, "must be an open Socket, closed Socket given");
					return false;
				}
				*fd_out = (evutil_socket_t)sock->bsd_socket;
				return true;
			}
#endif
			zend_argument_type_error(arg_num, "must be of type resource|Socket|int, %s given", zend_zval_type_name(zfd));
			return false;
		}
		default:
			zend_argument_type_error(arg_num, "must be of type resource|Socket|int, %s given", zend_zval_type_name(zfd));
			return false;
	}
}

bool as_double_to_timeval(double seconds, uint32_t arg_num, struct timeval *tv)
{
	double whole, frac;

	if (UNEXPECTED(zend_isnan(seconds))) {
		zend_argument_value_error(arg_num, "must be a number of seconds, NAN given");
		return false;
	}
	if (seconds <= 0.0) {
		tv->tv_sec = 0;
		tv->tv_usec = 0;
		return true;
	}
	if (seconds >= (double)AS_MAX_TIMEOUT_SEC) {
		tv->tv_sec = AS_MAX_TIMEOUT_SEC;
		tv->tv_usec = 0;
		return true;
	}
	frac = modf(seconds, &whole);
	tv->tv_sec = (time_t)whole;
	tv->tv_usec = (suseconds_t)llround(frac * 1e6);
	if (tv->tv_usec >= 1000000) {
		tv->tv_sec++;
		tv->tv_usec -= 1000000;
	}
	return true;
}
