/*
 * test_checker.c -- the record checks shared by zone and probe mode.
 *
 * One row a case: zone-file records (origin example.com., record i on line
 * i + 1) and the exact findings expected, as (line, check, severity).  Every
 * row runs three ways: through one checker; split between two checkers
 * (records dealt alternately) merged before checker_finish, as -j does; and
 * the same split in the other order.  All three must give the same set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "attrleaf.h"
#include "checker.h"
#include "checker_impl.h"
#include "finding.h"
#include "kb.h"
#include "lint.h"
#include "namedup.h"
#include "registry.h"

#define MAXREC 12
#define MAXWANT 8

struct want {
	unsigned long line;
	const char *check;
	const char *sev;
};

struct row {
	const char *name;
	const char *rr[MAXREC];
	struct want want[MAXWANT];
	int probe;			/* apex NULL, as in probe mode */
	const char *unknown;		/* probe: checker_name_unknown on this name */
	unsigned long dis_line;		/* a "; srvlint-disable" on this line ... */
	const char *dis_check;		/* ... of this check */
	int single;			/* only through one checker (see the row) */
	const char *apex;		/* the zone's apex; NULL: example.com. */
	const char *msg;		/* some finding's message holds this text */
	int fragment;			/* no SOA: a fragment (else one is fed first, on line 0) */
};

/* 200 bytes of TXT value. */
#define X10 "xxxxxxxxxx"
#define X50 X10 X10 X10 X10 X10
#define X200 X50 X50 X50 X50

/* Rows leave the fields they do not need to zero. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Findings a correct zone draws: none. */
#define NONE { { 0, NULL, NULL } }

static const struct row rows[] = {
	/* ---- service names: the checker hands the label to namecheck ---- */
	{ "registered name", { "_http._tcp SRV 0 5 80 web", "web A 192.0.2.1" }, NONE },
	{ "alias", { "_www._tcp SRV 0 5 80 web", "web A 192.0.2.1" },
	  { { 1, "name-alias", "warning" } } },
	{ "de-facto _gc drops to note", { "_gc._tcp SRV 0 100 3268 dc1", "dc1 A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" } } },
	{ "transport mismatch", { "_imaps._udp SRV 0 0 993 web", "web A 192.0.2.1" },
	  { { 1, "transport-mismatch", "warning" } } },
	{ "URI owner runs name checks", { "_www._tcp URI 10 1 \"http://www.example.com/\"" },
	  { { 1, "name-alias", "warning" } } },

	/* ---- protocol labels ---- */
	{ "service label without underscore", { "http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "label-no-underscore", "error" } } },
	{ "protocol label without underscore", { "_http.tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "label-no-underscore", "error" } } },
	{ "SRV at a plain host name", { "www SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "label-no-underscore", "error" } } },
	{ "wildcard SRV owner is no missing underscore", { "*._tcp SRV 0 0 80 web", "web A 192.0.2.1" }, NONE },
	{ "no protocol label", { "_http SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "proto-missing", "error" } } },
	{ "URI without protocol label is no proto-missing", { "_email URI 10 1 \"mailto:a@example.com\"" }, NONE },
	{ "unknown protocol", { "_xmpp-client._ssl SRV 0 0 5222 web", "web A 192.0.2.1" },
	  { { 1, "proto-unknown", "warning" } } },
	{ "de-facto _sip._tls drops to note", { "_sip._tls SRV 100 1 443 sipdir.online.lync.com." },
	  { { 1, "proto-unknown", "note" } } },
	{ "proto-unknown never for TXT (RFC 8460)", { "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:t@example.com\"" }, NONE },
	{ "proto-unknown never for TLSA", { "_25._tls.mail TLSA 3 1 1 0123456789abcdef" },
	  { { 1, "attrleaf-rrtype", "warning" } } },
	/*
	 * ipp is registered for tcp and udp only: proto-dnssd, not
	 * transport-mismatch; the instance does not repeat its type's finding.
	 */
	{ "DNS-SD over SCTP", { "_ipp._sctp PTR p._ipp._sctp", "p._ipp._sctp SRV 0 0 631 web",
	    "p._ipp._sctp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "proto-dnssd", "warning" } } },

	/* ---- SRV data ---- */
	{ "target is a CNAME", { "_http._tcp SRV 0 0 80 alias", "alias CNAME web", "web A 192.0.2.1" },
	  { { 1, "srv-target-cname", "error" } } },
	{ "target is a CNAME seen first", { "alias CNAME web", "web A 192.0.2.1", "_http._tcp SRV 0 0 80 alias" },
	  { { 3, "srv-target-cname", "error" } } },
	/*
	 * CNAME beside other data is itself invalid (RFC 1034 section 3.6.2):
	 * a target with an address is never srv-target-cname, whichever of its
	 * records a worker saw first, so that -j cannot change the findings.
	 */
	{ "target with CNAME beside its address", { "alias CNAME web", "alias A 192.0.2.9",
	    "web A 192.0.2.1", "_http._tcp SRV 0 0 80 alias" }, NONE },
	{ "SRV first, target's CNAME beside its address", { "_http._tcp SRV 0 0 80 www",
	    "www CNAME @", "www A 192.0.2.1", "_ftp._tcp SRV 0 0 21 www" }, NONE },
	{ "target's CNAME after its address", { "www A 192.0.2.1",
	    "_http._tcp SRV 0 0 80 www", "www CNAME @", "_ftp._tcp SRV 0 0 21 www" }, NONE },
	{ "target without address", { "_http._tcp SRV 0 0 80 nohost", "nohost TXT \"x\"" },
	  { { 1, "srv-target-no-address", "error" } } },
	{ "target with AAAA only, later", { "_http._tcp SRV 0 0 80 web", "web AAAA 2001:db8::1" }, NONE },
	{ "target outside the zone", { "_http._tcp SRV 0 0 80 www.example.net." }, NONE },
	/* hostname_problem: which reason, by a table of byte classes */
	{ "target with an underscore, after another bad byte", { "_http._tcp SRV 0 0 80 x*y.a_b.example.net." },
	  { { 1, "srv-target-hostname", "warning" } }, .msg = "(a label holds an underscore)" },
	{ "target with a byte other than a letter, digit or hyphen", { "_http._tcp SRV 0 0 80 a\\000b.example.net." },
	  { { 1, "srv-target-hostname", "warning" } }, .msg = "(a label holds a character other" },
	{ "target whose last label is all digits", { "_http._tcp SRV 0 0 80 x-1.29." },
	  { { 1, "srv-target-hostname", "warning" } }, .msg = "(its last label is all digits)" },
	{ "target with digits only in its first labels", { "_http._tcp SRV 0 0 80 12.3-4.ab." }, NONE },
	{ "target whose last label is a digit and a hyphen", { "_http._tcp SRV 0 0 80 ab.9-." }, NONE },
	{ "target below a delegation", { "sub NS ns.example.net.", "_http._tcp SRV 0 0 80 host.sub" }, NONE },
	{ "target below a wildcard", { "*.w A 192.0.2.1", "_http._tcp SRV 0 0 80 x.w" }, NONE },
	{ "dot beside others", { "_http._tcp SRV 0 0 0 .", "_http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "srv-target-dot-mixed", "error" } } },
	{ "dot after others whose target comes later", { "_http._tcp SRV 0 0 80 web", "_http._tcp SRV 0 0 0 .",
	    "web A 192.0.2.1" },
	  { { 2, "srv-target-dot-mixed", "error" } } },
	{ "dot after others whose target is known", { "web A 192.0.2.1", "_http._tcp SRV 0 0 80 web",
	    "_http._tcp SRV 0 0 0 ." },
	  { { 3, "srv-target-dot-mixed", "error" } } },
	{ "dot at another owner", { "_http._tcp SRV 0 0 80 web", "_ldap._tcp SRV 0 0 0 .",
	    "web A 192.0.2.1" }, NONE },
	{ "dot alone, port 0", { "_http._tcp SRV 0 0 0 ." }, NONE },
	{ "port 0 with a real target", { "_http._tcp SRV 0 0 0 web", "web A 192.0.2.1" },
	  { { 1, "srv-port-zero", "warning" } } },
	{ "target with underscore", { "_http._tcp SRV 0 0 80 my_host.example.net." },
	  { { 1, "srv-target-hostname", "warning" } } },
	{ "target is an IPv4 address", { "_http._tcp SRV 0 0 80 192.0.2.1." },
	  { { 1, "srv-target-hostname", "warning" } } },

	/* ---- DNS-SD ---- */
	{ "healthy DNS-SD instance", { "_http._tcp PTR Web\\ Page._http._tcp", "Web\\ Page._http._tcp SRV 0 0 80 web",
	    "Web\\ Page._http._tcp TXT \"path=/\"", "web A 192.0.2.1" }, NONE },
	{ "PTR to another type", { "_ipp._tcp PTR p._http._tcp" },
	  { { 1, "dnssd-ptr-mismatch", "error" } } },
	{ "PTR to another domain", { "_ipp._tcp PTR p._ipp._tcp.example.net." },
	  { { 1, "dnssd-ptr-mismatch", "note" } } },
	{ "instance without SRV", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp TXT \"txtvers=1\"" },
	  { { 1, "dnssd-instance-no-srv", "error" } } },
	{ "instance SRV waits for its target", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web",
	    "p._ipp._tcp TXT \"\"", "web A 192.0.2.1" }, NONE },
	{ "instance without TXT", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "error" } } },
	{ "instance with zero-length TXT", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web",
	    "p._ipp._tcp TXT \\# 0", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "error" } } },
	/* Fragments (checks.md: a file with no SOA): what concludes from absence is a note. */
	{ "fragment: target without address", { "_http._tcp SRV 0 0 80 nohost" },
	  { { 1, "srv-target-no-address", "note" } }, .fragment = 1,
	  .msg = "has no A or AAAA record in this file" },
	{ "fragment: instance without SRV", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp TXT \"x=1\"" },
	  { { 1, "dnssd-instance-no-srv", "note" } }, .fragment = 1,
	  .msg = "has no SRV record in this file" },
	{ "fragment: instance without TXT", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web",
	    "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "note" } }, .fragment = 1,
	  .msg = "has no TXT record in this file" },
	{ "fragment: instance without either", { "_ipp._tcp PTR p._ipp._tcp" },
	  { { 1, "dnssd-instance-no-srv", "note" }, { 1, "dnssd-instance-no-txt", "note" } },
	  .fragment = 1 },
	/* A zero-length TXT and an alias are there to see: still errors in a fragment. */
	{ "fragment: zero-length TXT", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web",
	    "p._ipp._tcp TXT \\# 0", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "error" } }, .fragment = 1 },
	{ "fragment: target an alias", { "_http._tcp SRV 0 0 80 www", "www CNAME web.example.net." },
	  { { 1, "srv-target-cname", "error" } }, .fragment = 1 },
	{ "zone with SOA: target without address", { "_http._tcp SRV 0 0 80 nohost" },
	  { { 1, "srv-target-no-address", "error" } }, .msg = "has no A or AAAA record in the zone" },
	{ "instance browsed twice: one finding", { "_ipp._tcp PTR p._ipp._tcp", "_ipp._tcp PTR p._ipp._tcp",
	    "_x._sub._ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp TXT \"\"" },
	  { { 1, "dnssd-instance-no-srv", "error" } } },
	{ "instance name with control character", { "a\\007b._http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-name", "error" } } },
	{ "instance name not UTF-8", { "caf\\233._http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-name", "error" } } },
	{ "instance name overlong UTF-8", { "\\192\\175._http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-name", "error" } } },
	{ "instance name UTF-8, dots and spaces", { "Caf\\195\\169\\.\\ 2._http._tcp SRV 0 0 80 web", "web A 192.0.2.1" }, NONE },
	{ "subtype without <sub>", { "_sub._http._tcp PTR p._http._tcp" },
	  { { 1, "dnssd-subtype", "warning" } } },
	{ "_sub too deep", { "a.b._sub._http._tcp PTR p._http._tcp" },
	  { { 1, "dnssd-subtype", "warning" } } },
	{ "subtype without type", { "x._sub PTR p._http._tcp" },
	  { { 1, "dnssd-subtype", "warning" } } },
	{ "subtype to another type", { "_printer._sub._http._tcp PTR p._ipp._tcp.example.net." },
	  { { 1, "dnssd-subtype", "warning" } } },
	{ "subtype label may hold any bytes", { "a\\032b\\255._sub._http._tcp PTR p._http._tcp",
	    "p._http._tcp SRV 0 0 80 web", "p._http._tcp TXT \"\"", "web A 192.0.2.1" }, NONE },
	{ "enumeration to an instance", { "_services._dns-sd._udp PTR p._ipp._tcp" },
	  { { 1, "dnssd-enum-target", "warning" } } },
	{ "enumeration to another domain", { "_services._dns-sd._udp PTR _ipp._tcp.example.net." },
	  { { 1, "dnssd-enum-target", "note" } } },
	{ "enumeration to a type", { "_services._dns-sd._udp PTR _ipp._tcp" }, NONE },
	{ "browse domains", { "b._dns-sd._udp PTR @", "db._dns-sd._udp PTR @", "lb._dns-sd._udp PTR @",
	    "r._dns-sd._udp PTR @", "dr._dns-sd._udp PTR @" }, NONE },
	{ "unknown browse label", { "x._dns-sd._udp PTR @" },
	  { { 1, "dnssd-browse-label", "warning" } } },

	/* ---- TXT keys ---- */
	{ "TXT without key", { "p._ipp._tcp TXT \"=value\"" },
	  { { 1, "txt-key-empty", "error" } } },
	{ "single empty string is legal", { "p._ipp._tcp TXT \"\"" }, NONE },
	{ "TXT key with non-ASCII", { "p._ipp._tcp TXT \"k\\200y=1\"" },
	  { { 1, "txt-key-chars", "error" } } },
	{ "TXT key value may hold any bytes", { "p._ipp._tcp TXT \"k=\\200\\000\"" }, NONE },
	{ "long TXT key", { "p._ipp._tcp TXT \"printer-state=3\"" },
	  { { 1, "txt-key-long", "note" } } },
	{ "duplicate TXT key", { "p._ipp._tcp TXT \"a=1\" \"A=2\"" },
	  { { 1, "txt-key-dup", "warning" } } },
	{ "unknown TXT key", { "p._http._tcp TXT \"path=/\" \"pth=/\"" },
	  { { 1, "txt-key-unknown", "note" } } },
	{ "TXT keys of non-instances are no DNS-SD", { "@ TXT \"=x\" \"a=1\" \"a=2\"", "_dmarc TXT \"v=DMARC1; p=none\"" }, NONE },
	{ "TXT size summed: note", { "p._ipp._tcp TXT \"a=" X200 "\"", "p._ipp._tcp TXT \"b=" X200 "\"" },
	  { { 1, "txt-size", "note" } } },
	{ "TXT size: warning", { "p._ipp._tcp TXT \"a=" X200 "\" \"b=" X200 "\" \"c=" X200 "\" \"d=" X200
	    "\" \"e=" X200 "\" \"f=" X200 "\" \"g=" X200 "\"" },
	  { { 1, "txt-size", "warning" } } },
	{ "TXT size summed per instance", { "p._ipp._tcp TXT \"a=" X200 "\"", "p._ipp._tcp TXT \"b=" X200 "\"",
	    "q._ipp._tcp TXT \"c=" X200 "\"", "q._ipp._tcp TXT \"d=" X200 "\"" },
	  { { 1, "txt-size", "note" }, { 3, "txt-size", "note" } } },
	{ "TXT size summed over the zone, not only a run", { "a._ipp._tcp TXT \"k=1\"",
	    "p._ipp._tcp TXT \"a=" X200 "\"", "q._ipp._tcp TXT \"k=1\"", "p._ipp._tcp TXT \"b=" X200 "\"",
	    "z._ipp._tcp TXT \"k=1\"" },
	  { { 2, "txt-size", "note" } } },
	{ "TXT size under 400", { "p._ipp._tcp TXT \"a=" X200 "\"", "q._ipp._tcp TXT \"b=" X200 "\"" }, NONE },

	/* ---- attribute leaves, port labels, host names ---- */
	{ "unregistered leaf", { "_foo TXT \"x\"" },
	  { { 1, "attrleaf-unregistered", "note" } } },
	{ "AD parent label", { "_ldap._tcp.dc._msdcs SRV 0 100 389 dc1", "dc1 A 192.0.2.1" },
	  { { 1, "attrleaf-unregistered", "note" } } },
	{ "registered leaf, wrong type", { "_dmarc SRV 0 0 1 web", "web A 192.0.2.1" },
	  { { 1, "attrleaf-rrtype", "warning" } } },
	{ "registered leaves, right types", { "_dmarc TXT \"v=DMARC1; p=none\"", "s1._domainkey TXT \"v=DKIM1; p=\"",
	    "_mta-sts TXT \"v=STSv1; id=1\"", "_acme-challenge TXT \"x\"", "_25._tcp.mail TLSA 3 1 1 0123456789abcdef",
	    "_ta-4f66 NULL \\# 0", "_openpgpkey OPENPGPKEY AAAA" }, NONE },
	{ "attrleaf-rrtype never for CNAME, NS, DS", { "_acme-challenge.www CNAME x.example.net.",
	    "_dmarc.sub NS ns.example.net.", "_dmarc.sub DS 1 8 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, NONE },
	{ "attrleaf-rrtype never at _example", { "x._example MX 10 mail.example.net." }, NONE },
	{ "PTR under _tcp is DNS-SD", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web",
	    "p._ipp._tcp TXT \"\"", "web A 192.0.2.1" }, NONE },
	{ "port label with leading zero", { "_0443._tcp.www TLSA 3 1 1 0123456789abcdef" },
	  { { 1, "port-label", "error" } } },
	{ "port label out of range", { "_65536._tcp.www TLSA 3 1 1 0123456789abcdef" },
	  { { 1, "port-label", "error" } } },
	{ "port labels ok", { "_0._tcp.www TLSA 3 1 1 0123456789abcdef", "_65535._udp.www TLSA 3 1 1 0123456789abcdef",
	    "_8443._https.api HTTPS 1 . alpn=h2", "api HTTPS 1 . alpn=h2" }, NONE },
	{ "HTTPS at _443._https", { "_443._https.www HTTPS 1 . alpn=h2" },
	  { { 1, "https-prefix", "warning" } } },
	{ "HTTPS under _http", { "_8080._http.www HTTPS 1 . alpn=h2" },
	  { { 1, "https-prefix", "warning" } } },
	{ "A owner with underscore", { "my_host A 192.0.2.1" },
	  { { 1, "hostname-underscore", "warning" } } },
	{ "AD gc._msdcs A drops to note", { "gc._msdcs A 192.0.2.1" },
	  { { 1, "hostname-underscore", "note" } } },
	{ "MX and NS targets with underscore", { "@ MX 10 mail_1.example.net.", "@ NS ns_1.example.net." },
	  { { 1, "hostname-underscore", "warning" }, { 2, "hostname-underscore", "warning" } } },

	/* ---- suppression ---- */
	{ "disabled per record", { "_www._tcp SRV 0 5 80 web", "web A 192.0.2.1" }, NONE,
	  0, NULL, 1, "name-alias" },
	{ "disabled cross-record", { "_http._tcp SRV 0 0 80 nohost" }, NONE,
	  0, NULL, 1, "srv-target-no-address" },
	{ "disabled on the second record only", { "_http._tcp SRV 0 0 80 nohost1", "_ldap._tcp SRV 0 0 389 nohost2" },
	  { { 1, "srv-target-no-address", "error" } }, 0, NULL, 2, "srv-target-no-address" },
	{ "disabled elsewhere changes nothing", { "_http._tcp SRV 0 0 80 nohost" },
	  { { 1, "srv-target-no-address", "error" } }, 0, NULL, 1, "name-alias" },

	/* ---- probe mode: apex NULL ---- */
	{ "probe: every target is inside", { "_http._tcp SRV 0 0 80 web.example.net." },
	  { { 1, "srv-target-no-address", "error" } }, 1 },
	{ "probe: unknown names are silent", { "_http._tcp SRV 0 0 80 web.example.net." }, NONE,
	  1, "web.example.net." },
	{ "probe: answer through a CNAME", { "_http._tcp SRV 0 0 80 web.example.net.",
	    "web.example.net. CNAME real.example.net.", "real.example.net. A 192.0.2.1" },
	  { { 1, "srv-target-cname", "error" } }, 1 },
	{ "probe: instance without TXT", { "_ipp._tcp PTR p._ipp._tcp", "p._ipp._tcp SRV 0 0 631 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "error" } }, 1 },

	/* ---- issue 10: verdicts that match real deployments ---- */
	/* RFC 6763 section 4.1.1: an instance label is any UTF-8, "_" first too. */
	{ "instance label beginning with _", { "_http._tcp PTR _Printer._http._tcp",
	    "_Printer._http._tcp SRV 0 0 80 web", "_Printer._http._tcp TXT \"path=/\"", "web A 192.0.2.1" }, NONE },
	{ "_-first instance without TXT is still one", { "_http._tcp PTR _my_printer._http._tcp",
	    "_my_printer._http._tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-instance-no-txt", "error" } } },
	{ "_-first instance of an unregistered type", { "_zq-none._udp PTR _x._zq-none._udp",
	    "_x._zq-none._udp SRV 0 0 80 web", "_x._zq-none._udp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } } },
	/* RFC 3861 section 3.2, RFC 3922, RFC 5509: IM and presence protocol labels. */
	{ "_im._sip", { "_im._sip SRV 0 0 5060 web", "web A 192.0.2.1" }, NONE },
	{ "_pres._sip", { "_pres._sip SRV 0 0 5060 web", "web A 192.0.2.1" }, NONE },
	{ "_im._xmpp", { "_im._xmpp SRV 0 0 5222 web", "web A 192.0.2.1" }, NONE },
	{ "_pres._xmpp", { "_pres._xmpp SRV 0 0 5222 web", "web A 192.0.2.1" }, NONE },
	{ "_im over an unknown label still warns", { "_im._tls SRV 0 0 5222 web", "web A 192.0.2.1" },
	  { { 1, "proto-unknown", "warning" } } },
	/* RFC 7208 section 5.7 and appendix D.1: exists: targets, not hosts. */
	{ "SPF exists: targets", { "x._spf A 127.0.0.2", "_spf A 127.0.0.2", "y._spf AAAA ::1",
	    "x._spf TXT \"v=spf1 -all\"" }, NONE },
	{ "_spf_rate and _spf_verify exists: targets", { "x._spf_rate A 127.0.0.2",
	    "x._spf_verify AAAA ::1" },
	  { { 1, "attrleaf-unregistered", "note" }, { 2, "attrleaf-unregistered", "note" } },
	  .msg = "RFC 7208" },
	{ "_spf SRV still draws attrleaf-rrtype", { "_spf SRV 0 0 1 web", "web A 192.0.2.1" },
	  { { 1, "attrleaf-rrtype", "warning" } } },
	{ "an underscore A outside _spf still warns", { "x._spf-no A 192.0.2.1" },
	  { { 1, "hostname-underscore", "warning" } } },
	/* RFC 9615: a signed _signal.NS zone carries its apex records. */
	{ "underscored apex's SOA, NS and DNSSEC records", { "@ SOA ns1 host 1 2 3 4 5",
	    "@ NS ns1.example.net.", "@ DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
	    "@ CDS 12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	    "@ CDNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
	    "@ NSEC3PARAM 1 0 0 -", "@ NSEC ns1.example.net. SOA NS",
	    "@ RRSIG SOA 13 2 3600 20300101000000 20200101000000 12345 example.com. AAAA" },
	  NONE, .apex = "example.com." },
	{ "_signal apex records", { "_signal.ns1.example.net. SOA ns1.example.net. h 1 2 3 4 5",
	    "_signal.ns1.example.net. DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
	    "_signal.ns1.example.net. NSEC3PARAM 1 0 0 -",
	    "_signal.ns1.example.net. CDS 12345 13 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	    "_signal.ns1.example.net. ZONEMD 2021071219 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
	  NONE, .apex = "_signal.ns1.example.net." },
	{ "DNSKEY below an underscored apex still warns", { "x._signal.ns1.example.net. DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==" },
	  { { 1, "attrleaf-rrtype", "warning" } }, .apex = "_signal.ns1.example.net." },
	/* RFC 6763 section 6.7: txtvers is for every service. */
	{ "txtvers is no unknown key", { "_http._tcp PTR w._http._tcp", "w._http._tcp SRV 0 0 80 web",
	    "w._http._tcp TXT \"txtvers=1\" \"path=/\" \"zz=1\"", "web A 192.0.2.1" },
	  { { 3, "txt-key-unknown", "note" } } },
	/* MIT Kerberos realm lookup: context, not "register it". */
	{ "_kerberos TXT gets knowledge-base context", { "_kerberos TXT \"EXAMPLE.COM\"" },
	  { { 1, "attrleaf-unregistered", "note" } }, .msg = "MIT Kerberos" },
	/* RFC 6763 section 11: browse-domain names written wrong. */
	{ "browse-domain name misspelt", { "b._dnssd._udp PTR @", "lb._dns-sd._tcp PTR @",
	    "db.dns-sd._udp PTR @", "b._udp PTR @", "b._dns-sd._udp PTR @" },
	  { { 1, "dnssd-browse-label", "warning" }, { 2, "dnssd-browse-label", "warning" },
	    { 3, "dnssd-browse-label", "warning" }, { 4, "dnssd-browse-label", "warning" } },
	  .msg = "malformed browse-domain name" },
	{ "a service type below a browse-domain name", { "_ipp._tcp.b._dns-sd._udp PTR x" },
	  { { 1, "dnssd-browse-label", "warning" } }, .msg = "below the browse-domain name" },
	/* Issue 10 item 8: messages that say what is wrong. */
	{ "SRV and TXT under _sub", { "x._sub._ipp._tcp SRV 0 0 631 web", "x._sub._ipp._tcp TXT \"\"",
	    "_color._sub._ipp._tcp SRV 0 0 631 web", "web A 192.0.2.1" },
	  { { 1, "dnssd-subtype", "warning" }, { 2, "dnssd-subtype", "warning" },
	    { 3, "dnssd-subtype", "warning" } }, .msg = "do not belong under _sub" },
	{ "subtype label missing", { "_sub._ipp._tcp PTR a._ipp._tcp" },
	  { { 1, "dnssd-subtype", "warning" } }, .msg = "subtype label is missing" },
	{ "bare _tcp service label", { "_tcp SRV 0 0 80 web", "web A 192.0.2.1" },
	  { { 1, "proto-missing", "error" } }, .msg = "no service label" },
	/* Misnames (checks.md "Scope notes"): the severity stays, the message names the right name. */
	{ "misname _smtps._tcp", { "_smtps._tcp SRV 0 0 465 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } }, .msg = "clients query _submissions._tcp" },
	{ "misname _h323cs._udp", { "_h323cs._udp SRV 0 0 1720 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } }, .msg = "clients query _h323cs._tcp" },
	{ "_h323cs._tcp is de-facto", { "_h323cs._tcp SRV 0 0 1720 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" } } },
	{ "misname registered for another transport", { "_xmpp-client._udp SRV 0 0 5222 web", "web A 192.0.2.1" },
	  { { 1, "transport-mismatch", "warning" } }, .msg = "clients query _xmpp-client._tcp" },
	{ "misname _mongodb+srv._tcp", { "_mongodb+srv._tcp SRV 0 0 27017 web", "web A 192.0.2.1" },
	  { { 1, "name-bad-char", "error" } }, .msg = "clients query _mongodb._tcp" },
	/* De-facto names (data/defacto.tsv), each from its source: a note in check. */
	/* Puppet docs "Use DNS SRV records" */
	{ "Puppet SRV names", { "_x-puppet._tcp SRV 0 5 8140 web", "_x-puppet-ca._tcp SRV 0 5 8140 web",
	    "_x-puppet-report._tcp SRV 0 5 8140 web", "_x-puppet-file._tcp SRV 0 5 8140 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" }, { 2, "name-unregistered", "note" },
	    { 3, "name-unregistered", "note" }, { 4, "name-unregistered", "note" } }, .msg = "Puppet" },
	/* etcd "Clustering Guide"; OpenShift 4 user-provisioned DNS */
	{ "etcd SRV discovery", { "_etcd-server-ssl._tcp SRV 0 10 2380 web",
	    "_etcd-client-ssl._tcp SRV 0 10 2379 web", "_etcd-server._tcp SRV 0 10 2380 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" }, { 2, "name-unregistered", "note" } }, .msg = "etcd" },
	/* Ceph "Looking up Monitors through DNS"; Cisco Jabber Planning Guide */
	{ "Ceph and Cisco Jabber", { "_ceph-mon._tcp SRV 10 60 6789 web", "_cisco-uds._tcp SRV 0 0 8443 web",
	    "_cuplogin._tcp SRV 0 0 8443 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" }, { 2, "name-unregistered", "note" },
	    { 3, "name-unregistered", "note" } } },
	/* MIT krb5 1.15+ URI lookups (a URI owner without protocol label is fine); XEP-0156 */
	{ "_kerberos and _kpasswd URI, _xmppconnect TXT", { "_kerberos URI 10 1 \"krb5srv:m:tcp:kdc.example.com\"",
	    "_kpasswd URI 10 1 \"krb5srv:m:tcp:kdc.example.com\"", "_xmppconnect TXT \"_xmpp-client-xbosh=https://web/bosh\"" },
	  { { 3, "attrleaf-unregistered", "note" } }, .msg = "XEP-0156" },
	/* Home Assistant zeroconf table: a DNS-SD type too long for RFC 6335. */
	{ "_androidtvremote2 is a de-facto DNS-SD type", { "_androidtvremote2._tcp PTR tv._androidtvremote2._tcp",
	    "tv._androidtvremote2._tcp SRV 0 0 6466 web", "tv._androidtvremote2._tcp TXT \"bt=AA\"", "web A 192.0.2.1" },
	  { { 1, "name-too-long", "note" } },
	  .msg = "python-zeroconf refuses it unless strict=False" },
	{ "_zigstar_gw: an inner _ that systemd-resolved refuses", { "_zigstar_gw._tcp PTR gw._zigstar_gw._tcp",
	    "gw._zigstar_gw._tcp SRV 0 0 80 web", "gw._zigstar_gw._tcp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "name-bad-char", "note" } },
	  .msg = "python-zeroconf (strict) and systemd-resolved refuse it" },
	/* Avahi's service-types database */
	{ "Avahi's _pulse-server", { "_pulse-server._tcp PTR p._pulse-server._tcp",
	    "p._pulse-server._tcp SRV 0 0 4713 web", "p._pulse-server._tcp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" } } },
	/* bench/names-survey: types JmDNS's ServiceTypeDecoderTest holds as deployed */
	{ "iOS Wi-Fi sync's _apple-mobdev2", { "_apple-mobdev2._tcp PTR phone._apple-mobdev2._tcp",
	    "phone._apple-mobdev2._tcp SRV 0 0 32498 web", "phone._apple-mobdev2._tcp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" } }, .msg = "pymobiledevice3" },
	{ "Google Cloud Print's _privet", { "_privet._tcp PTR printer._privet._tcp",
	    "printer._privet._tcp SRV 0 0 80 web", "printer._privet._tcp TXT \"\"", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "note" } }, .msg = "Privet docs" },
	/*
	 * Issue 10 item 9, checks.md "Scope notes": a finding about a name once
	 * per owner name, at its first record; an instance does not repeat its
	 * type's finding.  Every row also runs split over two checkers, both
	 * ways (-j).
	 */
	{ "unregistered type, three instances: one finding", { "_zq-none._tcp PTR a._zq-none._tcp",
	    "_zq-none._tcp PTR b._zq-none._tcp", "_zq-none._tcp PTR c._zq-none._tcp",
	    "a._zq-none._tcp SRV 0 0 1 web", "b._zq-none._tcp SRV 0 0 1 web", "c._zq-none._tcp SRV 0 0 1 web",
	    "a._zq-none._tcp TXT \"\"", "b._zq-none._tcp TXT \"\"", "c._zq-none._tcp TXT \"\"",
	    "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } } },
	{ "instances before their browse owner: the first record reports", { "a._zq-none._tcp SRV 0 0 1 web",
	    "a._zq-none._tcp TXT \"\"", "_zq-none._tcp PTR a._zq-none._tcp", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } } },
	{ "instances without a browse owner: the first", { "b._zq-none._tcp SRV 0 0 1 web",
	    "a._zq-none._tcp SRV 0 0 1 web", "a._zq-none._tcp TXT \"\"", "b._zq-none._tcp TXT \"\"",
	    "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } } },
	{ "two SRV records of one owner: one finding", { "_www._tcp SRV 0 5 80 web",
	    "_www._tcp SRV 0 5 80 web2", "web A 192.0.2.1", "web2 A 192.0.2.2" },
	  { { 1, "name-alias", "warning" } } },
	/* A directive silences its record: the owner's finding stands at its next one. */
	{ "a directive on the first record", { "_www._tcp SRV 0 5 80 web",
	    "_www._tcp SRV 0 5 80 web2", "web A 192.0.2.1", "web2 A 192.0.2.2" },
	  { { 2, "name-alias", "warning" } }, 0, NULL, 1, "name-alias" },
	{ "two owners: two findings", { "_www._tcp SRV 0 5 80 web", "_www._udp SRV 0 5 80 web",
	    "web A 192.0.2.1" },
	  { { 1, "name-alias", "warning" }, { 2, "name-alias", "warning" } } },
	{ "one owner, two problems: both", { "_imaps._udp SRV 0 0 993 web", "_imaps._udp SRV 0 0 993 web2",
	    "_www._ssl SRV 0 0 80 web", "web A 192.0.2.1", "web2 A 192.0.2.2" },
	  { { 1, "transport-mismatch", "warning" }, { 3, "proto-unknown", "warning" }, { 3, "name-alias", "warning" } } },
	{ "attribute leaf, three TXT records: one note", { "_zq-config TXT \"a\"", "_zq-config TXT \"b\"",
	    "_zq-config TXT \"c\"" },
	  { { 1, "attrleaf-unregistered", "note" } } },
	{ "other checks stay per record", { "@ MX 10 mail_1.example.net.", "@ MX 20 mail_2.example.net." },
	  { { 1, "hostname-underscore", "warning" }, { 2, "hostname-underscore", "warning" } } },
	/* Peers' vectors where srvlint is right and the peer wrong (see tests/e2e/name.sh too). */
	/* systemd-resolved's dns_srv_type_is_valid() refuses a leading digit: 9pfs is registered. */
	{ "_9pfs is registered", { "_9pfs._tcp SRV 0 0 564 web", "web A 192.0.2.1" }, NONE },
	/* ... and accepts two adjacent hyphens, which RFC 6335 section 5.1 forbids. */
	{ "_x--x breaks RFC 6335", { "_x--x._tcp SRV 0 0 1 web", "web A 192.0.2.1" },
	  { { 1, "name-double-hyphen", "error" } } },
	{ "_HTTP._TCP is _http._tcp", { "_HTTP._TCP SRV 0 0 80 web", "web A 192.0.2.1" }, NONE },
	/* NAPTR's SIP+D2T is a service field (RFC 3263), never a service label. */
	{ "_sip+d2t is no service name", { "_sip+d2t._tcp SRV 0 0 5060 web", "web A 192.0.2.1" },
	  { { 1, "name-bad-char", "error" } } },
	{ "_a is well-formed, unregistered", { "_a._tcp SRV 0 0 1 web", "web A 192.0.2.1" },
	  { { 1, "name-unregistered", "warning" } } },
};

/* ---- running a row ------------------------------------------------------- */

struct got {
	unsigned long line;
	char check[32];
	char sev[8];
	char msg[512];
};

struct run {
	struct got got[64];
	size_t n;
};

static void
collect(void *ud, const struct finding *f)
{
	struct run *r = ud;

	/* Every finding is about a record: owner, type, file and line are set. */
	assert_non_null(f->owner);
	assert_non_null(f->type);
	assert_non_null(f->message);
	assert_true(f->owner[strlen(f->owner) - 1] == '.');
	assert_true(r->n < 64);
	r->got[r->n].line = f->line;
	snprintf(r->got[r->n].check, sizeof(r->got[r->n].check), "%s", check_info(f->check)->name);
	snprintf(r->got[r->n].sev, sizeof(r->got[r->n].sev), "%s", severity_name(f->severity));
	snprintf(r->got[r->n].msg, sizeof(r->got[r->n].msg), "%s", f->message);
	r->n++;
}

static int
got_cmp(const void *a, const void *b)
{
	const struct got *x = a, *y = b;
	int c;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(x->check, y->check)) != 0)
		return c;
	return strcmp(x->sev, y->sev);
}

static struct options opt;
static struct lint_ctx ctx;

static size_t
parse_row(const struct row *row, ldns_rr **rrs)
{
	ldns_rdf *origin = ldns_dname_new_frm_str("example.com.");
	ldns_rdf *prev = NULL;
	size_t n;

	for (n = 0; n < MAXREC && row->rr[n] != NULL; n++) {
		ldns_status s = ldns_rr_new_frm_str(&rrs[n], row->rr[n], 3600, origin, &prev);
		if (s != LDNS_STATUS_OK)
			fail_msg("%s: record %zu \"%s\": %s", row->name, n + 1, row->rr[n],
			    ldns_get_errorstr_by_id(s));
	}
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	return n;
}

/*
 * Feeds the row to nsplit checkers (record i to checker (i + rot) % nsplit),
 * merges them into the first, finishes it.
 */
static void
run_row(const struct row *row, int nsplit, int rot, struct run *out)
{
	ldns_rr *rrs[MAXREC];
	size_t n = parse_row(row, rrs);
	ldns_rdf *apex = row->probe ? NULL :
	    ldns_dname_new_frm_str(row->apex != NULL ? row->apex : "example.com.");
	struct sink sink = { collect, out };
	/* zone mode's stream: a finding about a name once (namedup.h) */
	struct namedup *once = namedup_create(&sink);
	struct sink filtered = { namedup_emit, once };
	struct checker *ch[2];
	int dis = row->dis_check != NULL ? check_by_name(row->dis_check) : -1;

	if (row->dis_check != NULL)
		assert_true(dis >= 0);
	out->n = 0;
	for (int k = 0; k < nsplit; k++)
		assert_non_null(ch[k] = checker_create(&ctx, &filtered, apex));
	if (row->unknown != NULL) {
		ldns_rdf *u = ldns_dname_new_frm_str(row->unknown);
		checker_name_unknown(ch[nsplit - 1], u);
		ldns_rdf_deep_free(u);
	}
	if (!row->fragment) {
		/* To the last checker: a merge must carry "has SOA" over. */
		ldns_rr *soa = NULL;
		struct rr_pos pos = { "t.zone", 0, 0, row->probe ? "example.com" : NULL };
		assert_int_equal(ldns_rr_new_frm_str(&soa, "example.com. SOA ns.example.com. "
		    "hm.example.com. 1 7200 3600 1209600 300", 3600, NULL, NULL), LDNS_STATUS_OK);
		checker_record(ch[nsplit - 1], soa, &pos);
		ldns_rr_free(soa);
	}
	for (size_t i = 0; i < n; i++) {
		struct rr_pos pos = { "t.zone", i + 1, 0, row->probe ? "example.com" : NULL };
		if (dis >= 0 && row->dis_line == i + 1)
			CHECK_SET_ADD(pos.disabled, dis);
		checker_record(ch[(i + (size_t)rot) % (size_t)nsplit], rrs[i], &pos);
	}
	for (int k = 1; k < nsplit; k++)
		assert_int_equal(checker_merge(ch[0], ch[k]), 0);
	checker_finish(ch[0]);
	for (int k = 0; k < nsplit; k++)
		checker_destroy(ch[k]);
	namedup_destroy(once);
	for (size_t i = 0; i < n; i++)
		ldns_rr_free(rrs[i]);
	ldns_rdf_deep_free(apex);
	qsort(out->got, out->n, sizeof(out->got[0]), got_cmp);
}

static void
check_row(const struct row *row, int nsplit, int rot)
{
	struct run run;
	struct got want[MAXWANT];
	size_t nw = 0;
	int ok;

	for (; nw < MAXWANT && row->want[nw].check != NULL; nw++) {
		want[nw].line = row->want[nw].line;
		snprintf(want[nw].check, sizeof(want[nw].check), "%s", row->want[nw].check);
		snprintf(want[nw].sev, sizeof(want[nw].sev), "%s", row->want[nw].sev);
	}
	qsort(want, nw, sizeof(want[0]), got_cmp);
	run_row(row, nsplit, rot, &run);
	ok = run.n == nw;
	for (size_t i = 0; ok && i < nw; i++)
		ok = got_cmp(&want[i], &run.got[i]) == 0;
	if (ok && row->msg != NULL) {
		size_t i;
		for (i = 0; i < run.n && strstr(run.got[i].msg, row->msg) == NULL; i++)
			;
		if (i == run.n) {
			print_error("row \"%s\": no message holds \"%s\"\n", row->name, row->msg);
			ok = 0;
		}
	}
	if (!ok) {
		print_error("row \"%s\" (%d checker%s, rot %d):\n  want:", row->name,
		    nsplit, nsplit > 1 ? "s" : "", rot);
		for (size_t i = 0; i < nw; i++)
			print_error(" %lu:%s:%s", want[i].line, want[i].check, want[i].sev);
		print_error("\n  got: ");
		for (size_t i = 0; i < run.n; i++)
			print_error(" %lu:%s:%s", run.got[i].line, run.got[i].check, run.got[i].sev);
		print_error("\n");
	}
	assert_true(ok);
}

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		check_row(&rows[i], 1, 0);
}

static void
test_rows_merged(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].single)
			continue;
		check_row(&rows[i], 2, 0);
		check_row(&rows[i], 2, 1);
	}
}

/* Every check a row expects is one checks.def knows (the rows spell names). */
static void
test_rows_name_real_checks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (size_t j = 0; j < MAXWANT && rows[i].want[j].check != NULL; j++)
			assert_true(check_by_name(rows[i].want[j].check) >= 0);
}

/* A TXT RRset split between workers is summed again after the merge. */
static void
test_txt_size_split(void **state)
{
	static const struct row row = { "split", { "p._ipp._tcp TXT \"a=" X200 "\"",
	    "p._ipp._tcp TXT \"b=" X200 "\"", "p._ipp._tcp TXT \"c=" X200 "\"",
	    "p._ipp._tcp TXT \"d=" X200 "\"", "p._ipp._tcp TXT \"e=" X200 "\"",
	    "p._ipp._tcp TXT \"f=" X200 "\"", "p._ipp._tcp TXT \"g=" X200 "\"" },
	    { { 1, "txt-size", "warning" } } };

	(void)state;
	check_row(&row, 1, 0);
	check_row(&row, 2, 0);
	check_row(&row, 2, 1);
}

/* The file of the one txt-size finding. */
static void
txt_size_file(void *ud, const struct finding *f)
{
	if (strcmp(check_info(f->check)->name, "txt-size") == 0) {
		assert_string_equal((char *)ud, "");
		snprintf(ud, 64, "%s", f->file);
	}
}

/*
 * An instance's TXT records at the same line of two files (a zone and the
 * file it includes): one checker reading both, or each read by its own
 * -j worker and merged, must put txt-size at the same place.  One checker
 * summed them as a run into the zone's record, the merge sorted them by
 * file name to the included one (found by fuzz_zone, 16-record batches).
 */
static void
test_txt_size_two_files(void **state)
{
	static const char *const files[2] = { "z.zone", "b.zone" };
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	ldns_rr *txt;
	char where[2][64] = { "", "" };

	(void)state;
	assert_int_equal(ldns_rr_new_frm_str(&txt, "p._ipp._tcp.example.com. TXT \"a=" X200
	    "\" \"b=" X200 "\"", 3600, NULL, NULL), LDNS_STATUS_OK);
	for (int nsplit = 1; nsplit <= 2; nsplit++) {
		struct sink sink = { txt_size_file, where[nsplit - 1] };
		struct checker *ch[2];

		for (int k = 0; k < nsplit; k++)
			assert_non_null(ch[k] = checker_create(&ctx, &sink, apex));
		for (int i = 0; i < 2; i++) {
			struct rr_pos pos = { files[i], 24, 0, NULL };
			checker_record(ch[i % nsplit], txt, &pos);
		}
		if (nsplit == 2)
			assert_int_equal(checker_merge(ch[0], ch[1]), 0);
		checker_finish(ch[0]);
		for (int k = 0; k < nsplit; k++)
			checker_destroy(ch[k]);
	}
	assert_string_not_equal(where[0], "");
	assert_string_equal(where[0], where[1]);
	ldns_rr_free(txt);
	ldns_rdf_deep_free(apex);
}

/* The place of the one txt-size finding, as FILE:LINE. */
static void
txt_size_place(void *ud, const struct finding *f)
{
	if (strcmp(check_info(f->check)->name, "txt-size") == 0) {
		assert_string_equal((char *)ud, "");
		snprintf(ud, 64, "%s:%lu", f->file, f->line);
	}
}

/*
 * A file included twice: an instance's TXT at b.zone:23 (first inclusion),
 * z.zone:23, then b.zone:9 (second inclusion).  One checker must not take
 * b.zone:9 into the run begun at b.zone:23 when a -j worker reads b.zone
 * and the other z.zone: the finding stands at the lowest line, b.zone:9,
 * whoever read what (found by fuzz_zone in a 30-minute run: the run went
 * on in the same file at a lower line, and -j 2 reported b.zone:23).
 */
static void
test_txt_size_file_again(void **state)
{
	static const struct rr_pos seq[3] = {
		{ "b.zone", 23, 0, NULL }, { "z.zone", 23, 0, NULL }, { "b.zone", 9, 0, NULL } };
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	ldns_rr *txt;
	char where[2][64] = { "", "" };

	(void)state;
	assert_int_equal(ldns_rr_new_frm_str(&txt, "p._ipp._tcp.example.com. TXT \"a=" X200
	    "\"", 3600, NULL, NULL), LDNS_STATUS_OK);
	for (int nsplit = 1; nsplit <= 2; nsplit++) {
		struct sink sink = { txt_size_place, where[nsplit - 1] };
		struct checker *ch[2];

		for (int k = 0; k < nsplit; k++)
			assert_non_null(ch[k] = checker_create(&ctx, &sink, apex));
		/* Two workers: b.zone's records to one, z.zone's to the other. */
		for (int i = 0; i < 3; i++)
			checker_record(ch[nsplit == 2 && i == 1], txt, &seq[i]);
		if (nsplit == 2)
			assert_int_equal(checker_merge(ch[0], ch[1]), 0);
		checker_finish(ch[0]);
		for (int k = 0; k < nsplit; k++)
			checker_destroy(ch[k]);
	}
	assert_string_equal(where[0], "b.zone:9");
	assert_string_equal(where[1], "b.zone:9");
	ldns_rr_free(txt);
	ldns_rdf_deep_free(apex);
}

/* The one finding of check want->check, as "FILE:LINE OWNER MESSAGE". */
struct one_finding {
	const char *check;
	char got[512];
};

static void
one_finding(void *ud, const struct finding *f)
{
	struct one_finding *o = ud;

	if (strcmp(check_info(f->check)->name, o->check) == 0) {
		assert_string_equal(o->got, "");
		snprintf(o->got, sizeof o->got, "%s:%lu %s %s", f->file, f->line, f->owner,
		    f->message);
	}
}

/*
 * Two records at one FILE:LINE whose names differ only in case (a file
 * included twice, under origins spelled in two ways): the finding names
 * the byte-least, whichever order the records come in and whether one
 * checker reads both or two -j workers one each (found by fuzz_zone in a
 * 30-minute run: -j 1 named "example.com.", -j 2 "example.cOm.").
 */
static void
test_same_line_case(void **state)
{
	static const struct {
		const char *check, *rr[2], *want;
	} cases[] = {
		{ "txt-size", { "p._ipp._tcp.example.com. TXT \"a=" X200 "\" \"b=" X200 "\"",
		    "P._ipp._tcp.example.com. TXT \"a=" X200 "\" \"b=" X200 "\"" },
		    "b.zone:12 P._ipp._tcp.example.com. the TXT data of this instance is 812 "
		    "bytes; RFC 6763 section 6.2 says it should stay under 400: shorten or "
		    "drop keys" },
		{ "dnssd-instance-no-srv", { "_ipp._tcp.example.com. PTR x._ipp._tcp.example.com.",
		    "_ipp._tcp.example.com. PTR X._ipp._tcp.example.com." },
		    "b.zone:12 _ipp._tcp.example.com. the browsed instance X._ipp._tcp.example.com. "
		    "has no SRV record: clients cannot reach it; add an SRV record at the "
		    "instance name" },
	};
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		ldns_rr *rr[2], *soa;

		assert_int_equal(ldns_rr_new_frm_str(&soa, "example.com. SOA ns h 1 2 3 4 5",
		    3600, NULL, NULL), LDNS_STATUS_OK);
		for (int i = 0; i < 2; i++)
			assert_int_equal(ldns_rr_new_frm_str(&rr[i], cases[c].rr[i], 3600, NULL,
			    NULL), LDNS_STATUS_OK);
		for (int nsplit = 1; nsplit <= 2; nsplit++)
			for (int rev = 0; rev < 2; rev++) {
				struct one_finding o = { cases[c].check, "" };
				struct sink sink = { one_finding, &o };
				struct rr_pos pos = { "b.zone", 12, 0, NULL }, top = { "z.zone", 1, 0, NULL };
				struct checker *ch[2];

				for (int k = 0; k < nsplit; k++)
					assert_non_null(ch[k] = checker_create(&ctx, &sink, apex));
				checker_record(ch[0], soa, &top);
				for (int i = 0; i < 2; i++)
					checker_record(ch[nsplit == 2 ? i : 0], rr[rev ? 1 - i : i], &pos);
				if (nsplit == 2)
					assert_int_equal(checker_merge(ch[0], ch[1]), 0);
				checker_finish(ch[0]);
				for (int k = 0; k < nsplit; k++)
					checker_destroy(ch[k]);
				assert_string_equal(o.got, cases[c].want);
			}
		for (int i = 0; i < 2; i++)
			ldns_rr_free(rr[i]);
		ldns_rr_free(soa);
	}
	ldns_rdf_deep_free(apex);
}

/* The checker is empty after checker_finish and can be used again. */
static void
test_reuse(void **state)
{
	struct run run = { .n = 0 };
	struct sink sink = { collect, &run };
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	ldns_rdf *origin = ldns_dname_new_frm_str("example.com.");
	struct checker *ch = checker_create(&ctx, &sink, apex);
	struct rr_pos pos = { "t.zone", 1, 0, NULL };
	ldns_rr *srv, *a;

	(void)state;
	assert_int_equal(ldns_rr_new_frm_str(&srv, "_http._tcp SRV 0 0 80 web", 3600, origin, NULL), LDNS_STATUS_OK);
	assert_int_equal(ldns_rr_new_frm_str(&a, "web A 192.0.2.1", 3600, origin, NULL), LDNS_STATUS_OK);
	checker_record(ch, a, &pos);
	checker_record(ch, srv, &pos);
	checker_finish(ch);
	assert_int_equal(run.n, 0);
	/* The address was forgotten with the first zone. */
	checker_record(ch, srv, &pos);
	checker_finish(ch);
	assert_int_equal(run.n, 1);
	assert_string_equal(run.got[0].check, "srv-target-no-address");
	checker_destroy(ch);
	checker_destroy(NULL);
	ldns_rr_free(srv);
	ldns_rr_free(a);
	ldns_rdf_deep_free(apex);
	ldns_rdf_deep_free(origin);
}

/* Many names: the fact table grows and keeps every name apart. */
static void
test_many_names(void **state)
{
	struct run run = { .n = 0 };
	struct sink sink = { collect, &run };
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	struct checker *ch = checker_create(&ctx, &sink, apex);
	char buf[128];

	(void)state;
	for (int i = 0; i < 20000; i++) {
		ldns_rr *rr;
		struct rr_pos pos = { "t.zone", (unsigned long)i * 2 + 1, 0, NULL };
		snprintf(buf, sizeof(buf), "_http._tcp.h%d.example.com. 60 IN SRV 0 0 80 h%d.example.com.", i, i);
		assert_int_equal(ldns_rr_new_frm_str(&rr, buf, 60, NULL, NULL), LDNS_STATUS_OK);
		checker_record(ch, rr, &pos);
		ldns_rr_free(rr);
		/* Every host but h777 gets its address after its SRV. */
		if (i == 777)
			continue;
		snprintf(buf, sizeof(buf), "H%d.EXAMPLE.COM. 60 IN A 192.0.2.1", i);
		assert_int_equal(ldns_rr_new_frm_str(&rr, buf, 60, NULL, NULL), LDNS_STATUS_OK);
		pos.line++;
		checker_record(ch, rr, &pos);
		ldns_rr_free(rr);
	}
	checker_finish(ch);
	assert_int_equal(run.n, 1);
	assert_int_equal(run.got[0].line, 777 * 2 + 1);
	assert_string_equal(run.got[0].check, "srv-target-no-address");
	checker_destroy(ch);
	ldns_rdf_deep_free(apex);
}

/*
 * checker.c keeps namecheck's answer per (service, protocol) label pair: a
 * checker that has seen a pair before must say word for word what a fresh
 * checker says.  Labels differing only in case (the message quotes the
 * label as written), the same service under another protocol or none, and
 * more distinct pairs than the memo holds, so that entries are replaced.
 */
struct said_all {
	size_t n;
	char text[16][1200];
};

static void
keep_all(void *ud, const struct finding *f)
{
	struct said_all *s = ud;

	assert_true(s->n < 16);
	snprintf(s->text[s->n], sizeof(s->text[0]), "%lu %s %s %s | %s | %s", f->line,
	    check_info(f->check)->name, severity_name(f->severity), f->owner,
	    f->message, f->primary != NULL ? f->primary : "-");
	s->n++;
}

/*
 * Feeds the record text to the long-lived checker ch (findings to kept)
 * and to a fresh one (findings to fresh): both must say the same.
 * Returns how many findings they made.
 */
static size_t
memo_same(struct checker *ch, struct said_all *fresh, struct said_all *kept,
    const char *text, ldns_rdf *origin, unsigned long line)
{
	struct sink fs = { keep_all, fresh };
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	struct checker *one = checker_create(&ctx, &fs, apex);
	struct rr_pos pos = { "t.zone", line, 0, NULL };
	ldns_rr *rr;

	assert_int_equal(ldns_rr_new_frm_str(&rr, text, 60, origin, NULL), LDNS_STATUS_OK);
	fresh->n = kept->n = 0;
	checker_record(one, rr, &pos);
	checker_record(ch, rr, &pos);
	assert_int_equal(kept->n, fresh->n);
	for (size_t k = 0; k < fresh->n; k++)
		assert_string_equal(kept->text[k], fresh->text[k]);
	checker_destroy(one);
	ldns_rr_free(rr);
	ldns_rdf_deep_free(apex);
	return fresh->n;
}

static void
test_namecheck_memo(void **state)
{
	static const char *const owners[] = {
		"_www._tcp", "_WWW._tcp", "_www._udp", "_imaps._udp", "_imaps._tcp",
		"_IMAPS._udp", "_gc._tcp", "_GC._tcp", "_foo-bar._tcp", "_Foo-Bar._tcp",
		"_x--x._tcp", "_sip+d2t._tcp", "_http.tcp", "_www.tcp", "_http",
		"_www", "i._ipp._tcp", "i._ipp._sctp", "I._IPP._TCP", "_sip._tls",
		"_matrix._tcp", "_xmpp._tcp", "_exp1._tcp", "_ABCDEFGHIJKLMNOP._tcp",
	};
	const size_t no = sizeof(owners) / sizeof(owners[0]);
	/* registered with TXT keys (appletv: prvs; adpro-setup: type; adobe-vc: name), and not */
	static const char *const txt_types[] = {
		"appletv", "appletv-pair", "adobe-vc", "adpro-setup", "antrmai", "aseba",
		"appletv-itunes", "http", "ipp", "zzzzzzz", "b3d-convince", "audirvana-ap",
	};
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	ldns_rdf *origin = ldns_dname_new_frm_str("example.com.");
	static struct said_all fresh, kept;
	struct sink ks = { keep_all, &kept };
	struct checker *ch = checker_create(&ctx, &ks, apex);
	char buf[128];
	size_t found = 0;

	(void)state;
	/* Three rounds: owners, 300 other names (the memo's slots taken), owners again. */
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < (round == 1 ? 300 : no); i++) {
			if (round == 1)
				snprintf(buf, sizeof(buf), "_s%zu-%c._tcp SRV 0 0 1 web", i,
				    "ab"[i % 2]);
			else
				snprintf(buf, sizeof(buf), "%s SRV 0 0 1 web", owners[i]);
			found += memo_same(ch, &fresh, &kept, buf, origin, i + 1);
		}
	/* The rows do draw findings: the comparison is not of nothing. */
	assert_true(found > 2 * no);
	/*
	 * The TXT key checks keep registry_lookup's answer by label: an
	 * instance's TXT under types with other keys, of one length, in
	 * both cases, twice round.
	 */
	found = 0;
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < 2 * sizeof(txt_types) / sizeof(txt_types[0]); i++) {
			snprintf(buf, sizeof(buf), "i%zu._%s._tcp TXT \"txtvers=1\" \"prvs=1\" "
			    "\"type=1\" \"name=1\" \"zz=1\"", i, txt_types[i / 2]);
			if (i % 2)
				for (char *c = buf; *c != '\0'; c++)
					if (*c >= 'a' && *c <= 'z' && c > buf + 3 && c[-1] != '"')
						*c = (char)(*c - 32);
			found += memo_same(ch, &fresh, &kept, buf, origin, i + 1);
		}
	assert_true(found > 10);
	checker_destroy(ch);
	ldns_rdf_deep_free(apex);
	ldns_rdf_deep_free(origin);
}

/* What a cross-record finding says: the owner and target names come back whole. */
struct said {
	enum check_id want;	/* the only check kept */
	char owner[256], type[16], file[32], domain[32], message[1024];
	unsigned long line;
	size_t n;
};

static void
keep(void *ud, const struct finding *f)
{
	struct said *s = ud;

	if (f->check != s->want)
		return;
	s->n++;
	snprintf(s->owner, sizeof(s->owner), "%s", f->owner);
	snprintf(s->type, sizeof(s->type), "%s", f->type);
	snprintf(s->file, sizeof(s->file), "%s", f->file != NULL ? f->file : "-");
	snprintf(s->domain, sizeof(s->domain), "%s", f->domain != NULL ? f->domain : "-");
	snprintf(s->message, sizeof(s->message), "%s", f->message);
	s->line = f->line;
}

static void
said_one(enum check_id want, const char *apex_s, const char *rr_s, const char *domain,
    const char *owner, const char *type, const char *in_message)
{
	struct said s;
	struct sink sink = { keep, &s };
	ldns_rdf *apex = apex_s != NULL ? ldns_dname_new_frm_str(apex_s) : NULL;
	struct checker *ch = checker_create(&ctx, &sink, apex);
	struct checker *ch2 = checker_create(&ctx, &sink, apex);
	struct rr_pos pos = { "z.zone", 42, 0, domain };
	ldns_rr *rr;

	memset(&s, 0, sizeof(s));
	s.want = want;
	assert_int_equal(ldns_rr_new_frm_str(&rr, rr_s, 60, NULL, NULL), LDNS_STATUS_OK);
	/* Through a merge, so the names also survive being moved. */
	checker_record(ch2, rr, &pos);
	assert_int_equal(checker_merge(ch, ch2), 0);
	checker_finish(ch);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.owner, owner);
	assert_string_equal(s.type, type);
	assert_string_equal(s.file, "z.zone");
	assert_string_equal(s.domain, domain != NULL ? domain : "-");
	assert_int_equal(s.line, 42);
	if (strstr(s.message, in_message) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", s.message, in_message);
	checker_destroy(ch);
	checker_destroy(ch2);
	ldns_rr_free(rr);
	ldns_rdf_deep_free(apex);
}

/* Adds one record in presentation form to a checker. */
static void
feed(struct checker *ch, const char *rr_s, unsigned long line)
{
	struct rr_pos pos = { "z.zone", line, 0, NULL };
	ldns_rr *rr;

	assert_int_equal(ldns_rr_new_frm_str(&rr, rr_s, 60, NULL, NULL), LDNS_STATUS_OK);
	checker_record(ch, rr, &pos);
	ldns_rr_free(rr);
}

/*
 * A merge of checkers of very different sizes, either way round (the
 * larger goes into the smaller, or the smaller into the larger): every
 * host of the one answers the SRV records of the other, and only the
 * missing target is said; the few hosts of the smaller one answer too
 * (mine.example.com.), and "both.example.com.", with an address in each,
 * is one name after the merge.
 */
static void
test_merge_sizes(void **state)
{
	enum { HOSTS = 6000 };
	char rr_s[128];

	(void)state;
	for (int hosts_in = 0; hosts_in <= 1; hosts_in++) {
		struct said s;
		struct sink sink = { keep, &s };
		ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
		struct checker *ch[2];

		memset(&s, 0, sizeof(s));
		s.want = CHECK_SRV_TARGET_NO_ADDRESS;
		assert_non_null(ch[0] = checker_create(&ctx, &sink, apex));
		assert_non_null(ch[1] = checker_create(&ctx, &sink, apex));
		for (int i = 0; i < HOSTS; i++) {
			snprintf(rr_s, sizeof(rr_s), "h%d.example.com. A 192.0.2.1", i);
			feed(ch[hosts_in], rr_s, (unsigned long)i + 1);
		}
		feed(ch[hosts_in], "both.example.com. AAAA 2001:db8::1", HOSTS + 1);
		feed(ch[!hosts_in], "both.example.com. A 192.0.2.2", 1);
		feed(ch[!hosts_in], "mine.example.com. A 192.0.2.3", 2);
		feed(ch[hosts_in], "_http._tcp.example.com. SRV 0 0 80 mine.example.com.", HOSTS + 4);
		for (int i = 0; i < HOSTS; i += 7) {
			snprintf(rr_s, sizeof(rr_s), "_http._tcp.example.com. SRV 0 0 80 h%d.example.com.", i);
			feed(ch[!hosts_in], rr_s, (unsigned long)i + 2);
		}
		feed(ch[!hosts_in], "_http._tcp.example.com. SRV 0 0 80 both.example.com.", HOSTS + 2);
		feed(ch[!hosts_in], "_http._tcp.example.com. SRV 0 0 80 gone.example.com.", HOSTS + 3);
		assert_int_equal(checker_merge(ch[0], ch[1]), 0);
		checker_finish(ch[0]);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.line, HOSTS + 3);
		if (strstr(s.message, " gone.example.com. ") == NULL)
			fail_msg("message \"%s\" lacks the missing target", s.message);
		checker_destroy(ch[0]);
		checker_destroy(ch[1]);
		ldns_rdf_deep_free(apex);
	}
}

static void
test_cross_record_names(void **state)
{
	(void)state;
	/* Owner and target inside the apex, the target a suffix of the owner. */
	said_one(CHECK_SRV_TARGET_NO_ADDRESS, "example.com.", "_http._tcp.h1.example.com. SRV 0 0 80 h1.example.com.", NULL,
	    "_http._tcp.h1.example.com.", "SRV", " h1.example.com. ");
	/* The target elsewhere inside the apex. */
	said_one(CHECK_SRV_TARGET_NO_ADDRESS, "example.com.", "_http._tcp.Example.COM. SRV 0 0 80 a.b.example.com.", NULL,
	    "_http._tcp.Example.COM.", "SRV", " a.b.example.com. ");
	/* The owner is the apex itself. */
	said_one(CHECK_SRV_TARGET_NO_ADDRESS, "example.com.", "example.com. SRV 0 0 80 example.com.", NULL,
	    "example.com.", "SRV", " example.com. ");
	/* Probe mode: nothing is relative. */
	said_one(CHECK_SRV_TARGET_NO_ADDRESS, NULL, "_sip._udp.example.org. SRV 0 0 5060 sip.example.net.", "example.org",
	    "_sip._udp.example.org.", "SRV", " sip.example.net. ");
	said_one(CHECK_DNSSD_INSTANCE_NO_SRV, "example.com.", "_ipp._tcp.example.com. PTR p\\032q._ipp._tcp.example.com.", NULL,
	    "_ipp._tcp.example.com.", "PTR", "p\\032q._ipp._tcp.example.com.");
}

static uint8_t
lc(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* Names hash equal exactly when they are equal ignoring ASCII case, at every byte position. */
static void
test_hash_case(void **state)
{
	(void)state;
	for (size_t pos = 1; pos <= 18; pos += 1) {
		uint8_t w[21], v[21];
		uint64_t h[256];

		memset(w, 'k', sizeof(w));
		w[0] = 19;
		w[20] = 0;
		for (unsigned c = 0; c < 256; c++) {
			w[pos] = (uint8_t)c;
			h[c] = xref_hash(w, sizeof(w));
			memcpy(v, w, sizeof(v));
			v[pos] = lc((uint8_t)c);
			assert_true(h[c] == xref_hash(v, sizeof(v)));
		}
		for (unsigned a = 0; a < 256; a++)
			for (unsigned b = a + 1; b < 256; b++)
				if (lc((uint8_t)a) != lc((uint8_t)b) && h[a] == h[b])
					fail_msg("bytes %u and %u hash alike at %zu", a, b, pos);
	}
}

/* xref_hash as it was, its tail copied byte by byte: the values must not move. */
static uint64_t
ref_hash(const uint8_t *w, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, v;

	for (size_t i = 0; i < len; i += 8) {
		v = 0;
		for (size_t k = 0; k < 8 && i + k < len; k++) {
			uint8_t c = w[i + k];
			v |= (uint64_t)(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * k);
		}
		h = (h ^ v) * 0x87c37b91114253d5ULL;
		if (i + 8 <= len)
			h = (h << 31) | (h >> 33);
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Every length's tail (the last word read whole and shifted) hashes as before. */
static void
test_hash_tail(void **state)
{
	uint8_t w[300];
	unsigned r = 99;

	(void)state;
	for (int round = 0; round < 200; round++)
		for (size_t len = 0; len <= 255; len++) {
			for (size_t i = 0; i < sizeof w; i++) {
				r = r * 1103515245u + 12345u;
				w[i] = (uint8_t)(r >> 16);
			}
			if (xref_hash(w + 3, len) != ref_hash(w + 3, len))
				fail_msg("length %zu", len);
		}
}

/*
 * xref_ci_equal (eight bytes at a time) says equal exactly when every byte
 * is equal ignoring ASCII case: each byte against its other case, its
 * neighbours and itself with the high bit flipped, at each position of
 * names 1 to 40 bytes long, so that both the 8-byte words and the tail see
 * every byte.
 */
static void
test_ci_equal(void **state)
{
	(void)state;
	for (size_t n = 1; n <= 40; n++)
		for (size_t pos = 0; pos < n; pos++) {
			uint8_t a[40], b[40];
			memset(a, 'q', n);
			memset(b, 'Q', n);
			for (unsigned x = 0; x < 256; x++)
				for (unsigned k = 0; k < 6; k++) {
					/* the byte itself, its other case, its neighbours, high bit flipped */
					static const unsigned flip[] = { 0, 0x20, 1, 0xff, 0x80, 0xa0 };
					unsigned y = (k == 3 ? x + flip[k] : x ^ flip[k]) & 0xff;
					a[pos] = (uint8_t)x;
					b[pos] = (uint8_t)y;
					if (xref_ci_equal(a, b, n) != (lc((uint8_t)x) == lc((uint8_t)y)))
						fail_msg("bytes %u and %u at %zu of %zu", x, y, pos, n);
				}
		}
	assert_true(xref_ci_equal((const uint8_t *)"", (const uint8_t *)"x", 0));
}

static void
test_attrleaf_lookup(void **state)
{
	(void)state;
	assert_string_equal(attrleaf_types("_dmarc", 6), "TXT");
	assert_string_equal(attrleaf_types("_DMARC", 6), "TXT");
	assert_string_equal(attrleaf_types("_tcp", 4), "SRV TLSA TXT URI");
	assert_string_equal(attrleaf_types("_ta-4f66", 8), "NULL");
	assert_string_equal(attrleaf_types("_ta-4f66-9728", 13), "NULL");
	assert_null(attrleaf_types("_ta-", 4));
	assert_null(attrleaf_types("_ta-xyz", 7));
	assert_null(attrleaf_types("_msdcs", 6));
	assert_null(attrleaf_types("_dmarcx", 7));
	assert_null(attrleaf_types("_dmar", 5));
	assert_null(attrleaf_types("_dm\0rc", 6));
	assert_string_equal(attrleaf_types("_acct", 5), "URI");		/* the first */
	assert_string_equal(attrleaf_types("_xmpp", 5), "SRV URI");	/* the last */
	assert_string_equal(attrleaf_types("_example", 8), "*");
	assert_true(attrleaf_type_listed("SRV URI", "URI"));
	assert_true(attrleaf_type_listed("SRV URI", "srv"));
	assert_false(attrleaf_type_listed("SRV URI", "SR"));
	assert_false(attrleaf_type_listed("SRV URI", "SRVX"));
	assert_false(attrleaf_type_listed("TXT", "TXT2"));
	assert_false(attrleaf_type_listed("SRV URI", "TXT"));
	assert_true(attrleaf_type_listed("*", "A"));
	for (size_t i = 1; i < attrleaf_count; i++)
		assert_true(strcmp(attrleaf_table[i - 1].name, attrleaf_table[i].name) < 0);
}

/* kb_lookup's answer by a scan of the table in order: the first row that fits. */
static const struct kb_entry *
kb_scan(const char *svc, size_t len, const char *proto, size_t plen, int parent)
{
	for (size_t i = 0; i < kb_count(); i++) {
		const struct kb_entry *e = kb_at(i);

		if (e->label_len != len || strncasecmp(e->label, svc, len) != 0)
			continue;
		if (parent ? e->proto[0] == '\0' : e->proto[0] != '\0' &&
		    (proto == NULL || plen == 0 || e->proto[0] == '*' ||
		    (strlen(e->proto) == plen && strncasecmp(e->proto, proto, plen) == 0)))
			return e;
	}
	return NULL;
}

/*
 * The knowledge base's index finds what a scan finds: each row's label in
 * its case and upper case, with each protocol, none, and one no row has;
 * rows of one label with other protocols (h323cs tcp and udp) in table order.
 */
static void
test_kb_lookup(void **state)
{
	static const char *const protos[] = { "tcp", "udp", "tls", "TCP", "sctp", "" };

	(void)state;
	for (size_t i = 0; i < kb_count(); i++) {
		const struct kb_entry *e = kb_at(i);
		char up[64];
		size_t n = e->label_len;

		assert_true(n < sizeof up);
		for (size_t k = 0; k < n; k++)
			up[k] = (char)(e->label[k] >= 'a' && e->label[k] <= 'z' ?
			    e->label[k] - 'a' + 'A' : e->label[k]);
		for (size_t p = 0; p < sizeof protos / sizeof protos[0]; p++) {
			size_t pl = strlen(protos[p]);

			assert_ptr_equal(kb_lookup(e->label, n, protos[p], pl),
			    kb_scan(e->label, n, protos[p], pl, 0));
			assert_ptr_equal(kb_lookup(up, n, protos[p], pl), kb_scan(up, n, protos[p], pl, 0));
		}
		assert_ptr_equal(kb_lookup(up, n, NULL, 0), kb_scan(up, n, NULL, 0, 0));
		assert_ptr_equal(kb_lookup_parent(e->label, n), kb_scan(e->label, n, NULL, 0, 1));
		assert_ptr_equal(kb_lookup_parent(up, n), kb_scan(up, n, NULL, 0, 1));
		assert_non_null(e->proto[0] == '\0' ? kb_lookup_parent(up, n) : kb_lookup(up, n, NULL, 0));
	}
	assert_string_equal(kb_lookup("H323CS", 6, NULL, 0)->proto, "tcp");	/* the first row */
	assert_int_equal(kb_lookup("h323cs", 6, "udp", 3)->kind, KB_MISNAME);
	assert_null(kb_lookup("h323c", 5, NULL, 0));
	assert_null(kb_lookup("msdcs", 5, "tcp", 3));		/* a parent label only */
	assert_null(kb_lookup_parent("gc", 2));
}

/* ---- waiting references kept small (xref.c) ------------------------------- */

/* A cross-record finding: its check, owner text, file and line. */
struct xfind {
	char check[32];
	char owner[64];
	char file[16];
	unsigned long line;
};

struct xfinds {
	struct xfind f[8];
	size_t n;
};

static void
xcollect(void *ud, const struct finding *f)
{
	static const char *const cross[] = { "txt-size", "srv-target-dot-mixed",
	    "srv-target-no-address", "srv-target-cname", "dnssd-instance-no-srv",
	    "dnssd-instance-no-txt" };
	struct xfinds *r = ud;
	const char *name = check_info(f->check)->name;
	size_t i;

	for (i = 0; i < sizeof(cross) / sizeof(cross[0]) && strcmp(cross[i], name) != 0; i++)
		;
	if (i == sizeof(cross) / sizeof(cross[0]))
		return;
	assert_true(r->n < 8);
	snprintf(r->f[r->n].check, sizeof(r->f[r->n].check), "%s", name);
	snprintf(r->f[r->n].owner, sizeof(r->f[r->n].owner), "%s", f->owner);
	snprintf(r->f[r->n].file, sizeof(r->f[r->n].file), "%s", f->file ? f->file : "");
	r->f[r->n].line = f->line;
	r->n++;
}

static int
xfind_cmp(const void *a, const void *b)
{
	const struct xfind *x = a, *y = b;
	int c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->check, y->check);
}

struct xrec {
	const char *file;
	unsigned long line;
	char rr[640];
};

/*
 * Feeds records to nsplit checkers: to checker (i / chunk) % nsplit, merges
 * them into the first, finishes it; the findings sorted.
 */
static void
xrun(const struct xrec *recs, size_t n, int nsplit, size_t chunk, struct xfinds *out)
{
	ldns_rdf *apex = ldns_dname_new_frm_str("example.com.");
	struct sink sink = { xcollect, out };
	struct checker *ch[2];

	out->n = 0;
	for (int k = 0; k < nsplit; k++)
		assert_non_null(ch[k] = checker_create(&ctx, &sink, apex));
	for (size_t i = 0; i < n; i++) {
		struct rr_pos pos = { recs[i].file, recs[i].line, 0, NULL };
		ldns_rr *rr = NULL;
		if (ldns_rr_new_frm_str(&rr, recs[i].rr, 3600, apex, NULL) != LDNS_STATUS_OK)
			fail_msg("record %zu \"%s\"", i, recs[i].rr);
		checker_record(ch[(i / chunk) % (size_t)nsplit], rr, &pos);
		ldns_rr_free(rr);
	}
	for (int k = 1; k < nsplit; k++)
		assert_int_equal(checker_merge(ch[0], ch[k]), 0);
	checker_finish(ch[0]);
	for (int k = 0; k < nsplit; k++)
		checker_destroy(ch[k]);
	ldns_rdf_deep_free(apex);
	qsort(out->f, out->n, sizeof(out->f[0]), xfind_cmp);
}

/* The same findings for one checker and for two, dealt by chunks of 1, 2, 3 and 1000. */
static void
xexpect(const struct xrec *recs, size_t n, const struct xfind *want, size_t nw)
{
	static const size_t chunks[] = { 1, 2, 3, 1000 };
	struct xfinds got;

	for (int nsplit = 1; nsplit <= 2; nsplit++)
		for (size_t c = 0; c < (nsplit == 1 ? 1 : 4); c++) {
			xrun(recs, n, nsplit, chunks[c], &got);
			if (got.n != nw)
				fail_msg("%d checker(s), chunk %zu: %zu findings, want %zu",
				    nsplit, chunks[c], got.n, nw);
			for (size_t i = 0; i < nw; i++) {
				assert_string_equal(got.f[i].check, want[i].check);
				assert_string_equal(got.f[i].owner, want[i].owner);
				assert_string_equal(got.f[i].file, want[i].file);
				assert_int_equal(got.f[i].line, want[i].line);
			}
		}
}

/*
 * A TXT run kept in its instance's browse record (txt_join) only when the
 * owner is the browse target byte for byte: txt-size keeps the TXT
 * record's own owner text, line and file, summed with the instance's runs
 * elsewhere (an included file, another -j worker).
 */
static void
test_txt_join(void **state)
{
	static const struct xrec recs[] = {
		{ "t.zone", 1, "@ SOA ns hm 1 7200 3600 1209600 300" },
		{ "t.zone", 2, "_ipp._tcp PTR P._ipp._tcp" },
		{ "t.zone", 3, "P._ipp._tcp SRV 0 0 631 h" },
		{ "t.zone", 4, "P._ipp._tcp TXT \"a=" X200 "\" \"b=" X200 "\"" },
		{ "t.zone", 5, "h A 192.0.2.1" },
		{ "t.zone", 6, "_ipp._tcp PTR q._ipp._tcp" },
		{ "t.zone", 7, "Q._ipp._tcp SRV 0 0 631 h" },
		{ "t.zone", 8, "Q._ipp._tcp TXT \"a=" X200 "\"" },
		{ "b.zone", 20, "q._ipp._tcp TXT \"b=" X200 "\"" },
		{ "t.zone", 9, "_ipp._tcp PTR r._ipp._tcp" },
		{ "t.zone", 10, "r._ipp._tcp SRV 0 0 631 h" },
		{ "t.zone", 11, "r._ipp._tcp TXT \"a=1\"" },
		{ "b.zone", 2, "r._ipp._tcp TXT \"b=" X200 "\" \"c=" X200 "\"" },
	};
	static const struct xfind want[] = {
		{ "txt-size", "r._ipp._tcp.example.com.", "b.zone", 2 },
		{ "txt-size", "P._ipp._tcp.example.com.", "t.zone", 4 },
		{ "txt-size", "Q._ipp._tcp.example.com.", "t.zone", 8 },
	};

	(void)state;
	xexpect(recs, sizeof(recs) / sizeof(recs[0]), want, sizeof(want) / sizeof(want[0]));
}

/*
 * SRV references are swept as their targets get addresses (xref_sweep, from
 * REF_SWEEP_MIN on): 3000 SRVs each before its host, one host missing, and
 * a "." SRV at the end beside an SRV whose reference was swept long before.
 */
static void
test_srv_sweep(void **state)
{
	enum { N = 3000, MISSING = 1500, DOTTED = 7 };
	struct xrec *recs = calloc(2 * N + 2, sizeof(*recs));
	struct xfind want[2] = {
		{ "srv-target-no-address", "_http._tcp.s1500.example.com.", "t.zone", 0 },
		{ "srv-target-dot-mixed", "_http._tcp.s7.example.com.", "t.zone", 0 },
	};
	size_t n = 0;

	(void)state;
	assert_non_null(recs);
	recs[n++] = (struct xrec){ "t.zone", 1, "@ SOA ns hm 1 7200 3600 1209600 300" };
	for (int i = 0; i < N; i++) {
		recs[n].file = "t.zone";
		recs[n].line = n + 1;
		snprintf(recs[n].rr, sizeof(recs[n].rr), "_http._tcp.s%d SRV 0 0 80 h%d", i, i);
		if (i == MISSING)
			want[0].line = recs[n].line;
		n++;
		if (i == MISSING)
			continue;
		recs[n].file = "t.zone";
		recs[n].line = n + 1;
		snprintf(recs[n].rr, sizeof(recs[n].rr), "h%d A 192.0.2.1", i);
		n++;
	}
	recs[n].file = "t.zone";
	recs[n].line = n + 1;
	snprintf(recs[n].rr, sizeof(recs[n].rr), "_http._tcp.s%d SRV 0 0 0 .", DOTTED);
	want[1].line = recs[n].line;
	n++;
	xexpect(recs, n, want, 2);
	free(recs);
}

/* A name's key, as random as xref_hash's (splitmix64 of i). */
static uint64_t
mixed_key(uint64_t i)
{
	uint64_t z = i * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
count_emit(void *ud, const struct finding *f)
{
	(void)f;
	(*(size_t *)ud)++;
}

/*
 * namedup passes the first finding of each (name, check) and only that,
 * through its shards' growth (800k pairs: past the doubling into growth
 * by a quarter), and every finding without a name.
 */
static void
test_namedup_many(void **state)
{
	enum { N = 400000 };
	size_t passed = 0;
	struct sink out = { count_emit, &passed };
	struct namedup *d = namedup_create(&out);
	struct finding f;

	(void)state;
	assert_non_null(d);
	for (int round = 0; round < 2; round++)
		for (uint64_t i = 1; i <= N; i++) {
			finding_init(&f, CHECK_TXT_SIZE);
			f.name_key = mixed_key(i);
			namedup_emit(d, &f);
			finding_init(&f, CHECK_SRV_PORT_ZERO);
			f.name_key = mixed_key(i);
			namedup_emit(d, &f);
			if (round == 0 && i % 1000 == 0) {
				finding_init(&f, CHECK_SRV_PORT_ZERO);
				namedup_emit(d, &f);	/* no name: always passes */
			}
		}
	assert_int_equal(passed, 2 * N + N / 1000);
	namedup_destroy(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_name_real_checks),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_rows_merged),
		cmocka_unit_test(test_txt_size_split),
		cmocka_unit_test(test_txt_size_two_files),
		cmocka_unit_test(test_txt_size_file_again),
		cmocka_unit_test(test_same_line_case),
		cmocka_unit_test(test_reuse),
		cmocka_unit_test(test_many_names),
		cmocka_unit_test(test_namecheck_memo),
		cmocka_unit_test(test_cross_record_names),
		cmocka_unit_test(test_merge_sizes),
		cmocka_unit_test(test_hash_case),
		cmocka_unit_test(test_ci_equal),
		cmocka_unit_test(test_hash_tail),
		cmocka_unit_test(test_attrleaf_lookup),
		cmocka_unit_test(test_kb_lookup),
		cmocka_unit_test(test_txt_join),
		cmocka_unit_test(test_srv_sweep),
		cmocka_unit_test(test_namedup_many),
	};

	for (size_t i = 0; i < CHECK_COUNT; i++)
		opt.sev_override[i] = -1;
	ctx.opt = &opt;
	ctx.reg = registry_builtin();
	ctx.defacto_lowers = 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
