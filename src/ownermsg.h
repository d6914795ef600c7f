/*
 * ownermsg.h -- the words of the owner-name findings that both check and
 * name emit, so that a name gets the same message whichever way it came
 * (issue 10 item 10).  Each writes a NUL-terminated message into buf
 * (buflen bytes, truncated to fit); the caller picks the check and emits.
 * The label arguments are printable text (escaped by the caller).
 */
#ifndef SRVLINT_OWNERMSG_H
#define SRVLINT_OWNERMSG_H

#include <stddef.h>

/* dnssd-subtype: "_sub._ipp._tcp"; svc and proto with their underscores. */
void ownermsg_sub_missing(char *buf, size_t buflen, const char *svc,
    const char *proto);

/* proto-missing: a protocol label (proto, "_tcp") with no service label before it. */
void ownermsg_proto_alone(char *buf, size_t buflen, const char *proto);

/* parse-error: a label (its first bytes at, printable) of len bytes, over 63. */
void ownermsg_label_too_long(char *buf, size_t buflen, const char *at, size_t len);

/* parse-error: an empty label ("a..b", ".a"). */
void ownermsg_label_empty(char *buf, size_t buflen);

#endif
