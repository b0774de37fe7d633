/*
 * TLS for AsyncStream (API Part 4), OpenSSL used directly on the socket fd: the engine
 * and its errors. The 'tls' options are read in tls_options.c, the SSL_CTX and its
 * per-base cache are made in tls_ctx.c, getTlsInfo()'s array in tls_info.c.
 *
 * - The per-connection engine: handshake, read, write and shutdown steps that never
 *   block and never call PHP; a step that cannot go on says what it waits for
 *   (readable / writable) and the stream core maps that to the loop.
 * - Errors: OpenSSL's per-thread error queue is cleared before each call and drained
 *   after a failing one into one readable message; verification failures name the
 *   verify result in words ("certificate verify failed: hostname mismatch (expected
 *   api.test)"). The queue is left empty after every call.
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
zend_string *as_tls_error_string(const char *fallback)
{
	smart_str s = {0};

	as_tls_drain_errors(&s);
	if (!s.s || ZSTR_LEN(s.s) == 0) {
		smart_str_appends(&s, fallback);
	}
	smart_str_0(&s);
	return s.s;
}

void as_tls_throw(int code, const char *fmt, ...)
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
	if (t->session_key) {
		zend_string_release(t->session_key);
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

/*
 * Encrypts up to room bytes of the iovecs (the queue, or write()'s bytes). An iovec of
 * 16 KiB or more, or the last one, goes to SSL_write() as it is; smaller ones are
 * gathered into one buffer of up to 16 KiB, so ten queued 64-byte writes make one record
 * and one send, not ten. A retry after AGAIN offers at least as many of the same leading
 * bytes as before (the queue's head did not move, it can only have grown), as OpenSSL
 * requires of a retried write. Returns the bytes taken (> 0), or -1 with errno (EAGAIN:
 * none now). Both TLS transports (the socket, the ring) send through it.
 */
ssize_t as_tls_send_iov(as_tls *t, const struct iovec *iov, int iovcnt, size_t room)
{
	char gather[AS_TLS_GATHER];
	size_t total = 0, off = 0;
	as_tls_result res = AS_TLS_OK;
	int i = 0;

	while (i < iovcnt && total < room) {
		const char *p = (const char *)iov[i].iov_base + off;
		size_t len = MIN(iov[i].iov_len - off, room - total), n;

		if (len < AS_TLS_GATHER && i + 1 < iovcnt) {
			int gi = i;
			size_t goff = off;

			len = 0;
			while (gi < iovcnt && len < AS_TLS_GATHER && total + len < room) {
				size_t take = MIN(iov[gi].iov_len - goff, MIN(AS_TLS_GATHER - len, room - total - len));

				memcpy(gather + len, (const char *)iov[gi].iov_base + goff, take);
				len += take;
				goff += take;
				if (goff == iov[gi].iov_len) {
					gi++;
					goff = 0;
				}
			}
			p = gather;
		}
		res = as_tls_send_bytes(t, p, len, &n);
		if (res != AS_TLS_OK) {
			break;
		}
		total += n;
		if (n < len) {
			break; /* the socket (or the ring's wire buffer) is full */
		}
		/* Advance over the n bytes taken. */
		while (n > 0) {
			size_t left = iov[i].iov_len - off;

			if (n >= left) {
				n -= left;
				i++;
				off = 0;
			} else {
				off += n;
				n = 0;
			}
		}
	}
	if (total > 0) {
		return (ssize_t)total;
	}
	if (res == AS_TLS_AGAIN || res == AS_TLS_OK) {
		errno = EAGAIN;
	} else {
		errno = t->err_code ? t->err_code : EPIPE;
	}
	return -1;
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

#endif /* HAVE_AS_TLS */
