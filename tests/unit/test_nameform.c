/*
 * test_nameform.c -- the labels `srvlint name` judges in a name as users
 * paste it (src/nameform.c).  One row a case: the input, then the service,
 * protocol (NULL: none), and what is set aside ("" none).  Sources: the
 * forms avahi-browse, dns-sd -B/-R and zone files print (issue 10 item 10).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nameform.h"

struct row {
	const char *in;
	const char *svc, *proto;
	const char *prefix, *domain, *subtypes;
};

static const struct row rows[] = {
	{ "_http", "http", NULL, "", "", "" },
	{ "_http._tcp", "http", "tcp", "", "", "" },
	{ "_HTTP._TCP", "HTTP", "TCP", "", "", "" },
	{ "http", "http", NULL, "", "", "" },
	{ "_", "", NULL, "", "", "" },
	/* historic names with dots stay whole (registry: z39.50) */
	{ "_z39.50", "z39.50", NULL, "", "", "" },
	/* the protocol position without a transport: proto-unknown is judged */
	{ "_ipp._tls", "ipp", "tls", "", "", "" },
	{ "_http._foo", "http", "foo", "", "", "" },
	{ "_http._", "http", "", "", "", "" },
	{ "_im._sip", "im", "sip", "", "", "" },
	/* dns-sd -B / avahi-browse: the domain local. */
	{ "_ipp._tcp.local.", "ipp", "tcp", "", "local.", "" },
	{ "_ipp._tcp.", "ipp", "tcp", "", ".", "" },
	{ "_ldap._tcp.dc._msdcs", "ldap", "tcp", "", "dc._msdcs", "" },
	/* RFC 6763 section 7.1 subtype, and an instance */
	{ "_printer._sub._http._tcp", "http", "tcp", "_printer._sub", "", "" },
	{ "Office._ipp._tcp.local.", "ipp", "tcp", "Office", "local.", "" },
	{ "_Printer._http._tcp", "http", "tcp", "_Printer", "", "" },
	/* avahi-publish / dns-sd -R subtype syntax */
	{ "_http._tcp,_printer", "http", "tcp", "", "", ",_printer" },
	{ "_http._tcp,_printer,_color", "http", "tcp", "", "", ",_printer,_color" },
	/* a comma without a type before it is part of the name (name-bad-char) */
	{ "_a,b", "a,b", NULL, "", "", "" },
	{ "_sip._tls.example.com", "sip", "tls", "", "example.com", "" },
};

static void
expect(const char *what, const struct row *r, const char *p, size_t n, const char *want)
{
	if (want == NULL) {
		if (p != NULL)
			fail_msg("\"%s\": %s is \"%.*s\", want none", r->in, what, (int)n, p);
		return;
	}
	if (want[0] == '\0' && strcmp(what, "svc") != 0 && strcmp(what, "proto") != 0) {
		if (p != NULL)
			fail_msg("\"%s\": %s is \"%.*s\", want none", r->in, what, (int)n, p);
		return;
	}
	if (p == NULL || n != strlen(want) || memcmp(p, want, n) != 0)
		fail_msg("\"%s\": %s is \"%.*s\", want \"%s\"", r->in, what,
		    p != NULL ? (int)n : 6, p != NULL ? p : "(none)", want);
}

static void
test_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct nameform nf;

		nameform_parse(r->in, strlen(r->in), &nf);
		expect("svc", r, nf.svc, nf.slen, r->svc);
		expect("proto", r, nf.proto, nf.plen, r->proto);
		expect("prefix", r, nf.prefix, nf.prefix_len, r->prefix);
		expect("domain", r, nf.domain, nf.domain_len, r->domain);
		expect("subtypes", r, nf.subtypes, nf.subtypes_len, r->subtypes);
	}
}

/*
 * The set-aside label no DNS name holds (issue 10 item 10): NULL none, ""
 * an empty one, else the label.  check refuses such an owner (ldns: an
 * empty label, RFC 1035 section 3.1; over 63 bytes, section 2.3.4).
 */
#define L63 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
static const struct { const char *in, *bad; } bad_rows[] = {
	{ ".._x._tcp", "" },
	{ "._x._tcp", "" },
	{ "a.._x._tcp", "" },
	{ "_x._tcp..local", "" },
	{ "_x._tcp.local..", "" },
	{ "_x._tcp.", NULL },		/* the trailing dot */
	{ "_x._tcp.local.", NULL },
	{ L63 "._ipp._tcp", NULL },
	{ L63 "a._ipp._tcp", L63 "a" },
	{ "_" L63 "._sub._ipp._tcp", "_" L63 },
	{ "_ipp._tcp.local." L63 "a", L63 "a" },
	/* no pair: one service label, judged by the name-* checks */
	{ "_a..b", NULL },
};

static void
test_bad_labels(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		struct nameform nf;
		const char *in = bad_rows[i].in, *want = bad_rows[i].bad;

		nameform_parse(in, strlen(in), &nf);
		if (want == NULL && nf.badlabel != NULL)
			fail_msg("\"%s\": bad label \"%.*s\", want none", in,
			    (int)nf.badlabel_len, nf.badlabel);
		if (want != NULL && (nf.badlabel == NULL || nf.badlabel_len != strlen(want) ||
		    memcmp(nf.badlabel, want, nf.badlabel_len) != 0))
			fail_msg("\"%s\": bad label \"%.*s\", want \"%s\"", in,
			    nf.badlabel ? (int)nf.badlabel_len : 6,
			    nf.badlabel ? nf.badlabel : "(none)", want);
	}
}

/* Any bytes, NUL included, and more labels than fit: no crash, the input judged whole. */
static void
test_hostile(void **state)
{
	char buf[600];
	struct nameform nf;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (i % 2) ? '.' : '_';
	nameform_parse(buf, sizeof(buf), &nf);
	assert_non_null(nf.svc);
	nameform_parse("_a\0b._tcp", 9, &nf);
	assert_int_equal(nf.slen, 3);
	assert_non_null(nf.proto);
	nameform_parse("", 0, &nf);
	assert_int_equal(nf.slen, 0);
	assert_null(nf.proto);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_bad_labels),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
