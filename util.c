/*
 * EventUtil (ext-event compatible): socket helpers (descriptor, name, options, last
 * error) over the descriptor converter (G7).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "asyncstream_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

zend_class_entry *php_asyncstream_util_ce;

static zend_object_handlers as_util_handlers;

/* EventUtil has a private constructor; reflection can still make one, with identity comparison. */
static zend_object *as_util_create(zend_class_entry *ce)
{
	zend_object *obj = zend_objects_new(ce);

	object_properties_init(obj, ce);
	obj->handlers = &as_util_handlers;
	return obj;
}

void as_util_class_init(zend_class_entry *ce)
{
	ce->create_object = as_util_create;
	memcpy(&as_util_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	as_util_handlers.clone_obj = NULL;
	as_util_handlers.compare = zend_objects_not_comparable; /* == is identity */
}

ZEND_METHOD(EventUtil, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

ZEND_METHOD(EventUtil, getSocketFd)
{
	zval *zsock;
	evutil_socket_t fd;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	RETURN_LONG(fd);
}

ZEND_METHOD(EventUtil, getSocketName)
{
	zval *zsock, *zaddr, *zport = NULL;
	evutil_socket_t fd;
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char buf[INET6_ADDRSTRLEN];

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_ZVAL(zsock)
		Z_PARAM_ZVAL(zaddr)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zport)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	memset(&ss, 0, sizeof(ss));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		php_error_docref(NULL, E_WARNING, "getsockname() failed on fd %d: %s", (int)fd, strerror(errno));
		RETURN_FALSE;
	}
	switch (ss.ss_family) {
		case AF_INET: {
			struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
			ZEND_TRY_ASSIGN_REF_STRING(zaddr, buf);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_LONG(zport, ntohs(sin->sin_port));
			}
			break;
		}
		case AF_INET6: {
			struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
			ZEND_TRY_ASSIGN_REF_STRING(zaddr, buf);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_LONG(zport, ntohs(sin6->sin6_port));
			}
			break;
		}
		case AF_UNIX: {
			struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
			size_t plen = len > offsetof(struct sockaddr_un, sun_path) ? strnlen(sun->sun_path, len - offsetof(struct sockaddr_un, sun_path)) : 0;
			ZEND_TRY_ASSIGN_REF_STRINGL(zaddr, sun->sun_path, plen);
			if (zport) {
				ZEND_TRY_ASSIGN_REF_NULL(zport);
			}
			break;
		}
		default:
			php_error_docref(NULL, E_WARNING, "fd %d has an unsupported address family %d", (int)fd, (int)ss.ss_family);
			RETURN_FALSE;
	}
	RETURN_TRUE;
}

static bool as_array_long(HashTable *ht, const char *key, uint32_t arg_num, zend_long *out)
{
	zval *v = zend_hash_str_find(ht, key, strlen(key));

	if (!v) {
		zend_argument_value_error(arg_num, "must have the key \"%s\"", key);
		return false;
	}
	*out = zval_get_long(v);
	return true;
}

ZEND_METHOD(EventUtil, setSocketOption)
{
	zval *zsock, *zval_opt;
	zend_long level, optname;
	evutil_socket_t fd;
	int r;

	ZEND_PARSE_PARAMETERS_START(4, 4)
		Z_PARAM_ZVAL(zsock)
		Z_PARAM_LONG(level)
		Z_PARAM_LONG(optname)
		Z_PARAM_ZVAL(zval_opt)
	ZEND_PARSE_PARAMETERS_END();

	if (!as_zval_to_fd(zsock, 1, &fd)) {
		RETURN_THROWS();
	}
	if (level == SOL_SOCKET && optname == SO_LINGER) {
		struct linger l;
		zend_long onoff, linger;

		if (Z_TYPE_P(zval_opt) != IS_ARRAY) {
			zend_argument_type_error(4, "must be an array with keys \"l_onoff\" and \"l_linger\" for SO_LINGER, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		if (!as_array_long(Z_ARRVAL_P(zval_opt), "l_onoff", 4, &onoff) || !as_array_long(Z_ARRVAL_P(zval_opt), "l_linger", 4, &linger)) {
			RETURN_THROWS();
		}
		l.l_onoff = (int)onoff;
		l.l_linger = (int)linger;
		r = setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	} else if (level == SOL_SOCKET && (optname == SO_RCVTIMEO || optname == SO_SNDTIMEO)) {
		struct timeval tv;
		zend_long sec, usec;

		if (Z_TYPE_P(zval_opt) != IS_ARRAY) {
			zend_argument_type_error(4, "must be an array with keys \"sec\" and \"usec\" for SO_RCVTIMEO/SO_SNDTIMEO, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		if (!as_array_long(Z_ARRVAL_P(zval_opt), "sec", 4, &sec) || !as_array_long(Z_ARRVAL_P(zval_opt), "usec", 4, &usec)) {
			RETURN_THROWS();
		}
		tv.tv_sec = (time_t)sec;
		tv.tv_usec = (suseconds_t)usec;
		r = setsockopt(fd, SOL_SOCKET, (int)optname, &tv, sizeof(tv));
	} else {
		int v;

		if (Z_TYPE_P(zval_opt) == IS_ARRAY || Z_TYPE_P(zval_opt) == IS_OBJECT) {
			zend_argument_type_error(4, "must be of type int for this option, %s given", zend_zval_type_name(zval_opt));
			RETURN_THROWS();
		}
		v = (int)zval_get_long(zval_opt);
		r = setsockopt(fd, (int)level, (int)optname, &v, sizeof(v));
	}
	if (r != 0) {
		php_error_docref(NULL, E_WARNING, "setsockopt(level " ZEND_LONG_FMT ", option " ZEND_LONG_FMT ") failed on fd %d: %s",
			level, optname, (int)fd, strerror(errno));
		RETURN_FALSE;
	}
	RETURN_TRUE;
}

/* The pending error of a socket, or this process's last errno. */
static int as_socket_errno(zval *zsock, bool *ok)
{
	evutil_socket_t fd;
	int err = 0;
	socklen_t len = sizeof(err);

	*ok = true;
	if (!zsock || Z_TYPE_P(zsock) == IS_NULL) {
		return errno;
	}
	if (!as_zval_to_fd(zsock, 1, &fd)) {
		*ok = false;
		return 0;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
		return errno;
	}
	return err;
}

ZEND_METHOD(EventUtil, getLastSocketErrno)
{
	zval *zsock = NULL;
	bool ok;
	int err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJECT_OR_NULL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	err = as_socket_errno(zsock, &ok);
	if (!ok) {
		RETURN_THROWS();
	}
	RETURN_LONG(err);
}

ZEND_METHOD(EventUtil, getLastSocketError)
{
	zval *zsock = NULL;
	bool ok;
	int err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(zsock)
	ZEND_PARSE_PARAMETERS_END();

	err = as_socket_errno(zsock, &ok);
	if (!ok) {
		RETURN_THROWS();
	}
	RETURN_STRING(strerror(err));
}

