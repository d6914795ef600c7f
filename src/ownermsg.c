/*
 * ownermsg.c -- messages shared by check and name (see ownermsg.h).
 */
#include <stdio.h>

#include "ownermsg.h"

void
ownermsg_sub_missing(char *buf, size_t buflen, const char *svc, const char *proto)
{
	snprintf(buf, buflen, "the subtype label is missing before _sub: a "
	    "subtype is <sub>._sub.%s.%s.<domain> (RFC 6763 section 7.1)", svc, proto);
}

void
ownermsg_proto_alone(char *buf, size_t buflen, const char *proto)
{
	snprintf(buf, buflen, "%s is a protocol label, and the SRV owner has no "
	    "service label before it: write _<service>.%s, e.g. _http._tcp",
	    proto, proto);
}

void
ownermsg_label_too_long(char *buf, size_t buflen, const char *at, size_t len)
{
	snprintf(buf, buflen, "the label \"%.20s...\" is %zu bytes long; a DNS "
	    "label has at most 63 (RFC 1035 section 2.3.4): shorten it (a DNS-SD "
	    "instance name too)", at, len);
}

void
ownermsg_label_empty(char *buf, size_t buflen)
{
	snprintf(buf, buflen, "the name holds an empty label (two dots in a row, "
	    "or a dot before the first label); only the root is empty (RFC 1035 "
	    "section 3.1)");
}
