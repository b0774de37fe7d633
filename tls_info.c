/*
 * TLS for AsyncStream: getTlsInfo()'s array — the protocol, cipher and ALPN result of a
 * finished handshake, and the peer's certificate (subject, issuer, validity, names, and
 * its PEM when capture_peer_cert is on).
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "zend_smart_str.h"

#include "asyncstream_internal.h"
#include "as_tls.h"

#ifdef HAVE_AS_TLS

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>

#include <string.h>
#include <time.h>
#include <arpa/inet.h>

#if OPENSSL_VERSION_NUMBER < 0x30000000L
# define SSL_get1_peer_certificate SSL_get_peer_certificate
#endif

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
