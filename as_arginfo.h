/*
 * Includes the arginfo generated from stubs/asyncstream.stub.php, with the socket
 * headers and AS_SOL_* its constants' @cvalue names need. Included once, by
 * asyncstream.c, which registers every class.
 */
#ifndef AS_ARGINFO_H
#define AS_ARGINFO_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#ifndef SOL_TCP
# define SOL_TCP IPPROTO_TCP
#endif
#ifndef SOL_UDP
# define SOL_UDP IPPROTO_UDP
#endif
#define AS_SOL_TCP SOL_TCP
#define AS_SOL_UDP SOL_UDP

#if defined(__GNUC__)
# pragma GCC diagnostic push
# pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include "stubs/asyncstream_arginfo.h"
#if defined(__GNUC__)
# pragma GCC diagnostic pop
#endif

#endif /* AS_ARGINFO_H */
