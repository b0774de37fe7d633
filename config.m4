dnl config.m4 for asyncstream

PHP_ARG_WITH([asyncstream],
  [for asyncstream support],
  [AS_HELP_STRING([--with-asyncstream],
    [Include asyncstream support (event loop and nonblocking streams over libevent)])],
  [yes])

PHP_ARG_WITH([libevent-dir],
  [for the libevent installation prefix],
  [AS_HELP_STRING([[--with-libevent-dir[=DIR]]],
    [asyncstream: libevent >= 2.1 installation prefix, when pkg-config cannot find it])],
  [no],
  [no])

PHP_ARG_WITH([liburing],
  [for io_uring support through liburing],
  [AS_HELP_STRING([--without-liburing],
    [asyncstream: build without the io_uring data path (found with pkg-config by default)])],
  [yes],
  [no])

dnl TLS (API Part 4). In a phpize build this is asyncstream's own switch; built inside
dnl php-src it is the same switch as ext/openssl's.
PHP_ARG_WITH([openssl],
  [for OpenSSL (TLS on AsyncStream)],
  [AS_HELP_STRING([[--with-openssl[=DIR]]],
    [asyncstream: TLS with OpenSSL >= 1.1.1 (default: found with pkg-config; --without-openssl builds without TLS)])],
  [yes],
  [no])

if test "$PHP_ASYNCSTREAM" != "no"; then
  dnl PHP_VERSION_ID in a php-src tree build, php-config --vernum under phpize.
  AC_MSG_CHECKING([for PHP 8.1 or newer])
  ASYNCSTREAM_PHP_VERNUM=$PHP_VERSION_ID
  if test -z "$ASYNCSTREAM_PHP_VERNUM" && test -n "$PHP_CONFIG"; then
    ASYNCSTREAM_PHP_VERNUM=`$PHP_CONFIG --vernum 2>/dev/null`
  fi
  if test -z "$ASYNCSTREAM_PHP_VERNUM"; then
    AC_MSG_ERROR([cannot tell the PHP version: $PHP_CONFIG --vernum printed nothing (pass --with-php-config=PATH)])
  elif test "$ASYNCSTREAM_PHP_VERNUM" -lt 80100; then
    AC_MSG_RESULT([no, $ASYNCSTREAM_PHP_VERNUM])
    AC_MSG_ERROR([asyncstream needs PHP 8.1 or newer, but this PHP's PHP_VERSION_ID is $ASYNCSTREAM_PHP_VERNUM. Build with a newer PHP's phpize, or pass --with-php-config=PATH to its php-config.])
  fi
  AC_MSG_RESULT([yes, $ASYNCSTREAM_PHP_VERNUM])

  AC_MSG_CHECKING([for libevent >= 2.1 (core and extra)])
  ASYNCSTREAM_LIBEVENT_FOUND=no

  if test "$PHP_LIBEVENT_DIR" != "no" && test "$PHP_LIBEVENT_DIR" != "yes"; then
    dnl Explicit prefix: trust it, but verify the version from the header.
    if test -r "$PHP_LIBEVENT_DIR/include/event2/event.h"; then
      ASYNCSTREAM_LIBEVENT_INCDIR="$PHP_LIBEVENT_DIR/include"
      ASYNCSTREAM_LIBEVENT_LIBDIR="$PHP_LIBEVENT_DIR/$PHP_LIBDIR"
      test -d "$ASYNCSTREAM_LIBEVENT_LIBDIR" || ASYNCSTREAM_LIBEVENT_LIBDIR="$PHP_LIBEVENT_DIR/lib"
      ASYNCSTREAM_LIBEVENT_FOUND=prefix
    else
      AC_MSG_ERROR([--with-libevent-dir=$PHP_LIBEVENT_DIR: $PHP_LIBEVENT_DIR/include/event2/event.h not found])
    fi
  else
    if test -z "$PKG_CONFIG"; then
      AC_PATH_PROG(PKG_CONFIG, pkg-config, no)
    fi
    if test "$PKG_CONFIG" != "no" && $PKG_CONFIG --atleast-version=2.1 libevent_core 2>/dev/null \
       && $PKG_CONFIG --exists libevent_extra 2>/dev/null; then
      ASYNCSTREAM_LIBEVENT_FOUND=pkg-config
    fi
  fi

  if test "$ASYNCSTREAM_LIBEVENT_FOUND" = "pkg-config"; then
    ASYNCSTREAM_LIBEVENT_VERSION=`$PKG_CONFIG --modversion libevent_core`
    AC_MSG_RESULT([found $ASYNCSTREAM_LIBEVENT_VERSION via pkg-config])
    ASYNCSTREAM_LIBEVENT_CFLAGS=`$PKG_CONFIG --cflags libevent_core libevent_extra`
    ASYNCSTREAM_LIBEVENT_LIBS=`$PKG_CONFIG --libs libevent_core libevent_extra`
    PHP_EVAL_INCLINE($ASYNCSTREAM_LIBEVENT_CFLAGS)
    PHP_EVAL_LIBLINE($ASYNCSTREAM_LIBEVENT_LIBS, ASYNCSTREAM_SHARED_LIBADD)
  elif test "$ASYNCSTREAM_LIBEVENT_FOUND" = "prefix"; then
    AC_MSG_RESULT([$PHP_LIBEVENT_DIR])
    PHP_ADD_INCLUDE($ASYNCSTREAM_LIBEVENT_INCDIR)
    PHP_ADD_LIBRARY_WITH_PATH(event_core, $ASYNCSTREAM_LIBEVENT_LIBDIR, ASYNCSTREAM_SHARED_LIBADD)
    PHP_ADD_LIBRARY_WITH_PATH(event_extra, $ASYNCSTREAM_LIBEVENT_LIBDIR, ASYNCSTREAM_SHARED_LIBADD)
  else
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([asyncstream needs libevent >= 2.1 (libevent_core and libevent_extra).
    pkg-config did not find it. Install the development package
    (Debian/Ubuntu: apt-get install libevent-dev; Fedora: dnf install libevent-devel;
    macOS: brew install libevent), or pass --with-libevent-dir=PREFIX.])
  fi

  dnl The version check for the --with-libevent-dir case (and a sanity check for pkg-config).
  old_CPPFLAGS=$CPPFLAGS
  CPPFLAGS="$CPPFLAGS $INCLUDES $ASYNCSTREAM_LIBEVENT_CFLAGS"
  test -n "$ASYNCSTREAM_LIBEVENT_INCDIR" && CPPFLAGS="$CPPFLAGS -I$ASYNCSTREAM_LIBEVENT_INCDIR"
  AC_MSG_CHECKING([that the libevent headers are version 2.1 or newer])
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <event2/event.h>]], [[
#if !defined(LIBEVENT_VERSION_NUMBER) || LIBEVENT_VERSION_NUMBER < 0x02010000
#error libevent too old
#endif
  ]])], [AC_MSG_RESULT([yes])],
    [AC_MSG_RESULT([no]); AC_MSG_ERROR([asyncstream needs libevent >= 2.1; the headers found are older])])

  dnl ext/sockets' header, for accepting Socket objects (the extension itself is optional at run time).
  AC_MSG_CHECKING([for ext/sockets headers])
  if test -r "$phpincludedir/ext/sockets/php_sockets.h"; then
    AC_DEFINE(AS_HAVE_SOCKETS_HEADER, 1, [ext/sockets header is available])
    AC_MSG_RESULT([yes])
  else
    AC_MSG_RESULT([no, Socket objects will not be accepted as descriptors])
  fi
  CPPFLAGS=$old_CPPFLAGS

  dnl io_uring (optional): liburing >= 2.2 via pkg-config; without it AsyncStreams use readiness events only.
  AC_MSG_CHECKING([for liburing (io_uring data path)])
  if test "$PHP_LIBURING" = "no"; then
    AC_MSG_RESULT([disabled (--without-liburing)])
  else
    if test -z "$PKG_CONFIG"; then
      AC_PATH_PROG(PKG_CONFIG, pkg-config, no)
    fi
    if test "$PKG_CONFIG" != "no" && $PKG_CONFIG --atleast-version=2.2 liburing 2>/dev/null; then
      ASYNCSTREAM_LIBURING_VERSION=`$PKG_CONFIG --modversion liburing`
      AC_MSG_RESULT([found $ASYNCSTREAM_LIBURING_VERSION])
      PHP_EVAL_INCLINE(`$PKG_CONFIG --cflags liburing`)
      PHP_EVAL_LIBLINE(`$PKG_CONFIG --libs liburing`, ASYNCSTREAM_SHARED_LIBADD)
      AC_DEFINE(HAVE_AS_IO_URING, 1, [io_uring data path (liburing)])
    else
      AC_MSG_RESULT([no, AsyncStreams will use readiness events only])
    fi
  fi

  dnl OpenSSL >= 1.1.1 for tls:// and startTls(); optional.
  if test "$PHP_OPENSSL" != "no"; then
    AC_MSG_CHECKING([for OpenSSL >= 1.1.1 (libssl, libcrypto)])
    if test "$PHP_OPENSSL" != "yes"; then
      dnl An installation prefix.
      if test -r "$PHP_OPENSSL/include/openssl/ssl.h"; then
        ASYNCSTREAM_OPENSSL_CFLAGS="-I$PHP_OPENSSL/include"
        ASYNCSTREAM_OPENSSL_LIBDIR="$PHP_OPENSSL/$PHP_LIBDIR"
        test -d "$ASYNCSTREAM_OPENSSL_LIBDIR" || ASYNCSTREAM_OPENSSL_LIBDIR="$PHP_OPENSSL/lib"
        ASYNCSTREAM_OPENSSL_LIBS="-L$ASYNCSTREAM_OPENSSL_LIBDIR -lssl -lcrypto"
        AC_MSG_RESULT([$PHP_OPENSSL])
      else
        AC_MSG_ERROR([--with-openssl=$PHP_OPENSSL: $PHP_OPENSSL/include/openssl/ssl.h not found])
      fi
    else
      if test -z "$PKG_CONFIG"; then
        AC_PATH_PROG(PKG_CONFIG, pkg-config, no)
      fi
      if test "$PKG_CONFIG" != "no" && $PKG_CONFIG --atleast-version=1.1.1 openssl 2>/dev/null; then
        ASYNCSTREAM_OPENSSL_CFLAGS=`$PKG_CONFIG --cflags openssl`
        ASYNCSTREAM_OPENSSL_LIBS=`$PKG_CONFIG --libs openssl`
        AC_MSG_RESULT([found `$PKG_CONFIG --modversion openssl` via pkg-config])
      else
        AC_MSG_RESULT([no])
        AC_MSG_ERROR([asyncstream's TLS needs OpenSSL >= 1.1.1 and pkg-config did not find it.
    Install the development package (Debian/Ubuntu: apt-get install libssl-dev;
    Fedora: dnf install openssl-devel; macOS: brew install openssl@3 and set PKG_CONFIG_PATH),
    pass --with-openssl=PREFIX, or build without TLS with --without-openssl.])
      fi
    fi
    old_CPPFLAGS=$CPPFLAGS
    CPPFLAGS="$CPPFLAGS $ASYNCSTREAM_OPENSSL_CFLAGS"
    AC_MSG_CHECKING([that the OpenSSL headers are version 1.1.1 or newer])
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM([[#include <openssl/opensslv.h>]], [[
#if OPENSSL_VERSION_NUMBER < 0x10101000L
#error OpenSSL too old
#endif
    ]])], [AC_MSG_RESULT([yes])],
      [AC_MSG_RESULT([no]); AC_MSG_ERROR([asyncstream's TLS needs OpenSSL >= 1.1.1; the headers found are older (or use --without-openssl)])])
    CPPFLAGS=$old_CPPFLAGS
    PHP_EVAL_INCLINE($ASYNCSTREAM_OPENSSL_CFLAGS)
    PHP_EVAL_LIBLINE($ASYNCSTREAM_OPENSSL_LIBS, ASYNCSTREAM_SHARED_LIBADD)
    AC_DEFINE(HAVE_AS_TLS, 1, [asyncstream is built with TLS (OpenSSL)])
  fi

  PHP_SUBST(ASYNCSTREAM_SHARED_LIBADD)
  PHP_NEW_EXTENSION(asyncstream,
    asyncstream.c log.c fork.c invoke.c config.c base.c event.c util.c convert.c address.c options.c dns.c stream_io.c stream_connect.c stream_read.c stream_write.c transport_plain.c stream.c server.c server_accept.c tls.c tls_options.c tls_ctx.c tls_info.c tls_session.c transport_tls.c stream_tls.c uring.c transport_uring.c,
    $ext_shared,, -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
  PHP_ADD_BUILD_DIR($ext_builddir/stubs)
fi
