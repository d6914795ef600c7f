/*
 * test_registry.c -- the IANA registry: the built-in snapshot's derivations
 * (one row a name), port lookups, the CSV giving the XML's answers, and bad
 * files giving NULL and "FILE:LINE: reason".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "registry.h"
#include "svcname.h"

#define ALL (TP_TCP | TP_UDP | TP_SCTP | TP_DCCP)

static const char *
srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s != NULL ? s : ".";
}

static char *
src_path(const char *rel)
{
	static char buf[4][1024];
	static int k;
	char *b = buf[k++ % 4];

	snprintf(b, sizeof(buf[0]), "%s/%s", srcdir(), rel);
	return b;
}

/* --- name lookups on the built-in snapshot ------------------------------- */

struct name_row {
	const char *input;
	size_t len;		/* 0: strlen(input) */
	const char *name;	/* expected canonical name, NULL: absent */
	const char *primary;
	unsigned flags;
	unsigned transports;
	const char *note;	/* exact, or NULL */
	const char *txt_keys;	/* exact, or NULL */
};

static const struct name_row name_rows[] = {
	{ "http", 0, "http", NULL, 0, TP_TCP | TP_UDP | TP_SCTP, NULL, "u p path" },
	{ "HTTP", 0, "http", NULL, 0, TP_TCP | TP_UDP | TP_SCTP, NULL, "u p path" },
	{ "hTtP", 0, "http", NULL, 0, TP_TCP | TP_UDP | TP_SCTP, NULL, "u p path" },
	{ "www", 0, "www", "http", REG_ALIAS, TP_TCP | TP_UDP, NULL, NULL },
	{ "WWW-HTTP", 0, "www-http", "http", REG_ALIAS, TP_TCP | TP_UDP, NULL, NULL },
	{ "sql*net", 0, "sql*net", "sql-net", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	{ "sql-net", 0, "sql-net", NULL, 0, TP_TCP | TP_UDP, NULL, NULL },
	{ "whois++", 0, "whois++", "whoispp", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	{ "z39.50", 0, "z39.50", "z39-50", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	{ "EtherNet/IP-1", 0, "ethernet/ip-1", "ethernet-ip-1", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	{ "914c/g", 0, "914c/g", "914c-g", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	{ "mapper-ws_ethd", 0, "mapper-ws_ethd", "mapper-ws-ethd", REG_LEGACY, TP_TCP | TP_UDP, NULL, NULL },
	/* malformed, but no well-formed twin: no primary, not legacy */
	{ "edi_service", 0, "edi_service", NULL, 0, TP_UDP, NULL, NULL },
	/* 5349/udp is "Reserved for a future enhancement", 5349/tcp is live */
	{ "stun-behaviors", 0, "stun-behaviors", NULL, 0, TP_TCP, NULL, NULL },
	/* only in the notes of unnamed Reserved records */
	{ "surfpass", 0, "surfpass", NULL, REG_RESERVED, TP_TCP | TP_UDP,
	  "de-assigned 2022-01-10, was port 5030", NULL },
	{ "acms", 0, "acms", NULL, REG_RESERVED, TP_TCP, "de-assigned 2020-12-29, was port 3980", NULL },
	{ "toruxserver", 0, "toruxserver", NULL, REG_RESERVED, TP_TCP,
	  "de-assigned 2018-04-19, was port 5153", NULL },
	/* its ports 2 and 3 were de-assigned, the name lives on */
	{ "compressnet", 0, "compressnet", NULL, 0, TP_TCP | TP_UDP, NULL, NULL },
	{ "smb", 0, "smb", NULL, 0, 0, NULL, "u p path" },
	{ "raop", 0, "raop", NULL, 0, 0, NULL, NULL },
	{ "matrix", 0, "matrix", NULL, 0, 0, NULL, NULL },
	{ "mqtt", 0, "mqtt", NULL, 0, 0, NULL, NULL },	/* one record has no protocol */
	{ "ldap", 0, "ldap", NULL, 0, TP_TCP | TP_UDP, NULL, NULL },
	{ "exp1", 0, "exp1", NULL, 0, ALL, NULL, NULL },
	{ "device-info", 0, "device-info", NULL, REG_NO_SERVICE, 0, NULL, NULL },
	{ "dns-sd", 0, "dns-sd", NULL, REG_NO_SERVICE, 0, NULL, NULL },
	{ "example", 0, "example", NULL, REG_NO_SERVICE, 0, NULL, NULL },
	/* TXT keys: lists are read, prose is not */
	{ "ftp", 0, "ftp", NULL, 0, TP_TCP | TP_UDP | TP_SCTP, NULL, "u p path" },
	{ "bender", 0, "bender", NULL, 0, 0, NULL, "product version bus id featuremask" },
	{ "daap", 0, "daap", NULL, 0, TP_TCP | TP_UDP, NULL, NULL },	/* "iTSh Version, ..." */
	{ "ipp", 0, "ipp", NULL, 0, TP_TCP | TP_UDP, NULL, NULL },	/* "See BonjourPrinting.pdf." */
	{ "test-ok", 0, "test-ok", NULL, 0, TP_TCP, NULL, NULL },	/* "TEST-OK Test Controller Card" */
	{ "airplay", 0, "airplay", NULL, 0, TP_TCP | TP_UDP, NULL, "am cn et ft fv md pk pw sf tp vn vs" },
	/* absent, and bytes that can never match */
	{ "nosuch-service", 0, NULL, NULL, 0, 0, NULL, NULL },
	{ "_http", 0, NULL, NULL, 0, 0, NULL, NULL },	/* lookups take the name without '_' */
	{ "", 0, NULL, NULL, 0, 0, NULL, NULL },
	{ "http\0", 5, NULL, NULL, 0, 0, NULL, NULL },
	{ "ht\0tp", 5, NULL, NULL, 0, 0, NULL, NULL },
	{ "\0", 1, NULL, NULL, 0, 0, NULL, NULL },
	{ "http\xff", 0, NULL, NULL, 0, 0, NULL, NULL },
	{ "httpaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, NULL, NULL, 0, 0, NULL, NULL },
};

static void
check_name_row(const struct registry *reg, const struct name_row *r)
{
	size_t len = r->len ? r->len : strlen(r->input);
	const struct reg_service *s = registry_lookup(reg, r->input, len);

	print_message("lookup \"%s\"\n", r->input);
	if (r->name == NULL) {
		assert_null(s);
		return;
	}
	assert_non_null(s);
	assert_string_equal(s->name, r->name);
	if (r->primary == NULL)
		assert_null(s->primary);
	else
		assert_string_equal(s->primary, r->primary);
	assert_int_equal(s->flags, r->flags);
	assert_int_equal(s->transports, r->transports);
	if (r->note == NULL)
		assert_null(s->note);
	else
		assert_string_equal(s->note, r->note);
	if (r->txt_keys == NULL)
		assert_null(s->txt_keys);
	else
		assert_string_equal(s->txt_keys, r->txt_keys);
}

static void
test_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(name_rows) / sizeof(name_rows[0]); i++)
		check_name_row(registry_builtin(), &name_rows[i]);
}

static void
test_huge_label(void **state)
{
	size_t n = 1u << 20;
	char *big = malloc(n);

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n);
	memcpy(big, "http", 4);
	assert_null(registry_lookup(registry_builtin(), big, n));
	assert_null(registry_lookup(registry_builtin(), big, 65));
	assert_non_null(registry_lookup(registry_builtin(), big, 4));
	assert_null(registry_lookup(registry_builtin(), NULL, 0));
	assert_null(registry_lookup(NULL, "http", 4));
	free(big);
}

/*
 * The whole table: 7,327 distinct names in <record>s plus 3 known only
 * from de-assignment notes (acms, surfpass, toruxserver); 97 names break
 * RFC 6335 5.1, 96 of them have a well-formed twin.
 */
static void
test_counts(void **state)
{
	const struct registry *reg = registry_builtin();
	size_t i, n = registry_service_count(reg);
	size_t legacy = 0, alias = 0, reserved = 0, malformed = 0, noservice = 0, txt = 0;

	(void)state;
	assert_string_equal(registry_date(reg), "2026-08-17");
	assert_int_equal(n, 7330);
	assert_null(registry_service_at(reg, n));
	for (i = 0; i < n; i++) {
		const struct reg_service *s = registry_service_at(reg, i);

		if (i > 0)
			assert_true(strcmp(registry_service_at(reg, i - 1)->name, s->name) < 0);
		assert_ptr_equal(registry_lookup(reg, s->name, strlen(s->name)), s);
		legacy += (s->flags & REG_LEGACY) != 0;
		alias += (s->flags & REG_ALIAS) != 0;
		reserved += (s->flags & REG_RESERVED) != 0;
		noservice += (s->flags & REG_NO_SERVICE) != 0;
		malformed += svcname_syntax(s->name, strlen(s->name)) != 0;
		txt += s->txt_keys != NULL;
		if (s->primary != NULL) {
			/* the replacement is registered and well-formed */
			assert_non_null(registry_lookup(reg, s->primary, strlen(s->primary)));
			assert_int_equal(svcname_syntax(s->primary, strlen(s->primary)), 0);
			assert_true(s->flags & (REG_ALIAS | REG_LEGACY));
		} else {
			assert_false(s->flags & (REG_ALIAS | REG_LEGACY));
		}
		if (s->flags & REG_LEGACY)
			assert_int_not_equal(svcname_syntax(s->name, strlen(s->name)), 0);
	}
	assert_int_equal(legacy, 96);
	assert_int_equal(alias, 2);
	assert_int_equal(malformed, 97);
	assert_int_equal(reserved, 3);
	assert_int_equal(noservice, 4);	/* device-info dns-sd example services */
	assert_in_range(txt, 200, 300);
}

/* --- transports ------------------------------------------------------------- */

static void
test_transports(void **state)
{
	static const struct { const char *s; size_t len; unsigned tp; } rows[] = {
		{ "tcp", 3, TP_TCP }, { "UDP", 3, TP_UDP }, { "Sctp", 4, TP_SCTP },
		{ "dccp", 4, TP_DCCP }, { "tls", 3, 0 }, { "tcpx", 4, 0 }, { "tc", 2, 0 },
		{ "", 0, 0 }, { "tcp\0", 4, 0 }, { "_tcp", 4, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(transport_parse(rows[i].s, rows[i].len), rows[i].tp);
	assert_int_equal(transport_parse(NULL, 0), 0);
	assert_string_equal(transport_name(TP_TCP), "tcp");
	assert_string_equal(transport_name(TP_UDP), "udp");
	assert_string_equal(transport_name(TP_SCTP), "sctp");
	assert_string_equal(transport_name(TP_DCCP), "dccp");
	assert_null(transport_name(0));
	assert_null(transport_name(TP_TCP | TP_UDP));
	assert_null(transport_name(0x10));
}

/* --- ports -------------------------------------------------------------------- */

struct collect {
	char s[1024];
};

static void
collect_port(void *ud, const struct reg_port *p)
{
	struct collect *c = ud;
	size_t n = strlen(c->s);
	char range[32];

	if (p->port_last > p->port)
		snprintf(range, sizeof(range), "%u-%u", p->port, p->port_last);
	else
		snprintf(range, sizeof(range), "%u", p->port);
	snprintf(c->s + n, sizeof(c->s) - n, "%s%s/%s=%s", n ? " " : "", range,
	    p->transport ? transport_name(p->transport) : "-", p->name ? p->name : "-");
}

struct port_row {
	unsigned port, mask;
	const char *expect;	/* what collect_port writes */
};

static const struct port_row port_rows[] = {
	{ 80, TP_TCP, "80/tcp=http 80/tcp=www 80/tcp=www-http" },
	{ 80, ALL, "80/tcp=http 80/tcp=www 80/tcp=www-http 80/udp=http 80/udp=www "
	    "80/udp=www-http 80/sctp=http" },
	{ 80, TP_DCCP, "" },
	{ 6000, TP_TCP, "6000-6063/tcp=x11" },
	{ 6010, TP_UDP, "6000-6063/udp=x11" },
	{ 6063, TP_TCP, "6000-6063/tcp=x11" },
	{ 389, ALL, "389/tcp=ldap 389/udp=ldap" },
	{ 5030, ALL, "5030/tcp=- 5030/udp=-" },	/* surfpass, de-assigned */
	{ 2, TP_TCP, "2/tcp=-" },
	{ 1021, TP_DCCP, "1021/dccp=exp1" },
	{ 6400, TP_UDP, "6400/-=boe-cms" },		/* registered without transport */
	{ 3323, TP_SCTP, "3322-3325/-=active-net" },
	{ 230, ALL, "225-241/-=-" },			/* Reserved range, no transport */
	{ 4, ALL, "" },					/* "Unassigned" */
	{ 65536, ALL, "" },
	{ 4294967295u, ALL, "" },
};

static void
test_ports(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(port_rows) / sizeof(port_rows[0]); i++) {
		struct collect c = { "" };
		size_t n = registry_port_lookup(registry_builtin(), port_rows[i].port,
		    port_rows[i].mask, collect_port, &c);

		print_message("port %u mask %#x\n", port_rows[i].port, port_rows[i].mask);
		assert_string_equal(c.s, port_rows[i].expect);
		assert_int_equal(n, registry_port_lookup(registry_builtin(), port_rows[i].port,
		    port_rows[i].mask, NULL, NULL));
	}
}

static void
test_service_ports(void **state)
{
	static const struct { const char *name, *expect; } rows[] = {
		{ "http", "80/tcp=http 80/udp=http 80/sctp=http" },
		{ "x11", "6000-6063/tcp=x11 6000-6063/udp=x11" },
		{ "stun-behaviors", "5349/tcp=stun-behaviors 5349/udp=stun-behaviors" },
		{ "smb", "" },
		{ "surfpass", "" },
		{ "exp1", "1021/tcp=exp1 1021/udp=exp1 1021/sctp=exp1 1021/dccp=exp1" },
	};
	const struct registry *reg = registry_builtin();
	struct reg_service fake = { "http", "", NULL, NULL, NULL, 0, 0 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct collect c = { "" };
		const struct reg_service *s = registry_lookup(reg, rows[i].name, strlen(rows[i].name));

		assert_non_null(s);
		registry_service_ports(reg, s, collect_port, &c);
		assert_string_equal(c.s, rows[i].expect);
	}
	/* a service that is not this registry's own */
	assert_int_equal(registry_service_ports(reg, &fake, collect_port, NULL), 0);
	assert_int_equal(registry_service_ports(reg, NULL, collect_port, NULL), 0);
}

/* --- loading ---------------------------------------------------------------- */

static void
ports_of(const struct registry *reg, const struct reg_service *s, struct collect *c)
{
	c->s[0] = '\0';
	registry_service_ports(reg, s, collect_port, c);
}

static int
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Every service of a is in b with the same fields and ports. */
static void
assert_subset(const struct registry *a, const struct registry *b)
{
	size_t i, n = registry_service_count(a);

	for (i = 0; i < n; i++) {
		const struct reg_service *x = registry_service_at(a, i);
		const struct reg_service *y = registry_lookup(b, x->name, strlen(x->name));
		struct collect cx, cy;

		print_message("service %s\n", x->name);
		assert_non_null(y);
		assert_string_equal(x->description, y->description);
		assert_true(same_str(x->primary, y->primary));
		assert_true(same_str(x->txt_keys, y->txt_keys));
		assert_true(same_str(x->note, y->note));
		assert_int_equal(x->transports, y->transports);
		assert_int_equal(x->flags, y->flags);
		ports_of(a, x, &cx);
		ports_of(b, y, &cy);
		assert_string_equal(cx.s, cy.s);
	}
}

/* The XML loaded at run time is what gen-registry compiled in. */
static void
test_xml_matches_builtin(void **state)
{
	char err[512];
	struct registry *reg = registry_load(src_path("data/service-names-port-numbers.xml"),
	    err, sizeof(err));

	(void)state;
	assert_non_null(reg);
	assert_string_equal(err, "");
	assert_string_equal(registry_date(reg), "2026-08-17");
	assert_int_equal(registry_service_count(reg), registry_service_count(registry_builtin()));
	assert_subset(reg, registry_builtin());
	registry_destroy(reg);
}

/* The CSV slice (tests/data/registry/make-csv.py) answers as the XML does. */
static void
test_csv_matches_xml(void **state)
{
	char err[512];
	struct registry *csv = registry_load(src_path("tests/data/registry/slice.csv"),
	    err, sizeof(err));
	size_t i;

	(void)state;
	if (csv == NULL)
		fail_msg("%s", err);
	assert_string_equal(registry_date(csv), "");	/* the CSV has no <updated> */
	assert_int_equal(registry_service_count(csv), 31);
	assert_subset(csv, registry_builtin());
	for (i = 0; i < sizeof(name_rows) / sizeof(name_rows[0]); i++)
		if (name_rows[i].name != NULL &&
		    registry_lookup(csv, name_rows[i].name, strlen(name_rows[i].name)) != NULL)
			check_name_row(csv, &name_rows[i]);
	{
		struct collect c = { "" };

		registry_port_lookup(csv, 6010, ALL, collect_port, &c);
		assert_string_equal(c.s, "6000-6063/tcp=x11 6000-6063/udp=x11");
	}
	registry_destroy(csv);
	registry_destroy(NULL);
	registry_destroy((struct registry *)registry_builtin());	/* a no-op */
	assert_non_null(registry_lookup(registry_builtin(), "http", 4));
}

/* --- bad files: NULL and "FILE:LINE: reason" --------------------------------- */

#define CSV_HEAD "Service Name,Port Number,Transport Protocol,Description,Assignee," \
	"Contact,Registration Date,Modification Date,Reference,Service Code," \
	"Unauthorized Use Reported,Assignment Notes\r\n"
#define CSV_OK "http,80,tcp,World Wide Web HTTP,,,,,,,,\r\n"

struct bad_row {
	const char *what;
	const char *data;
	size_t len;		/* 0: strlen(data) */
	unsigned line;		/* expected line, 0: none in the message */
	const char *reason;	/* substring of the message */
};

static const struct bad_row bad_rows[] = {
	{ "empty", "", 0, 1, "empty file" },
	{ "blank", " \n\n\t\n", 0, 1, "empty file" },
	{ "binary", "\0\1\2\3\0\377", 6, 1, "NUL byte" },
	{ "binary-xml", "<registry>\0</registry>", 22, 1, "XML" },
	{ "not-registry", "<html>\n<body/>\n</html>\n", 0, 1, "root element <html>" },
	{ "other-registry", "<registry xmlns=\"http://www.iana.org/assignments\"\n id=\"protocol-numbers\">\n"
	  "</registry>\n", 0, 1, "not the service name and port number registry: id \"protocol-numbers\"" },
	{ "xml-no-records", "<registry>\n</registry>\n", 0, 0, "no <record>" },
	{ "xml-mismatch", "<registry>\n<record>\n<name>x</nam>\n</record>\n</registry>\n", 0, 3,
	  "mismatched tag" },
	{ "xml-truncated", "<registry>\n<record>\n<name>x</name>\n", 0, 3,
	  "ends inside the <record> of line 2" },
	{ "xml-bad-port", "<registry>\n<record>\n<name>x</name>\n<number>99999</number>\n"
	  "</record>\n</registry>\n", 0, 2, "bad port number \"99999\"" },
	{ "xml-bad-range", "<registry>\n\n<record><number>10-2</number></record>\n</registry>\n",
	  0, 3, "bad port number \"10-2\"" },
	{ "xml-bad-proto", "<registry>\n<record><name>x</name><protocol>tls</protocol></record>\n"
	  "</registry>\n", 0, 2, "unknown transport protocol \"tls\"" },
	{ "xml-long-name", "<registry>\n<record><name>"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "</name></record>\n</registry>\n", 0, 2, "service name longer than 63 bytes" },
	{ "xml-entity-bomb", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n"
	  "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	  "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	  "]>\n<registry><record><description>&e;&e;&e;&e;</description></record></registry>\n",
	  0, 9, "" },
	{ "xml-repeat", "<registry>\n<record><name>a</name>\n<note>x</note>\n<note>y</note></record>\n"
	  "</registry>\n", 0, 4, "a second <note>" },
	{ "xml-repeat-date", "<registry>\n<updated>2026-08-17</updated>\n<updated>x</updated>\n"
	  "</registry>\n", 0, 3, "a second <updated>" },
	{ "xml-deep", "<registry><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>"
	  "<a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>"
	  "<a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>", 0, 1,
	  "nested too deep" },
	{ "csv-header", "Name,Port\r\nhttp,80\r\n", 0, 1, "not an IANA registry file" },
	{ "csv-header-only", CSV_HEAD, 0, 1, "no records after the CSV header" },
	{ "csv-fields", CSV_HEAD CSV_OK "http,80,tcp\r\n", 0, 3, "3 fields, expected 12" },
	{ "csv-too-many", CSV_HEAD CSV_OK CSV_OK "a,1,tcp,d,,,,,,,,,extra\r\n", 0, 4,
	  "more than 12 fields" },
	{ "csv-open-quote", CSV_HEAD CSV_OK "x,1,tcp,\"never\nclosed,,,,,,,,\n", 0, 3,
	  "quoted field not closed at end of file" },
	{ "csv-after-quote", CSV_HEAD "x,1,tcp,\"a\"b,,,,,,,,\r\n", 0, 2, "text after a closing quote" },
	{ "csv-nul", CSV_HEAD CSV_OK "x,1,t\0p,d,,,,,,,,\r\n", sizeof(CSV_HEAD CSV_OK) + 18, 3,
	  "NUL byte" },
	{ "csv-bad-port", CSV_HEAD CSV_OK "\"multi\nline\",x80,tcp,\"d\",,,,,,,,\r\n", 0, 3,
	  "bad port number \"x80\"" },
	{ "csv-bad-proto", CSV_HEAD "x,80,\"tc\"\"p\",d,,,,,,,,\r\n", 0, 2,
	  "unknown transport protocol \"tc\"p\"" },
};

static char tmpdir[] = "/tmp/test_registry.XXXXXX";

static const char *
write_tmp(const char *name, const char *data, size_t len)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* --- derivations on small documents ------------------------------------------- */

struct txt_row {
	const char *note;
	const char *keys;	/* expected txt_keys, NULL: none */
};

static const struct txt_row txt_rows[] = {
	{ "Defined TXT keys: txtvers, protovers", "txtvers protovers" },
	{ "Defined TXT keys: u=&lt;username&gt; p=&lt;password&gt; path=&lt;path&gt;", "u p path" },
	{ "Defined TXT keys: txtvers=1 protovers=x", "txtvers protovers" },
	{ "Defined TXT Keys: vendor, model, serialNo, mac", "vendor model serialno mac" },
	{ "Defined TXT keys:<br/>  txtvers<br/>  vers=&lt;version of it&gt;<br/>", "txtvers vers" },
	{ "This is an extension of the http service.  Defined TXT keys: path=&lt;context path&gt;",
	  "path" },
	{ "Defined TXT keys: txtvers, txtvers, TXTVERS", "txtvers" },
	{ "Defined TXT keys: MAC=, GW-MAC", "mac gw-mac" },
	{ "Defined TXT keys: app.url", "app.url" },
	{ "Defined TXT keys: None", NULL },
	{ "Defined TXT keys: none", NULL },
	{ "Defined TXT keys: Proprietary", NULL },
	{ "Defined TXT keys: TBD", NULL },
	{ "Defined TXT keys: ", NULL },
	{ "Defined TXT keys: See BonjourPrinting.pdf.", NULL },
	{ "Defined TXT keys: see www.broadband-forum.org/assignments", NULL },
	{ "Defined TXT keys: https://help.axis.com/en-us/axis-os#axis-bonjour-implementation", NULL },
	{ "Defined TXT keys: txtvers and proprietary keys", NULL },
	{ "Defined TXT keys: TEST-OK Test Controller Card TCCxxxx", NULL },
	{ "Defined TXT keys: txtvers, Version, iTSh Version, Machine ID", NULL },
	{ "Defined TXT keys: None path=&lt;file system pathname&gt;", NULL },
	{ "Defined TXT keys: txtvers=1 (as described in the draft)", NULL },
	{ "Defined TXT keys: c0, c1, ..., cn", NULL },
	{ "Defined TXT keys: u=username; k=keypattern", NULL },
	{ "Defined TXT keys: a. ssid=&lt;Wi-Fi SSID&gt; b. bssid=&lt;BSSID&gt;", NULL },
	{ "Defined TXT keys: path=&lt;unclosed", NULL },
	{ "Defined TXT keys: 0", NULL },
	{ "No keys here", NULL },
};

static struct registry *
load_doc(const char *name, const char *doc)
{
	char err[512];
	struct registry *reg = registry_load(write_tmp(name, doc, strlen(doc)), err, sizeof(err));

	if (reg == NULL)
		fail_msg("%s", err);
	return reg;
}

static void
test_txt_keys(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(txt_rows) / sizeof(txt_rows[0]); i++) {
		char doc[1024];
		struct registry *reg;
		const struct reg_service *s;

		snprintf(doc, sizeof(doc), "<registry>\n<record><name>svc</name><protocol>tcp</protocol>"
		    "<note>%s</note></record>\n</registry>\n", txt_rows[i].note);
		print_message("note \"%s\"\n", txt_rows[i].note);
		reg = load_doc("txt.xml", doc);
		s = registry_lookup(reg, "svc", 3);
		assert_non_null(s);
		if (txt_rows[i].keys == NULL)
			assert_null(s->txt_keys);
		else
			assert_string_equal(s->txt_keys, txt_rows[i].keys);
		registry_destroy(reg);
	}
}

struct derive_row {
	const char *records;	/* inside <registry> */
	const char *name;
	const char *primary;
	unsigned flags, transports;
	const char *note;
};

#define REC(inner) "<record>" inner "</record>\n"

static const struct derive_row derive_rows[] = {
	/* an alias needs a registered, different target */
	{ REC("<name>a_b</name><note>This entry is an alias to \"A-B\".</note>")
	  REC("<name>a-b</name>"), "a_b", "a-b", REG_LEGACY, 0, NULL },
	{ REC("<name>a_b</name><note>This entry is an alias to \"nowhere\".</note>"),
	  "a_b", NULL, 0, 0, NULL },
	{ REC("<name>self</name><note>This entry is an alias to \"self\".</note>"),
	  "self", NULL, 0, 0, NULL },
	{ REC("<name>old</name><protocol>udp</protocol>"
	      "<description>This is a duplicate of the \"new\" service</description>")
	  REC("<name>new</name>"), "old", "new", REG_ALIAS, TP_UDP, NULL },
	/* reserved: by description, or only in a de-assignment note */
	{ REC("<name>r</name><protocol>tcp</protocol><description>Reserved for later</description>"),
	  "r", NULL, REG_RESERVED, TP_TCP, "Reserved for later" },
	{ REC("<name>r</name><protocol>tcp</protocol><description>Live</description>")
	  REC("<name>r</name><protocol>udp</protocol><description>Reserved for later</description>"),
	  "r", NULL, 0, TP_TCP, NULL },
	{ REC("<protocol>tcp</protocol><description>Reserved</description><number>7</number>"
	      "<note>Historic usage was Gone-Svc. De-Assigned on 2020-01-02</note>")
	  REC("<protocol>udp</protocol><description>Reserved</description><number>7</number>"
	      "<note>Historic usage was gone-svc. De-Assigned on 2020-01-02</note>"),
	  "gone-svc", NULL, REG_RESERVED, TP_TCP | TP_UDP, "de-assigned 2020-01-02, was port 7" },
	{ REC("<protocol>tcp</protocol><description>Reserved</description><number>8</number>"
	      "<note>De-assigned, previously oldname by <xref type=\"person\" data=\"X\"/></note>"),
	  "oldname", NULL, REG_RESERVED, TP_TCP, "de-assigned, was port 8" },
	{ REC("<protocol>tcp</protocol><description>Reserved</description><number>9</number>"
	      "<note>De-assigned on 2025-02-13, previously live by X</note>")
	  REC("<name>live</name><protocol>tcp</protocol>"), "live", NULL, 0, TP_TCP, NULL },
	{ REC("<protocol>tcp</protocol><description>Reserved</description><number>9</number>"
	      "<note>Previously assigned to NETCONF over BEEP</note>"), "netconf", NULL, 0, 0, NULL },
	/* the name ends the note (fuzz_registry: read past its end) */
	{ REC("<protocol>tcp</protocol><description>Reserved</description><number>10</number>"
	      "<note>De-assigned on 2020-01-02, previously endname</note>"),
	  "endname", NULL, REG_RESERVED, TP_TCP, "de-assigned 2020-01-02, was port 10" },
	/* transports and special names */
	{ REC("<name>m</name><protocol>tcp</protocol>") REC("<name>m</name>"), "m", NULL, 0, 0, NULL },
	{ REC("<name>m</name><protocol>TCP</protocol>") REC("<name>M</name><protocol>dccp</protocol>"),
	  "m", NULL, 0, TP_TCP | TP_DCCP, NULL },
	{ REC("<name>dev</name><note>Not a service type. Special name reserved for X.</note>"),
	  "dev", NULL, REG_NO_SERVICE, 0, NULL },
};

static void
test_derive(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(derive_rows) / sizeof(derive_rows[0]); i++) {
		const struct derive_row *r = &derive_rows[i];
		char doc[2048];
		struct registry *reg;
		const struct reg_service *s;

		snprintf(doc, sizeof(doc), "<registry xmlns=\"http://www.iana.org/assignments\">\n"
		    "<updated>2000-01-01</updated>\n%s</registry>\n", r->records);
		print_message("row %zu: %s\n", i, r->name);
		reg = load_doc("derive.xml", doc);
		assert_string_equal(registry_date(reg), "2000-01-01");
		s = registry_lookup(reg, r->name, strlen(r->name));
		if (r->flags == 0 && r->transports == 0 && strcmp(r->name, "netconf") == 0) {
			assert_null(s);
			registry_destroy(reg);
			continue;
		}
		assert_non_null(s);
		if (r->primary == NULL)
			assert_null(s->primary);
		else
			assert_string_equal(s->primary, r->primary);
		assert_int_equal(s->flags, r->flags);
		assert_int_equal(s->transports, r->transports);
		if (r->note == NULL)
			assert_null(s->note);
		else
			assert_string_equal(s->note, r->note);
		registry_destroy(reg);
	}
}

/* NULL, and one line "path:LINE: ...reason..." */
static void
assert_load_fails(const char *path, unsigned line, const char *reason)
{
	char err[512], want[512];
	struct registry *reg = registry_load(path, err, sizeof(err));

	print_message("%s: %s\n", path, err);
	assert_null(reg);
	if (line > 0)
		snprintf(want, sizeof(want), "%s:%u: ", path, line);
	else
		snprintf(want, sizeof(want), "%s: ", path);
	assert_memory_equal(err, want, strlen(want));
	assert_non_null(strstr(err, reason));
	assert_null(strchr(err, '\n'));
}

static void
test_bad_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		const struct bad_row *r = &bad_rows[i];
		const char *path = write_tmp(r->what, r->data, r->len ? r->len : strlen(r->data));

		assert_load_fails(path, r->line, r->reason);
	}
	assert_load_fails(src_path("tests/data/registry/truncated.xml"), 100,
	    "XML: the file ends inside the <record> of line 98 (truncated?)");
	assert_load_fails("/nonexistent/registry.xml", 0, "No such file or directory");
	assert_load_fails(tmpdir, 0, "Is a directory");
	/* a too-small err buffer is still a string */
	{
		char err[8];

		assert_null(registry_load("/nonexistent/registry.xml", err, sizeof(err)));
		assert_int_equal(strlen(err), 7);
		assert_null(registry_load("/nonexistent/registry.xml", NULL, 0));
	}
}

static void
test_big_files(void **state)
{
	char path[256];
	char *field;
	size_t n = 70 * 1024, k;
	FILE *f;

	(void)state;
	/* 64 MiB + 1 byte, sparse */
	snprintf(path, sizeof(path), "%s/huge", tmpdir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(ftruncate(fileno(f), (64 << 20) + 1), 0);
	fclose(f);
	assert_load_fails(path, 0, "larger than 64 MiB");

	/* one field over 64 KiB, in the CSV and in the XML */
	field = malloc(n + 512);
	assert_non_null(field);
	k = (size_t)sprintf(field, "%s%s", CSV_HEAD, "x,1,tcp,");
	memset(field + k, 'd', n);
	strcpy(field + k + n, ",,,,,,,,\r\n");
	assert_load_fails(write_tmp("longfield.csv", field, strlen(field)), 2,
	    "field longer than 64 KiB");
	k = (size_t)sprintf(field, "<registry>\n<record>\n<description>");
	memset(field + k, 'd', n);
	strcpy(field + k + n, "</description></record></registry>\n");
	assert_load_fails(write_tmp("longfield.xml", field, strlen(field)), 3,
	    "field longer than 64 KiB");
	free(field);
}

/*
 * Every prefix of the fixtures loads or fails cleanly (NULL, a message
 * naming the file), never crashes.
 */
static void
test_prefixes(void **state)
{
	static const char *const files[] = {
		"tests/data/registry/slice.csv", "tests/data/registry/truncated.xml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		FILE *f = fopen(src_path(files[i]), "rb");
		char *data = malloc(1 << 20);
		size_t len, cut;

		assert_non_null(f);
		assert_non_null(data);
		len = fread(data, 1, 1 << 20, f);
		fclose(f);
		for (cut = 0; cut < len; cut += 13) {
			char err[512];
			const char *path = write_tmp("prefix", data, cut);
			struct registry *reg = registry_load(path, err, sizeof(err));

			if (reg == NULL)
				assert_memory_equal(err, path, strlen(path));
			registry_destroy(reg);
		}
		free(data);
	}
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_huge_label),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_transports),
		cmocka_unit_test(test_ports),
		cmocka_unit_test(test_service_ports),
		cmocka_unit_test(test_xml_matches_builtin),
		cmocka_unit_test(test_csv_matches_xml),
		cmocka_unit_test(test_txt_keys),
		cmocka_unit_test(test_derive),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_big_files),
		cmocka_unit_test(test_prefixes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
