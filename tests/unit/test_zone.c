/*
 * test_zone.c -- the zone reader: which records it hands on (owner, type,
 * first line, suppressed checks), which findings it makes itself (check,
 * severity, line, message), the $INCLUDE policy, and that -j 1, 2 and 3
 * give the same bytes.
 *
 * The reader is observed through its consumer seam (struct zone_consumer):
 * the observer turns each record into a line of output and, at finish, says
 * how many records all workers saw and what the apex was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "zone.h"
#include "zscan.h"
#include "zstr.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define CAP STR(ZONE_RECORD_MAX)

/* ---- the observer ---------------------------------------------------------- */

struct observer {
	const struct sink *sink;
	char *apex;
	unsigned long records;
	/* obs_late: the lines seen, reported again at finish in merge order */
	unsigned long *lines;
	size_t nlines, cap;
	const char *file;
};

/*
 * When set, finish also reports every record's line in the order the
 * workers' observers were merged -- an order that depends on which worker
 * ran which batch, as a checker's hash table order might: the reader must
 * sort cross-record findings so that -j does not show.
 */
static int obs_late;

static void *
obs_create(void *ud, const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	struct observer *o = calloc(1, sizeof *o);

	o->sink = sink;
	o->apex = apex != NULL ? ldns_rdf2str(apex) : strdup("-");
	return o;
}

static void
obs_destroy(void *c)
{
	struct observer *o = c;

	free(o->apex);
	free(o->lines);
	free(o);
}

/* When set, the first record seen appends grow_bytes of records to this file. */
static const char *grow_path;
static size_t grow_bytes;

static void
obs_grow(void)
{
	FILE *f = fopen(grow_path, "a");

	for (size_t n = 0; f != NULL && n < grow_bytes; n += 20)
		fputs("g IN A 192.0.2.99\n", f);	/* 18 bytes: under grow_bytes */
	if (f != NULL)
		fclose(f);
	grow_path = NULL;
}

static void
obs_record(void *c, const ldns_rr *rr, const struct rr_pos *pos)
{
	struct observer *o = c;

	if (grow_path != NULL)
		obs_grow();
	struct finding f;
	char msg[512] = "rr";
	char *owner = ldns_rdf2str(ldns_rr_owner(rr));
	char *type = ldns_rr_type2str(ldns_rr_get_type(rr));
	int id;

	for (id = 0; id < CHECK_COUNT; id++)
		if (CHECK_SET_HAS(pos->disabled, id))
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg),
			    " -%s", check_info(id)->name);
	if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SRV ||
	    ldns_rr_get_type(rr) == LDNS_RR_TYPE_TXT) {
		char *rd = ldns_rdf2str(ldns_rr_rdf(rr, ldns_rr_rd_count(rr) - 1));

		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " %s", rd);
		free(rd);
	}
	o->records++;
	if (obs_late) {
		if (o->nlines == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 64;
			o->lines = realloc(o->lines, o->cap * sizeof *o->lines);
		}
		o->lines[o->nlines++] = pos->line;
		o->file = pos->file;
	}
	finding_init(&f, CHECK_NAME_EMPTY);
	f.message = msg;
	f.owner = owner;
	f.type = type;
	f.file = pos->file;
	f.line = pos->line;
	sink_emit(o->sink, &f);
	free(owner);
	free(type);
}

static int
obs_merge(void *dst, void *src)
{
	struct observer *d = dst, *o = src;
	size_t i;

	d->records += o->records;
	o->records = 0;
	for (i = 0; i < o->nlines; i++) {
		if (d->nlines == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 64;
			d->lines = realloc(d->lines, d->cap * sizeof *d->lines);
		}
		d->lines[d->nlines++] = o->lines[i];
		d->file = o->file;
	}
	o->nlines = 0;
	return 0;
}

static void
obs_finish(void *c)
{
	struct observer *o = c;
	struct finding f;
	char msg[256];

	snprintf(msg, sizeof msg, "finish %lu apex %s", o->records, o->apex);
	finding_init(&f, CHECK_NAME_EMPTY);
	f.message = msg;
	sink_emit(o->sink, &f);
	for (size_t i = 0; i < o->nlines; i++) {
		finding_init(&f, CHECK_SRV_TARGET_CNAME);
		f.message = "late";
		f.file = o->file;
		f.line = o->lines[i];
		sink_emit(o->sink, &f);
	}
}

static const struct zone_consumer observer = {
	obs_create, obs_destroy, obs_record, obs_merge, obs_finish, NULL
};

/* ---- collecting the output as text -------------------------------------------- */

struct out {
	char *buf;
	size_t len;
	FILE *f;
};

/*
 * One line a finding: "FILE:LINE rr OWNER TYPE ..." for a record the
 * observer saw, "FILE:LINE CHECK SEVERITY OWNER: MESSAGE" for a finding of
 * the reader's own.  FILE is the base name.
 */
static void
out_emit(void *ud, const struct finding *f)
{
	struct out *o = ud;
	const char *file = f->file ? strrchr(f->file, '/') : NULL;

	file = file ? file + 1 : f->file ? f->file : "-";
	if (f->check == CHECK_NAME_EMPTY && strncmp(f->message, "finish", 6) == 0)
		fprintf(o->f, "%s\n", f->message);
	else if (f->check == CHECK_NAME_EMPTY)
		fprintf(o->f, "%s:%lu rr %s %s%s\n", file, f->line,
		    f->owner, f->type, f->message + 2);
	else
		fprintf(o->f, "%s:%lu %s %s %s: %s\n", file, f->line,
		    check_info(f->check)->name, severity_name(f->severity),
		    f->owner ? f->owner : "-", f->message);
}

static char tmpdir[] = "/tmp/test_zone.XXXXXX";

static void
write_file(const char *name, const char *text, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* Checks the file name (in tmpdir) and returns what came out; rc in *rc. */
static char *
run_zone(const char *name, const struct zone_params *zp, int *rc)
{
	struct out o = { 0 };
	struct sink s = { out_emit, &o };
	struct options opt;
	struct lint_ctx ctx = { &opt, NULL, 1 };
	char path[512];

	memset(&opt, 0, sizeof opt);
	o.f = open_memstream(&o.buf, &o.len);
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	*rc = zone_check_file(&ctx, path, zp, &observer, &s);
	fclose(o.f);
	return o.buf;
}

/* ---- rows ------------------------------------------------------------------------- */

struct zfile {
	const char *name;
	const char *text;
};

struct row {
	const char *what;
	struct zfile files[4];	/* files[0] is checked */
	const char *origin;
	int no_include;
	const char *expect;
};

static const struct row rows[] = {
	{ "one record, its first line",
	  { { "z", "$ORIGIN ex.\n\nwww IN A 192.0.2.1\n" } }, NULL, 0,
	  "z:3 rr www.ex. A\n"
	  "finish 1 apex ex.\n" },
	{ "owner inheritance across a comment line",
	  { { "z", "$ORIGIN ex.\nwww 300 IN A 192.0.2.1\n ; just a comment\n\tIN AAAA 2001:db8::1\n" } },
	  NULL, 0,
	  "z:2 rr www.ex. A\n"
	  "z:4 rr www.ex. AAAA\n"
	  "finish 2 apex ex.\n" },
	{ "multi-line SOA: first line, apex is the SOA owner",
	  { { "z", "$ORIGIN ex.\n@ IN SOA ns host (\n  1 ; serial\n  2 3 4 5 )\n  IN NS ns\nns IN A 192.0.2.1\n" } },
	  NULL, 0,
	  "z:2 rr ex. SOA\n"
	  "z:5 rr ex. NS\n"
	  "z:6 rr ns.ex. A\n"
	  "finish 3 apex ex.\n" },
	{ "apex from an SOA with an absolute owner, origin elsewhere",
	  { { "z", "shop.example. IN SOA ns.shop.example. h.shop.example. 1 2 3 4 5\n$ORIGIN sub.shop.example.\nx IN A 192.0.2.9\n" } },
	  NULL, 0,
	  "z:1 rr shop.example. SOA\n"
	  "z:3 rr x.sub.shop.example. A\n"
	  "finish 2 apex shop.example.\n" },
	{ "$ORIGIN changes: relative, absolute, and owner kept absolute",
	  { { "z", "$ORIGIN ex.\na IN A 192.0.2.1\n$ORIGIN sub\nb IN A 192.0.2.2\n IN TXT x\n$ORIGIN other.\n IN TXT y\nc IN CNAME d\n" } },
	  NULL, 0,
	  "z:2 rr a.ex. A\n"
	  "z:4 rr b.sub.ex. A\n"
	  "z:5 rr b.sub.ex. TXT \"x\"\n"
	  "z:7 rr b.sub.ex. TXT \"y\"\n"
	  "z:8 rr c.other. CNAME\n"
	  "finish 5 apex ex.\n" },
	/* The reader resolves an owner only when a blank owner takes it: under the origin of then. */
	{ "$ORIGIN, $TTL and $INCLUDE between an owner and the blank owner that takes it",
	  { { "z", "$ORIGIN ex.\n@ IN SOA ns host 1 2 3 4 5\nb IN A 192.0.2.2\n$ORIGIN other.\n IN TXT y\n"
	      "@ IN A 192.0.2.3\n$TTL 60\n IN TXT z\nc IN A 192.0.2.4\n$INCLUDE inc\n IN TXT w\n" },
	    { "inc", "d IN A 192.0.2.5\n" } },
	  NULL, 0,
	  "z:2 rr ex. SOA\n"
	  "z:3 rr b.ex. A\n"
	  "z:5 rr b.ex. TXT \"y\"\n"
	  "z:6 rr other. A\n"
	  "z:8 rr other. TXT \"z\"\n"
	  "z:9 rr c.other. A\n"
	  "inc:1 rr d.other. A\n"
	  "z:11 rr c.other. TXT \"w\"\n"
	  "finish 8 apex ex.\n" },
	{ "quoted parentheses, semicolons and escaped quotes stay in the TXT",
	  { { "z", "$ORIGIN ex.\nt IN TXT \"a ( b ; c\" ; real comment\nu IN TXT \"q\\\"(\" (\n \"next\" )\nv IN A 192.0.2.3\n" } },
	  NULL, 0,
	  "z:2 rr t.ex. TXT \"a ( b ; c\"\n"
	  "z:3 rr u.ex. TXT \"next\"\n"
	  "z:5 rr v.ex. A\n"
	  "finish 3 apex ex.\n" },
	{ "SRV over three lines, relative target; CRLF line ends",
	  { { "z", "$ORIGIN ex.\r\n_sip._tcp IN SRV (\r\n 10 5\r\n 5060 sip ) ; x\r\nend IN A 192.0.2.4\r\n" } },
	  NULL, 0,
	  "z:2 rr _sip._tcp.ex. SRV sip.ex.\n"
	  "z:5 rr end.ex. A\n"
	  "finish 2 apex ex.\n" },
	{ "URI and CAA with a trailing comment or ')' (ldns calls the blank superfluous text)",
	  { { "z", "$ORIGIN ex.\n_ftp._tcp IN URI 10 1 \"ftp://f.ex/\" ; c\n@ IN CAA 0 issue \"ca.ex\" ; c\n"
	      "_sip._udp IN URI ( 10 1\n \"sip:a@ex\" )\nw\\  IN A 192.0.2.1 ; escaped blank owner\n" } },
	  NULL, 0,
	  "z:2 rr _ftp._tcp.ex. URI\n"
	  "z:3 rr ex. CAA\n"
	  "z:4 rr _sip._udp.ex. URI\n"
	  "z:6 rr w\\032.ex. A\n"
	  "finish 4 apex ex.\n" },
	{ "class before TTL, as RFC 1035 allows",
	  { { "z", "$ORIGIN ex.\na IN 300 A 192.0.2.1\nb CH 300 TXT x\n_s._tcp IN 60 SRV 0 0 99999 t\nc IN 300 A 1.2\n" } },
	  NULL, 0,
	  "z:2 rr a.ex. A\n"
	  "z:3 rr b.ex. TXT \"x\"\n"
	  "z:4 parse-error error _s._tcp.ex.: SRV port 99999 out of range 0-65535\n"
	  "z:5 parse-error error c.ex.: Syntax error, could not parse the RR's rdata\n"
	  "finish 2 apex ex.\n" },
	{ "a UTF-8 byte order mark is skipped",
	  { { "z", "\xef\xbb\xbf$ORIGIN ex.\nw IN A 192.0.2.1\n" } }, NULL, 0,
	  "z:2 rr w.ex. A\n"
	  "finish 1 apex ex.\n" },
	{ "-o gives the origin and the apex",
	  { { "z", "www IN A 192.0.2.1\n@ IN MX 10 www\n" } }, "ex.com", 0,
	  "z:1 rr www.ex.com. A\n"
	  "z:2 rr ex.com. MX\n"
	  "finish 2 apex ex.com.\n" },
	{ "no origin: relative names are parse errors, absolute ones pass",
	  { { "z", "www IN A 192.0.2.1\nabs.example. IN MX 10 mx\nok.example. IN MX 10 mx.example.\n" } },
	  NULL, 0,
	  "z:1 parse-error error -: relative name www but no origin: add $ORIGIN or use -o\n"
	  "z:2 parse-error error abs.example.: relative name mx but no origin: add $ORIGIN or use -o\n"
	  "z:3 rr ok.example. MX\n"
	  "finish 1 apex -\n" },
	{ "ldns's reason, and reading goes on",
	  { { "z", "$ORIGIN ex.\na IN A 1.2.3\nb IN SRV 1 2 3\nc IN A 192.0.2.1 192.0.2.2\nd IN A 192.0.2.4\n" } },
	  NULL, 0,
	  "z:2 parse-error error a.ex.: Syntax error, could not parse the RR's rdata\n"
	  "z:3 parse-error error b.ex.: Syntax error, value expected\n"
	  "z:4 parse-error error c.ex.: Syntax error, superfluous text present\n"
	  "z:5 rr d.ex. A\n"
	  "finish 1 apex ex.\n" },
	/* ldns says only "Syntax error" of an empty label: said, as name says it (issue 10 item 10) */
	{ "an empty label, in the owner and in the data",
	  { { "z", "$ORIGIN ex.\n.._x._tcp IN SRV 0 0 1 h\n_x._tcp IN PTR a..b\n. IN NS h\n" } },
	  NULL, 0,
	  "z:2 parse-error error .._x._tcp.ex.: the name holds an empty label (two dots in a row, "
	  "or a dot before the first label); only the root is empty (RFC 1035 section 3.1)\n"
	  "z:3 parse-error error _x._tcp.ex.: the name holds an empty label (two dots in a row, "
	  "or a dot before the first label); only the root is empty (RFC 1035 section 3.1)\n"
	  "z:4 rr . NS\n"
	  "finish 1 apex ex.\n" },
	/* the parser keeps an owner's wire form while the same token comes again */
	{ "one owner token under two origins",
	  { { "z", "$ORIGIN a.ex.\nx IN A 192.0.2.1\nx IN NSEC y A\n$ORIGIN b.ex.\n"
	      "x IN NSEC y A\nx IN A 192.0.2.1\n$ORIGIN a.ex.\nx IN A 192.0.2.1\n" } },
	  NULL, 0,
	  "z:2 rr x.a.ex. A\n"
	  "z:3 rr x.a.ex. NSEC\n"
	  "z:5 rr x.b.ex. NSEC\n"
	  "z:6 rr x.b.ex. A\n"
	  "z:8 rr x.a.ex. A\n"
	  "finish 5 apex a.ex.\n" },
	/* the splitter's runs: 16 bytes at a time up to a byte that matters, one blank inside */
	{ "long plain runs up to a comment, a quote, a parenthesis or an escape",
	  { { "z", "$ORIGIN ex.\n"
	      "l IN TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;comment\n"
	      "n IN TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"b;c\"\n"
	      "o IN TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa(\n  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)\n"
	      "p IN TXT aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\059bbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
	      "@ IN CAA 0 issue ca.ex ; c\n"
	      "@ IN CAA ( 0 issue ca.ex )\n"
	      "k IN DS 1 2 256 abcd\n" } },
	  NULL, 0,
	  "z:2 rr l.ex. TXT \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n"
	  "z:3 rr n.ex. TXT \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\\"b;c\\\"\"\n"
	  "z:4 rr o.ex. TXT \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n"
	  "z:6 rr p.ex. TXT \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;bbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n"
	  "z:7 rr ex. CAA\n"
	  "z:8 rr ex. CAA\n"
	  "z:9 parse-error error k.ex.: DS digest type 256 out of range 0-255\n"
	  "finish 6 apex ex.\n" },
	{ "numbers ldns would wrap",
	  { { "z", "$ORIGIN ex.\n"
	      "_a._tcp IN SRV 0 5 99999999 t\n"
	      "_b._tcp IN SRV 65536 5 1 t\n"
	      "_c._tcp IN SRV 1 -1 1 t\n"
	      "m IN MX 70000 t\n"
	      "_443._tcp IN TLSA 256 1 1 abcd\n"
	      "_443._tcp IN TLSA 3 1 300 abcd\n"
	      "s IN SVCB 65536 t\n"
	      "_http._tcp IN URI 10 65536 \"http://x/\"\n"
	      "big 2147483648 IN A 192.0.2.1\n"
	      "edge 2147483647 IN A 192.0.2.1\n"
	      "_d._tcp IN SRV 65535 65535 65535 t\n" } },
	  NULL, 0,
	  "z:2 parse-error error _a._tcp.ex.: SRV port 99999999 out of range 0-65535\n"
	  "z:3 parse-error error _b._tcp.ex.: SRV priority 65536 out of range 0-65535\n"
	  "z:4 parse-error error _c._tcp.ex.: SRV weight -1 out of range 0-65535\n"
	  "z:5 parse-error error m.ex.: MX preference 70000 out of range 0-65535\n"
	  "z:6 parse-error error _443._tcp.ex.: TLSA usage 256 out of range 0-255\n"
	  "z:7 parse-error error _443._tcp.ex.: TLSA matching type 300 out of range 0-255\n"
	  "z:8 parse-error error s.ex.: SVCB priority 65536 out of range 0-65535\n"
	  "z:9 parse-error error _http._tcp.ex.: URI weight 65536 out of range 0-65535\n"
	  "z:10 parse-error error big.ex.: TTL 2147483648 out of range 0-2147483647\n"
	  "z:11 rr edge.ex. A\n"
	  "z:12 rr _d._tcp.ex. SRV t.ex.\n"
	  "finish 2 apex ex.\n" },
	{ "srvlint-disable: first line, a later line, unknown names",
	  { { "z", "$ORIGIN ex.\n"
	      "_m._tcp IN SRV 0 5 1 t ; srvlint-disable name-unregistered\n"
	      "_n._tcp IN SRV ( 0 5 1\n t ) ; srvlint-disable name-alias,srv-port-zero transport-mismatch\n"
	      "_o._tcp IN SRV 0 5 1 t ; srvlint-disable name-bogus, name-alias\n"
	      "_p._tcp IN SRV 0 5 1 t ; srvlint-disable\n"
	      "_q._tcp IN SRV 0 5 99999 t ; srvlint-disable parse-error\n"
	      "; srvlint-disable name-alias\n"
	      "_r._tcp IN SRV 0 5 1 t ; srvlint-disabled name-alias\n" } },
	  NULL, 0,
	  "z:2 rr _m._tcp.ex. SRV -name-unregistered t.ex.\n"
	  "z:3 rr _n._tcp.ex. SRV -name-alias -transport-mismatch -srv-port-zero t.ex.\n"
	  "z:5 parse-error note -: srvlint-disable: unknown check \"name-bogus\"\n"
	  "z:5 rr _o._tcp.ex. SRV -name-alias t.ex.\n"
	  "z:6 parse-error note -: srvlint-disable: names no check\n"
	  "z:6 rr _p._tcp.ex. SRV t.ex.\n"
	  "z:9 parse-error note -: \"srvlint-disabled\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:9 rr _r._tcp.ex. SRV -name-alias t.ex.\n"
	  "finish 5 apex ex.\n" },
	/* cli.md, Suppressing a finding: the forms of issue 14 item 4 */
	{ "srvlint-disable on a line of its own: the next record's, through blank lines and comments",
	  { { "z", "$ORIGIN ex.\n"
	      "; srvlint-disable name-unregistered\n"
	      "_a._tcp IN SRV 0 5 1 t\n"
	      "_b._tcp IN SRV 0 5 1 t\n"
	      "; srvlint-disable name-alias\n"
	      "\n"
	      "; a plain comment\n"
	      "_c._tcp IN SRV 0 5 1 t ; srvlint-disable srv-port-zero\n"
	      "_d._tcp IN SRV 0 5 1 t\n" } },
	  NULL, 0,
	  "z:3 rr _a._tcp.ex. SRV -name-unregistered t.ex.\n"
	  "z:4 rr _b._tcp.ex. SRV t.ex.\n"
	  "z:8 rr _c._tcp.ex. SRV -name-alias -srv-port-zero t.ex.\n"
	  "z:9 rr _d._tcp.ex. SRV t.ex.\n"
	  "finish 4 apex ex.\n" },
	{ "srvlint-disable-file: every record of its file, before it too; not in a string, not in an $INCLUDE",
	  { { "z", "$ORIGIN ex.\n"
	      "_a._tcp IN SRV 0 5 1 t\n"
	      "$INCLUDE inc\n"
	      "_b._tcp IN TXT \"; srvlint-disable-file name-alias\"\n"
	      "  ; srvlint-disable-file name-unregistered, nosuch\n"
	      "_c._tcp IN SRV 0 5 1 t\n" },
	    { "inc", "_i._tcp IN SRV 0 5 1 t\n" } },
	  NULL, 0,
	  "z:2 rr _a._tcp.ex. SRV -name-unregistered t.ex.\n"
	  "inc:1 rr _i._tcp.ex. SRV t.ex.\n"
	  "z:4 rr _b._tcp.ex. TXT -name-unregistered \"; srvlint-disable-file name-alias\"\n"
	  "z:5 parse-error note -: srvlint-disable-file: unknown check \"nosuch\"\n"
	  "z:6 rr _c._tcp.ex. SRV -name-unregistered t.ex.\n"
	  "finish 4 apex ex.\n" },
	{ "near-miss directives are notes; srvlint alone is a word",
	  { { "z", "$ORIGIN ex.\n"
	      "_a._tcp IN SRV 0 5 1 t ; srvlint-disable=name-alias\n"
	      "_b._tcp IN SRV 0 5 1 t ; SRVLINT-DISABLE name-alias\n"
	      "_c._tcp IN SRV 0 5 1 t ; srvlint disable name-alias\n"
	      "_d._tcp IN SRV 0 5 1 t ; Srvlint_Disable_File name-alias\n"
	      "_e._tcp IN SRV 0 5 1 t ; checked by srvlint every night\n"
	      "_f._tcp IN SRV 0 5 1 t ; srvlint-disable-files name-alias\n" } },
	  NULL, 0,
	  "z:2 parse-error note -: \"srvlint-disable=name-alias\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:2 rr _a._tcp.ex. SRV t.ex.\n"
	  "z:3 parse-error note -: \"SRVLINT-DISABLE\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:3 rr _b._tcp.ex. SRV t.ex.\n"
	  "z:4 parse-error note -: \"srvlint disable\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:4 rr _c._tcp.ex. SRV t.ex.\n"
	  "z:5 parse-error note -: \"Srvlint_Disable_File\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:5 rr _d._tcp.ex. SRV t.ex.\n"
	  "z:6 rr _e._tcp.ex. SRV t.ex.\n"
	  "z:7 parse-error note -: \"srvlint-disable-files\" is not a directive; write srvlint-disable CHECK[,CHECK...] or srvlint-disable-file CHECK[,CHECK...]\n"
	  "z:7 rr _f._tcp.ex. SRV t.ex.\n"
	  "finish 6 apex ex.\n" },
	{ "bytes and brackets the reader refuses",
	  { { "z", "$ORIGIN ex.\n"
	      "a IN TXT \"open\n"
	      "b IN A 192.0.2.1 )\n"
	      "c\033x IN A 192.0.2.1\n"
	      "d IN TXT \"x\001y\"\n"
	      "e IN TXT \"\\027 is fine\" ; \002 in a comment is fine\n"
	      "f IN A 192.0.2.1\n" } },
	  NULL, 0,
	  "z:2 parse-error error -: missing closing quote\n"
	  "z:3 parse-error error -: ')' without '('\n"
	  "z:4 parse-error error -: control byte \\027 in the record; write it as an escape\n"
	  "z:5 parse-error error -: control byte \\001 in the record; write it as an escape\n"
	  "z:6 rr e.ex. TXT \"\\027 is fine\"\n"
	  "z:7 rr f.ex. A\n"
	  "finish 2 apex ex.\n" },
	{ "directives the reader does not take",
	  { { "z", "$ORIGIN ex.\n$GENERATE 1-3 h$ A 192.0.2.$\n$FOO bar\n$TTL 1x\n$TTL 4294967296\n$ORIGIN\n$TTL 1h\nz IN A 192.0.2.1\n IN A 192.0.2.2\n" } },
	  NULL, 0,
	  "z:2 parse-error note -: $GENERATE is not supported: the records it makes are not checked\n"
	  "z:3 parse-error error -: unknown directive $FOO\n"
	  "z:4 parse-error error -: $TTL 1x is not a TTL\n"
	  "z:5 parse-error error -: $TTL 4294967296 out of range 0-2147483647\n"
	  "z:6 parse-error error -: $ORIGIN needs exactly one domain name\n"
	  "z:8 rr z.ex. A\n"
	  "z:9 rr z.ex. A\n"
	  "finish 2 apex ex.\n" },
	{ "no type, no origin (fuzz: apex decision read past the tokens)",
	  { { "z", "www IN\n  IN\n" } }, NULL, 0,
	  "z:1 parse-error error -: Syntax error, could not parse the RR's type\n"
	  "z:2 parse-error error -: Syntax error, could not parse the RR's type\n"
	  "finish 0 apex -\n" },
	{ "srvlint-disable in a last line without a newline keeps its line",
	  { { "z", "$ORIGIN ex.\nw IN A 192.0.2.1\n; srvlint-disable " } }, NULL, 0,
	  "z:2 rr w.ex. A\n"
	  "z:3 parse-error note -: srvlint-disable: names no check\n"
	  "finish 1 apex ex.\n" },
	{ "a blank owner with nothing before it",
	  { { "z", "$ORIGIN ex.\n  IN A 192.0.2.1\nx IN A 192.0.2.2\n" } }, NULL, 0,
	  "z:2 parse-error error -: no owner name, and no record before to take it from\n"
	  "z:3 rr x.ex. A\n"
	  "finish 1 apex ex.\n" },
	{ "$INCLUDE: origin argument, the included file's path, state restored",
	  { { "z", "$ORIGIN ex.\nw IN A 192.0.2.1\n$INCLUDE inc sub\n IN AAAA 2001:db8::1\nafter IN A 192.0.2.2\n" },
	    { "inc", "\n\nh IN A 192.0.2.3\n$ORIGIN elsewhere.\nk IN A 192.0.2.4\n" } },
	  NULL, 0,
	  "z:2 rr w.ex. A\n"
	  "inc:3 rr h.sub.ex. A\n"
	  "inc:5 rr k.elsewhere. A\n"
	  "z:4 rr w.ex. AAAA\n"
	  "z:5 rr after.ex. A\n"
	  "finish 5 apex ex.\n" },
	{ "$INCLUDE of itself, of a loop, of /etc/passwd, of a missing file",
	  { { "z", "$ORIGIN ex.\n$INCLUDE z\n$INCLUDE a\n$INCLUDE /etc/passwd\n$INCLUDE ../../etc/passwd\n$INCLUDE nope\nlast IN A 192.0.2.1\n" },
	    { "a", "$INCLUDE b\nina IN A 192.0.2.2\n" },
	    { "b", "$INCLUDE a\n" } },
	  NULL, 0,
	  "z:2 include-denied error -: $INCLUDE z refused: include loop (TMP/z is being read)\n"
	  "b:1 include-denied error -: $INCLUDE a refused: include loop (TMP/a is being read)\n"
	  "a:2 rr ina.ex. A\n"
	  "z:4 include-denied error -: $INCLUDE /etc/passwd refused: outside the include directory TMP\n"
	  "z:5 include-denied error -: $INCLUDE ../../etc/passwd refused: outside the include directory TMP\n"
	  "z:6 parse-error error -: $INCLUDE TMP/nope: No such file or directory\n"
	  "z:7 rr last.ex. A\n"
	  "finish 2 apex ex.\n" },
	{ "--no-include refuses everything",
	  { { "z", "$ORIGIN ex.\n$INCLUDE inc\nx IN A 192.0.2.1\n" },
	    { "inc", "y IN A 192.0.2.2\n" } },
	  NULL, 1,
	  "z:2 include-denied error -: $INCLUDE inc refused: --no-include\n"
	  "z:3 rr x.ex. A\n"
	  "finish 1 apex ex.\n" },
	{ "a file that includes itself",
	  { { "z", "$ORIGIN ex.\n$INCLUDE d\n" },
	    { "d", "$INCLUDE d\n" } },
	  NULL, 0,
	  "d:1 include-denied error -: $INCLUDE d refused: include loop (TMP/d is being read)\n"
	  "finish 0 apex ex.\n" },
	/* issue 11 item 2: bin/tests/system/allow_query/ns2/generic.db (BIND, MPL-2.0) */
	{ "$ORIGIN @ and $INCLUDE FILE @ are the current origin",
	  { { "z", "$ORIGIN ex.\n$ORIGIN @\na IN A 192.0.2.1\n$ORIGIN sub\n$INCLUDE i @\nc IN A 192.0.2.3\n" },
	    { "i", "b IN A 192.0.2.2\n" } }, NULL, 0,
	  "z:3 rr a.ex. A\n"
	  "i:1 rr b.sub.ex. A\n"
	  "z:6 rr c.sub.ex. A\n"
	  "finish 3 apex ex.\n" },
	{ "$ORIGIN @ before any origin",
	  { { "z", "$ORIGIN @\nabs.example. IN A 192.0.2.1\n" } }, NULL, 0,
	  "z:1 parse-error error -: $ORIGIN @: \"@\" but no origin before it\n"
	  "z:2 rr abs.example. A\n"
	  "finish 1 apex -\n" },
	/*
	 * issue 11 item 1: records BIND 9.18 loads and ldns 1.8.3 cannot parse, from
	 * BIND's bin/tests/system/checkzone/zones (good-nsec3-nopadhash.db,
	 * bad-eui48-trailing-garbage.db, crashzone.db; MPL-2.0), Knot's
	 * tests-extra/tests/records/obsolete and dnssec/case_sensitivity (GPL-3.0):
	 * read by owner and type, their data unchecked.
	 */
	{ "data types ldns has no parser for: by owner and type",
	  { { "z", "$ORIGIN ex.\n"
	      "a IN AMTRELAY 0 0 0 .\n"
	      "b IN RESINFO qnamemin exterr=15,16,17\n"
	      "c IN TA 30795 1 1 ( 310D27F4D82C1FC2400704EA9939FE6E1CEAA3B9 )\n"
	      "d IN NXT a.ex. A NS SOA MX SIG KEY LOC NXT\n"
	      "e IN A6 0 2001:db8::1\n"
	      "dsync IN DSYNC CDS NOTIFY 5360 CdS-scaNNer.exAmPLe.\n"
	      "bad IN EUI48 01-23-45-67-89-abgarbage\n"
	      "CPNMU IN NSEC3 2 1 12 aabbccdd ( CPNMU MX DNSKEY NS\n SOA NSEC3PARAM RRSIG )\n"
	      "s IN RRSIG NSEC3 7 4 7200 00100227180048 20100221180048 30323 ex. c2ln\n"
	      "g IN TYPE65280 \\# 2 abcd\n"
	      "h CLASS1 TYPE1 \\# 4 0A000001\n" } },
	  NULL, 0,
	  "z:2 rr a.ex. TYPE260\n"
	  "z:3 rr b.ex. TYPE261\n"
	  "z:4 rr c.ex. TYPE32768\n"
	  "z:5 rr d.ex. NXT\n"
	  "z:6 rr e.ex. A6\n"
	  "z:7 rr dsync.ex. TYPE66\n"
	  "z:8 rr bad.ex. EUI48\n"
	  "z:9 rr CPNMU.ex. NSEC3\n"
	  "z:11 rr s.ex. RRSIG\n"
	  "z:12 rr g.ex. TYPE65280\n"
	  "z:13 rr h.ex. A\n"
	  "finish 11 apex ex.\n" },
	{ "an unknown mnemonic and the meta-types are parse-errors, as in BIND",
	  { { "z", "$ORIGIN ex.\n"
	      "_s._tcp IN SVR 0 0 80 t\n"
	      "o IN OPT x\nt IN TSIG x\nk IN TKEY x\ni IN IXFR x\nx IN AXFR x\ny IN ANY x\nm IN TYPE251 x\n"
	      "g IN TYPE65280 \\# 3 abcd\n"
	      "end IN A 192.0.2.1\n" } },
	  NULL, 0,
	  "z:2 parse-error error _s._tcp.ex.: unknown RR type SVR\n"
	  "z:3 parse-error error o.ex.: OPT is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:4 parse-error error t.ex.: TSIG is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:5 parse-error error k.ex.: TKEY is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:6 parse-error error i.ex.: IXFR is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:7 parse-error error x.ex.: AXFR is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:8 parse-error error y.ex.: unknown RR type x\n"	/* ANY here is the class */
	  "z:9 parse-error error m.ex.: TYPE251 is a meta-type (RFC 6895), not data a zone holds\n"
	  "z:10 parse-error error g.ex.: generic data \\# 3: the hex is not that many bytes\n"
	  "z:11 rr end.ex. A\n"
	  "finish 1 apex ex.\n" },
	/* issue 11 item 2: Knot tests-extra/tests/records/load/data/svcb.zone (GPL-3.0), RFC 9460 appendix A */
	{ "SVCB and HTTPS values as RFC 9460 writes them; port range",
	  { { "z", "$ORIGIN ex.\n"
	      "a SVCB 1 . alpn=a\\\\,\n"
	      "b SVCB 16 foo.ex. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"\n"
	      "c HTTPS 1 . ( ipv6hint=\"2001:db8::1,2001:db8::53:1\" )\n"
	      "d SVCB 1 . port=99999\n"
	      "e SVCB 1 . bogus=1\n" } },
	  NULL, 0,
	  "z:2 rr a.ex. SVCB\n"
	  "z:3 rr b.ex. SVCB\n"
	  "z:4 rr c.ex. HTTPS\n"
	  "z:5 parse-error error d.ex.: SvcParam port 99999 out of range 0-65535\n"
	  "z:6 parse-error error e.ex.: Syntax error, could not parse the RR's rdata\n"
	  "finish 3 apex ex.\n" },
	/* bind9 fuzz/dns_master_load.in/date.db (MPL-2.0) */
	{ "$DATE is BIND's and read; a bad one is an error",
	  { { "z", "$ORIGIN ex.\n$DATE 20090101000000\na IN A 192.0.2.1\n$DATE 2009\n" } }, NULL, 0,
	  "z:3 rr a.ex. A\n"
	  "z:4 parse-error error -: $DATE needs one time, YYYYMMDDHHMMSS\n"
	  "finish 1 apex ex.\n" },
	{ "zone-empty: an empty file", { { "z", "" } }, NULL, 0,
	  "z:1 zone-empty error -: no record at all: an empty zone, or the text a failed zone transfer leaves; nothing was checked\n"
	  "finish 0 apex -\n" },
	{ "zone-empty: what dig AXFR prints on a refused transfer",
	  { { "z", "\n; <<>> DiG 9.18.28 <<>> @127.0.0.1 example.com AXFR\n; (1 server found)\n;; global options: +cmd\n; Transfer failed.\n" } },
	  NULL, 0,
	  "z:1 zone-empty error -: no record at all: an empty zone, or the text a failed zone transfer leaves; nothing was checked\n"
	  "finish 0 apex -\n" },
	{ "zone-empty: directives only; a bad record is a record",
	  { { "z", "$ORIGIN ex.\n$TTL 300\n" }, { "y", "x IN A 1.2\n" } }, NULL, 0,
	  "z:1 zone-empty error -: no record at all: an empty zone, or the text a failed zone transfer leaves; nothing was checked\n"
	  "finish 0 apex ex.\n" },
	{ "a parse error inside parentheses is one finding, at the record's first line",
	  { { "z", "$ORIGIN ex.\nx IN TXT ( \"a\n \"b\" c\n d )\ny IN A 192.0.2.1\n" } }, NULL, 0,
	  "z:2 parse-error error -: missing closing quote\n"
	  "z:5 rr y.ex. A\n"
	  "finish 1 apex ex.\n" },
};

/* Replaces every TMP in s by the temporary directory. */
static char *
expand(const char *s)
{
	size_t n = strlen(s) * 4 + 1;
	char *out = malloc(n), *o = out;

	while (*s) {
		if (strncmp(s, "TMP", 3) == 0) {
			o += sprintf(o, "%s", tmpdir);
			s += 3;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

static void
test_rows(void **state)
{
	size_t i, k;
	int jobs, rc, failed = 0;

	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		char *want = expand(r->expect);

		for (k = 0; k < 4 && r->files[k].name != NULL; k++)
			write_file(r->files[k].name, r->files[k].text, strlen(r->files[k].text));
		for (jobs = 1; jobs <= 3; jobs++) {
			struct zone_params zp = { r->origin, NULL, r->no_include, jobs, 0 };
			char *got = run_zone(r->files[0].name, &zp, &rc);

			if (rc != 0 || strcmp(got, want) != 0) {
				print_error("row \"%s\" -j %d: rc %d\n--- want\n%s--- got\n%s",
				    r->what, jobs, rc, want, got);
				failed = 1;
			}
			free(got);
		}
		for (k = 0; k < 4 && r->files[k].name != NULL; k++) {
			char path[512];

			snprintf(path, sizeof path, "%s/%s", tmpdir, r->files[k].name);
			unlink(path);
		}
		free(want);
	}
	assert_int_equal(failed, 0);
}

/* Nine nested includes: the ninth level is refused, the eight above are read. */
static void
test_include_depth(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	char name[16], text[64];
	char *got;
	int i, rc;

	write_file("top", "$ORIGIN ex.\n$INCLUDE i1\n", 24);
	for (i = 1; i <= 9; i++) {
		snprintf(name, sizeof name, "i%d", i);
		snprintf(text, sizeof text, "r%d IN A 192.0.2.1\n$INCLUDE i%d\n", i, i + 1);
		write_file(name, text, strlen(text));
	}
	got = run_zone("top", &zp, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got,
	    "i1:1 rr r1.ex. A\n" "i2:1 rr r2.ex. A\n" "i3:1 rr r3.ex. A\n"
	    "i4:1 rr r4.ex. A\n" "i5:1 rr r5.ex. A\n" "i6:1 rr r6.ex. A\n"
	    "i7:1 rr r7.ex. A\n" "i8:1 rr r8.ex. A\n"
	    "i8:2 include-denied error -: $INCLUDE i9 refused: more than 8 levels deep\n"
	    "finish 8 apex ex.\n");
	free(got);
}

/*
 * Amplification: f0 includes f1 forty times, f1 includes f2 forty times.
 * The 1025th $INCLUDE is refused, and so is every one after it.
 */
static void
test_include_bomb(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	char text[2048];
	char *got, *p;
	size_t len = 0;
	int i, rc, denied = 0;

	len = (size_t)sprintf(text, "$ORIGIN ex.\n");
	for (i = 0; i < 40; i++)
		len += (size_t)sprintf(text + len, "$INCLUDE b1\n");
	write_file("b0", text, len);
	for (len = 0, i = 0; i < 40; i++)
		len += (size_t)sprintf(text + len, "$INCLUDE b2\n");
	write_file("b1", text, len);
	write_file("b2", "x IN A 192.0.2.1\n", 17);
	got = run_zone("b0", &zp, &rc);
	assert_int_equal(rc, 0);
	for (p = got; (p = strstr(p, "refused: over 1024 includes or 256 MB")) != NULL; p++)
		denied++;
	assert_int_equal(denied, 16);
	assert_non_null(strstr(got, "b1:40 include-denied error -: $INCLUDE b2 refused: over 1024 includes"));
	assert_non_null(strstr(got, "b0:41 include-denied error -: $INCLUDE b1 refused: over 1024 includes"));
	assert_non_null(strstr(got, "finish 999 apex ex.\n"));
	free(got);
}

/* A symlink inside the directory that points out of it is refused. */
static void
test_include_symlink(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 1, 0 };
	char link[512];
	char *got, *want;
	int rc;

	snprintf(link, sizeof link, "%s/escape", tmpdir);
	unlink(link);
	assert_int_equal(symlink("/etc/hostname", link), 0);
	write_file("s", "$ORIGIN ex.\n$INCLUDE escape\n", 28);
	got = run_zone("s", &zp, &rc);
	want = expand("s:2 include-denied error -: $INCLUDE escape refused: outside the include directory TMP\n"
	    "finish 0 apex ex.\n");
	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(got);
	free(want);
	unlink(link);
}

/* A record over the cap, a 4 MB line: one finding, and reading goes on. */
static void
test_long_line(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	size_t n = 4u << 20;
	char *text = malloc(n + 200), *got;
	int rc;

	strcpy(text, "$ORIGIN ex.\nx IN TXT \"");
	memset(text + strlen(text), 'a', n);
	strcpy(text + 22 + n, "\"\ny IN A 192.0.2.1\n( IN A 192.0.2.2\n");
	write_file("long", text, strlen(text));
	got = run_zone("long", &zp, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got,
	    "long:2 parse-error error -: record longer than " CAP " bytes (comments excluded); skipped to its end\n"
	    "long:3 rr y.ex. A\n"
	    "long:4 parse-error error -: missing ')' at the end of the file\n"
	    "finish 1 apex ex.\n");
	free(got);
	free(text);
}

/*
 * A record of len bytes of text (comments excluded) whose data srvlint does
 * not parse: "x IN NSEC3 aaa...".
 */
static char *
record_of(size_t len, const char *after)
{
	char *text = malloc(len + strlen(after) + 64);
	size_t h = strlen("$ORIGIN ex.\n"), k = strlen("x IN NSEC3 ");

	strcpy(text, "$ORIGIN ex.\nx IN NSEC3 ");
	memset(text + h + k, 'a', len - k);
	strcpy(text + h + len, after);
	return text;
}

/*
 * The cap on record text: exactly ZONE_RECORD_MAX bytes (and 65535) are
 * read, one more is one finding; comments do not count (issue 11 item 3:
 * a 70 KB trailing comment; issue 15 item 10: the limit itself).
 */
static void
test_record_cap(void **state)
{
	static const struct {
		size_t len;
		const char *after, *want;
	} cases[] = {
		{ 65535, "\ny IN A 192.0.2.1\n",
		  "cap:2 rr x.ex. NSEC3\ncap:3 rr y.ex. A\nfinish 2 apex ex.\n" },
		{ ZONE_RECORD_MAX, "\ny IN A 192.0.2.1\n",
		  "cap:2 rr x.ex. NSEC3\ncap:3 rr y.ex. A\nfinish 2 apex ex.\n" },
		{ ZONE_RECORD_MAX + 1, "\ny IN A 192.0.2.1\n",
		  "cap:2 parse-error error -: record longer than " CAP " bytes (comments excluded); skipped to its end\n"
		  "cap:3 rr y.ex. A\nfinish 1 apex ex.\n" },
		{ 100, NULL,
		  "cap:2 rr x.ex. NSEC3\ncap:3 rr y.ex. A\nfinish 2 apex ex.\n" },
	};
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	size_t i;
	int rc;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *comment = NULL, *text, *got;

		if (cases[i].after == NULL) {	/* a 70 KB trailing comment */
			comment = malloc(72000);
			strcpy(comment, " ; ");
			memset(comment + 3, 'c', 70000);
			strcpy(comment + 70003, "\ny IN A 192.0.2.1\n");
		}
		text = record_of(cases[i].len, comment != NULL ? comment : cases[i].after);
		write_file("cap", text, strlen(text));
		got = run_zone("cap", &zp, &rc);
		assert_int_equal(rc, 0);
		assert_string_equal(got, cases[i].want);
		free(got);
		free(text);
		free(comment);
	}
}

/*
 * Issue 11 item 3: a 300-line parenthesised TXT over the cap is one finding
 * at its first line; the next record is read with its own owner and line
 * (the reader used to go on at the next line, inside the parentheses).
 */
static void
test_long_parenthesised(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	size_t line = 1000, i;
	char *text = malloc(300 * (line + 8) + 200), *p = text, *got;
	int rc;

	p += sprintf(p, "$ORIGIN ex.\nt IN TXT (\n");
	for (i = 0; i < 300; i++) {
		*p++ = '"';
		memset(p, 'a', line - 2);
		p += line - 2;
		p += sprintf(p, "\" ; (\n");
	}
	sprintf(p, " )\nu IN A 192.0.2.1\n");
	write_file("paren", text, strlen(text));
	got = run_zone("paren", &zp, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got,
	    "paren:2 parse-error error -: record longer than " CAP " bytes (comments excluded); skipped to its end\n"
	    "paren:304 rr u.ex. A\n"
	    "finish 1 apex ex.\n");
	free(got);
	free(text);
}

/*
 * Issue 15 item 9: the $INCLUDE byte budget counts bytes as they are read.
 * The included file is 360 KB at open (under a 400 KB budget) and grows by
 * 2 MB while it is read: reading stops at the budget, with one finding.
 */
static void
test_include_grows(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 1, 400u << 10 };
	size_t n = 20000, i;
	char *text = malloc(n * 18 + 1), path[512], *got, *want;
	int rc;

	for (i = 0; i < n; i++)
		memcpy(text + i * 18, "h IN A 192.0.2.98\n", 18);
	write_file("grow", text, n * 18);
	write_file("top", "$ORIGIN ex.\n$INCLUDE grow\nlast IN A 192.0.2.1\n", 46);
	snprintf(path, sizeof path, "%s/grow", tmpdir);
	grow_path = path;
	grow_bytes = 2u << 20;
	got = run_zone("top", &zp, &rc);
	grow_path = NULL;
	assert_int_equal(rc, 0);
	want = expand("include-denied error -: TMP/grow: not read past line ");
	assert_non_null(strstr(got, want));
	assert_non_null(strstr(got, "top:3 rr last.ex. A\n"));
	assert_null(strstr(got, "rr g.ex. A"));	/* nothing of the growth */
	free(want);
	free(got);
	free(text);
}

/* NUL bytes: in a label and a TXT, a finding each; the rest is read. */
static void
test_nul(void **state)
{
	static const char text[] = "$ORIGIN ex.\na\0b IN A 192.0.2.1\nt IN TXT \"x\0y\"\nz IN A 192.0.2.2\n";
	struct zone_params zp = { NULL, NULL, 0, 1, 0 };
	char *got;
	int rc;

	write_file("nul", text, sizeof text - 1);
	got = run_zone("nul", &zp, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(got,
	    "nul:2 parse-error error -: NUL byte in the record; write it as \\000\n"
	    "nul:3 parse-error error -: NUL byte in the record; write it as \\000\n"
	    "nul:4 rr z.ex. A\n"
	    "finish 1 apex ex.\n");
	free(got);
}

/* Many batches: -j 1, 2 and 4 give the same bytes, in line order. */
static void
test_jobs_identical(void **state)
{
	size_t cap = 4u << 20, len = 0;
	char *text = malloc(cap), *ref = NULL, *got;
	int i, jobs, rc;
	unsigned long line = 2;

	len += (size_t)sprintf(text, "$ORIGIN ex.\n");
	for (i = 0; i < 30000; i++) {
		if (i % 1000 == 7)
			len += (size_t)sprintf(text + len, "$ORIGIN s%d.ex.\n", i);
		else if (i % 97 == 0)
			len += (size_t)sprintf(text + len, "bad%d IN A 1.2\n", i);
		else if (i % 3 == 0)
			len += (size_t)sprintf(text + len, "  IN TXT \"n%d\"\n", i);
		else
			len += (size_t)sprintf(text + len, "_s%d._tcp IN SRV ( 0 0\n 1 h%d )\n", i, i);
	}
	write_file("many", text, len);
	obs_late = 1;
	for (jobs = 1; jobs <= 4; jobs *= 2) {
		struct zone_params zp = { NULL, NULL, 0, jobs, 0 };

		got = run_zone("many", &zp, &rc);
		assert_int_equal(rc, 0);
		if (ref == NULL) {
			char *p;
			unsigned long prev = 0;

			ref = got;
			/* lines ascend: records come out in file order */
			for (p = ref; p != NULL && strncmp(p, "many:", 5) == 0 &&
			    strncmp(strchr(p, ' '), " srv-target-cname", 17) != 0;
			    p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
				unsigned long l = strtoul(p + 5, NULL, 10);

				assert_true(l > prev);
				prev = l;
			}
			assert_non_null(strstr(ref, "finish 29661 apex ex.\n"));
			assert_non_null(strstr(ref, "many:29999 srv-target-cname error -: late\n"));
			continue;
		}
		assert_string_equal(got, ref);
		free(got);
	}
	obs_late = 0;
	(void)line;
	free(ref);
	free(text);
}

static void
test_missing_file(void **state)
{
	struct zone_params zp = { NULL, NULL, 0, 2, 0 };
	char *got;
	int rc;

	got = run_zone("does-not-exist", &zp, &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(got, "");
	free(got);
}

/* ---- the fast path builds what ldns_rr_new_frm_str builds ---------------- */

static void *
full_create(void *ud, const struct lint_ctx *ctx, const struct sink *sink,
    const ldns_rdf *apex)
{
	return (void *)sink;
}

static void
full_destroy(void *c)
{
}

/* Emits the whole record as ldns prints it, TTL and class included. */
static void
full_record(void *c, const ldns_rr *rr, const struct rr_pos *pos)
{
	struct finding f;
	char *text = ldns_rr2str(rr);

	finding_init(&f, CHECK_NAME_EMPTY);
	f.message = text != NULL ? text : "(ldns cannot print it)";
	f.line = pos->line;
	sink_emit(c, &f);
	free(text);
}

static int
full_merge(void *dst, void *src)
{
	return 0;
}

static void
full_finish(void *c)
{
}

static const struct zone_consumer full = {
	full_create, full_destroy, full_record, full_merge, full_finish, NULL
};

static void
full_emit(void *ud, const struct finding *f)
{
	struct out *o = ud;

	fprintf(o->f, "%s", f->message);
}

#define L58 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define L63 L58 "aaaaa"

static const char *const same_rows[] = {
	"a IN A 192.0.2.1",
	"a 300 IN A 192.0.2.1",
	"a A 192.0.2.1",
	"a in a 192.0.2.1",
	"@ IN AAAA 2001:db8::1",
	"a.ex. IN AAAA ::ffff:192.0.2.1",
	"b.ex. 0 IN SRV 1 2 3 @",
	"_s._tcp IN SRV 0 0 0 .",
	"_s._tcp IN SRV 65535 65535 65535 t.example.",
	"_s._tcp IN SRV 1 2 3 _x._y",
	"a IN TXT \"x y\" z \"\"",
	"a IN TXT \"\\065\\\"q\" \"a;b\"",
	"a IN MX 10 mx",
	"a IN MX 10 @",
	"a IN CNAME b.c.",
	"a IN NS ns",
	"a IN PTR \\@x",
	"A\\.b IN A 192.0.2.4",
	"a\\032b IN A 192.0.2.4",
	"a CH TXT x",
	"a 1h IN A 192.0.2.1",
	"a IN A 999.1.1.1",
	"a IN A 192.0.2.1 192.0.2.2",
	"a IN AAAA 192.0.2.1",
	"a IN SRV 1 2 x t",
	"a IN SRV 1 2 3",
	"a IN MX 10",
	"a IN MX x y",
	"a IN CNAME",
	"a IN TXT \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
	"a IN TXT \\# 0",
	"a IN TXT \\# 2 0178",
	"a IN A \\# 4 c0000201",
	"a IN SRV \\# 7 00010002000300",
	"a IN SOA ns host 1 2 3 4 5",
	"a IN A 0192.0.2.1",
	"a IN SRV 01 02 03 t",
	"toolonglabelxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx IN A 192.0.2.1",
	/* zparse_direct: names with escapes, as DNS-SD instance names have them */
	"Dev\\0321._ipp._tcp IN PTR Dev\\0322._ipp._tcp",
	"a\\.b IN PTR x\\.y.",
	"a\\. IN A 192.0.2.1",
	"a\\\\. IN A 192.0.2.1",
	"a\\\\\\. IN A 192.0.2.1",
	"a\\255b IN A 192.0.2.1",
	"a\\256b IN A 192.0.2.1",
	"a\\1b IN A 192.0.2.1",
	"a\\12 IN A 192.0.2.1",
	"a IN PTR \\065",
	"a IN PTR x\\",
	"x\\ IN A 192.0.2.1",
	"a IN MX 1 x\\\\\\",
	"a IN CNAME \\\"q",
	"a..b IN A 192.0.2.1",
	".a IN A 192.0.2.1",
	"a.b.. IN A 192.0.2.1",
	". IN NS ns.",
	"a IN CNAME .",
	"a IN MX 0 .",
	"@ IN TXT x",
	"a IN CNAME " L63 "x",
	"a IN CNAME " L63,
	L63 "x. IN A 192.0.2.1",
	/* wire lengths 255 and 256 under the origin ex. (4 bytes) */
	L63 "." L63 "." L63 "." L58 " IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "b IN A 192.0.2.1",
	"a IN PTR " L63 "." L63 "." L63 "." L58 "b",
	L63 "." L63 "." L63 "." L58 "bc. IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "bcd. IN A 192.0.2.1",
	/* zwire_dname's runs: the limit of 255 wire bytes met in a run, at an escape, at a dot */
	L63 "." L63 "." L63 "." "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\065 IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "\\065 IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "b\\065 IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "aaa\\.. IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "aaa.b IN A 192.0.2.1",
	L63 "." L63 "." L63 "." L58 "aa.b IN A 192.0.2.1",
	"a IN CNAME " "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\065",
	"a IN CNAME " L63 "\\065",
	"a IN CNAME " L63 "\\065.b.",
	"a IN CNAME b." L63 "\\.",
	"\\.\\. IN A 192.0.2.1",
	"a\\..b IN A 192.0.2.1",
	"a.\\. IN A 192.0.2.1",
	"a\\\"b IN A 192.0.2.1",
	"ab\\ IN A 192.0.2.1",
	"\\ IN A 192.0.2.1",
	/* owners of 254 characters and more that escapes make short */
	L63 "." L63 "." L63 "." L58 "a\\.. IN A 192.0.2.1",
	L63 "." L63 "." L63 "." "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\097\\. IN A 192.0.2.1",
	L63 "." L63 "." L63 "." "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\097\\.\\. IN A 192.0.2.1",
	"\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097\\097 IN A 192.0.2.1",
	/* addresses, numbers and strings */
	"a IN A 0.0.0.0",
	"a IN A 255.255.255.255",
	"a IN A 256.1.1.1",
	"a IN A 1.2.3",
	"a IN A 1.2.3.4.5",
	"a IN A 1.2.3.04",
	"a IN A 1..2.3",
	"a IN A 1.2.3.4.",
	"a IN A 1234.1.1.1",
	"a IN A \"192.0.2.1\"",
	"a IN AAAA ::",
	"a IN AAAA 2001:db8::g",
	"a IN AAAA 2001:0db8:0000:0000:0000:0000:0000:0001",
	"a IN AAAA 2001:db8:0:0:0:0:0:0:1",
	"_s._tcp IN SRV 00000 065535 1 t",
	"_s._tcp IN SRV 0 0 +1 t",
	"_s._tcp IN SRV 0 0 1x t",
	"a IN TXT \"a\\\"b\"",
	"a IN TXT \"a b\" \"\" c",
	"a IN TXT \"" L63 L63 L63 L63 "abc\"",
	"a IN TXT \"" L63 L63 L63 L63 "abcd\"",
	"a IN TXT " L63 L63 L63 L63 "abc",
	"a IN TXT \"caf\\195\\169\"",
};

/*
 * The splitter cuts the same records from a text however it comes in
 * blocks: whole, a byte at a time (every byte through zscan_byte, none in a
 * run) and in blocks of random sizes, so runs of words end at every place.
 * Random texts of plain bytes, blanks, tabs and the bytes that matter.
 */
struct cut {
	char text[4096];
	size_t len;
	unsigned long line, nl;
	const char *err;
	int toolong;
};

static size_t
cut_all(const unsigned char *p, size_t n, int mode, unsigned seed, struct cut *out, size_t max)
{
	struct zscan sc;
	char rec[ZSCAN_REC_BUF];
	size_t pos = 0, k = 0;
	unsigned long line = 1;
	int done;

	memset(&sc, 0, sizeof sc);
	sc.rec = rec;
	for (;;) {
		size_t avail = n - pos, chunk;
		if (!sc.active) {
			if (avail == 0)
				return k;
			zscan_begin(&sc, line);
		}
		if (mode == 0 || avail == 0)
			chunk = avail;
		else if (mode == 1)
			chunk = 1;
		else {
			seed = seed * 1103515245u + 12345u;
			chunk = 1 + (seed >> 16) % (avail < 40 ? avail : 40);
		}
		pos += zscan_feed(&sc, p + pos, chunk, pos + chunk == n, &done);
		if (!done)
			continue;
		line += sc.nl;
		assert_true(k < max);
		memcpy(out[k].text, sc.rec, sc.len + 1);
		out[k].len = sc.len;
		out[k].line = sc.line;
		out[k].nl = sc.nl;
		out[k].err = sc.err;
		out[k].toolong = sc.toolong;
		k++;
	}
}

/* ztok_split as it was, a byte at a time: the reference for the 16-byte one. */
static size_t
ref_split(const char *s, struct ztok *t, size_t max)
{
	size_t n = 0;

	while (n < max) {
		const char *b;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		b = s;
		if (*s == '"') {
			for (s++; *s != '\0' && *s != '"'; s++)
				if (*s == '\\' && s[1] != '\0')
					s++;
			if (*s == '"')
				s++;
		} else {
			for (;;) {
				while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\\')
					s++;
				if (*s != '\\')
					break;
				s += s[1] != '\0' ? 2 : 1;
			}
		}
		t[n].p = b;
		t[n].n = (size_t)(s - b);
		n++;
	}
	return n;
}

/* Tokens of random texts, long and short, with escapes and quotes near every 16-byte edge. */
static void
test_ztok_split(void **state)
{
	unsigned r = 777;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		char text[120];
		struct ztok a[24], b[24];
		size_t len, na, nb, max;

		r = r * 1103515245u + 12345u;
		len = (r >> 16) % (sizeof text - 1);
		for (size_t i = 0; i < len; i++) {
			r = r * 1103515245u + 12345u;
			text[i] = (r >> 16) % 8 != 0 ? "abcdefghijklmnopqrstuvwxyz0123456789+/="[(r >> 20) % 39] :
			    " \t\\\"x. "[(r >> 20) % 8];
		}
		text[len] = '\0';
		max = 1 + (r >> 24) % 24;
		na = ztok_split(text, a, max);
		nb = ref_split(text, b, max);
		assert_int_equal(na, nb);
		for (size_t k = 0; k < na; k++) {
			assert_ptr_equal(a[k].p, b[k].p);
			assert_int_equal(a[k].n, b[k].n);
		}
		na = ztok_split_n(text, len, a, max);
		assert_int_equal(na, nb);
		for (size_t k = 0; k < na; k++) {
			assert_ptr_equal(a[k].p, b[k].p);
			assert_int_equal(a[k].n, b[k].n);
		}
	}
}

static void
test_splitter_chunks(void **state)
{
	static const char alphabet[] = "aaaaaaab.\\\xc3  \t\t\n;\"()\r\x01";
	static struct cut whole[300], one[300], some[300];
	unsigned r = 12345;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		unsigned char text[600];
		size_t n, a, b, c;

		r = r * 1103515245u + 12345u;
		n = (r >> 16) % sizeof text;
		for (size_t i = 0; i < n; i++) {
			r = r * 1103515245u + 12345u;
			/* mostly words and single blanks, as zone files are */
			text[i] = (unsigned char)((r >> 16) % 4 != 0 ? "abcdefgh0123. "[(r >> 20) % 14] :
			    alphabet[(r >> 20) % (sizeof alphabet - 1)]);
		}
		a = cut_all(text, n, 0, 0, whole, 300);
		b = cut_all(text, n, 1, 0, one, 300);
		c = cut_all(text, n, 2, r, some, 300);
		assert_int_equal(a, b);
		assert_int_equal(a, c);
		for (size_t k = 0; k < a; k++) {
			assert_int_equal(whole[k].len, one[k].len);
			assert_string_equal(whole[k].text, one[k].text);
			assert_string_equal(whole[k].text, some[k].text);
			assert_int_equal(whole[k].line, one[k].line);
			assert_int_equal(whole[k].line, some[k].line);
			assert_int_equal(whole[k].nl, one[k].nl);
			assert_true(whole[k].err == one[k].err && whole[k].err == some[k].err);
			assert_int_equal(whole[k].toolong, one[k].toolong);
		}
	}
}

/*
 * Each row through the reader (the fast path for the common types, the
 * fallback for the rest) and through ldns_rr_new_frm_str directly: the same
 * record, or the same error message.
 */
static void
test_fast_path_same(void **state)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < sizeof same_rows / sizeof same_rows[0]; i++) {
		struct out o = { 0 };
		struct sink s = { full_emit, &o };
		struct options opt;
		struct lint_ctx ctx = { &opt, NULL, 1 };
		struct zone_params zp = { NULL, NULL, 0, 1, 0 };
		ldns_rdf *origin = ldns_dname_new_frm_str("ex.");
		ldns_rr *rr = NULL;
		ldns_status st;
		char text[1024], path[512], *want;
		int rc;

		memset(&opt, 0, sizeof opt);
		snprintf(text, sizeof text, "$ORIGIN ex.\n%s\n", same_rows[i]);
		write_file("same", text, strlen(text));
		snprintf(path, sizeof path, "%s/same", tmpdir);
		o.f = open_memstream(&o.buf, &o.len);
		rc = zone_check_file(&ctx, path, &zp, &full, &s);
		fclose(o.f);
		st = ldns_rr_new_frm_str(&rr, same_rows[i], 3600, origin, NULL);
		want = st == LDNS_STATUS_OK ? ldns_rr2str(rr) :
		    strdup(ldns_get_errorstr_by_id(st));
		if (want == NULL)	/* a name over 255 bytes: ldns_rr_new_frm_str takes it */
			want = strdup("(ldns cannot print it)");
		/*
		 * ldns's "Syntax error" for a label over 63 bytes or an empty one
		 * is said better (issue 10 items 8 and 10).
		 */
		if (st != LDNS_STATUS_OK && (strstr(o.buf, "a DNS label has at most 63") != NULL ||
		    strstr(o.buf, "the name holds an empty label") != NULL)) {
			free(want);
			want = strdup(o.buf);
		}
		if (rc != 0 || strcmp(o.buf, want) != 0) {
			print_error("row %s\n  want %s\n  got  %s\n", same_rows[i], want, o.buf);
			failed = 1;
		}
		free(want);
		free(o.buf);
		ldns_rr_free(rr);
		ldns_rdf_deep_free(origin);
	}
	assert_int_equal(failed, 0);
}

/*
 * Types read by owner and type: the owner, TTL, class and type the reader
 * gives are ldns_rr_new_frm_str's (its data fields dropped), whatever way
 * the TTL is written, the type's case, or how the owner is escaped.
 */
static const char *const shallow_rows[] = {
	/* an owner of 254 characters, its wire form 254 bytes */
	L63 "." L63 "." L63 "." L58 "a\\.. IN NSEC b A",
	"a 300 IN NSEC b A",
	"a 300 in nsec b A",
	"a 300 IN NsEc b A",
	"a 123456789 IN NSEC b A",
	"a 1234567890 IN NSEC b A",
	"a 0300 IN NSEC b A",
	"a 000000007 IN NSEC b A",
	"a 1h IN NSEC b A",
	"a 1h30m IN NSEC b A",
	"a NSEC b A",
	"a 300 NSEC b A",
	"a 300 CH NSEC b A",
	"A\\032b\\.c 300 IN DS 1 2 3 abcd",
	"A\\032b\\.c 301 IN DS 1 2 3 abcd",
	"@ 300 IN DS 1 2 3 abcd",
	"x.y. 300 IN DS 1 2 3 abcd",
};

static void
test_shallow_same(void **state)
{
	size_t i;
	int failed = 0;
	struct zstr text = { 0 };

	for (i = 0; i < sizeof shallow_rows / sizeof shallow_rows[0]; i++)
		if (zstr_add(&text, shallow_rows[i], strlen(shallow_rows[i])) != 0 ||
		    zstr_add(&text, "\n", 1) != 0)
			fail();
	{
		struct out o = { 0 };
		struct sink s = { full_emit, &o };
		struct options opt;
		struct lint_ctx ctx = { &opt, NULL, 1 };
		struct zone_params zp = { NULL, NULL, 0, 1, 0 };
		ldns_rdf *origin = ldns_dname_new_frm_str("ex.");
		struct zstr want = { 0 };
		char path[512], *all;
		int rc;

		memset(&opt, 0, sizeof opt);
		/* One file, so that one parser sees them in turn (its caches too). */
		all = malloc(text.len + 16);
		assert_non_null(all);
		snprintf(all, text.len + 16, "$ORIGIN ex.\n%s", text.p);
		write_file("shallow", all, strlen(all));
		free(all);
		snprintf(path, sizeof path, "%s/shallow", tmpdir);
		o.f = open_memstream(&o.buf, &o.len);
		rc = zone_check_file(&ctx, path, &zp, &full, &s);
		fclose(o.f);
		for (i = 0; i < sizeof shallow_rows / sizeof shallow_rows[0]; i++) {
			ldns_rr *rr = NULL;
			char *t;

			assert_int_equal(ldns_rr_new_frm_str(&rr, shallow_rows[i], 3600, origin,
			    NULL), LDNS_STATUS_OK);
			while (ldns_rr_rd_count(rr) > 0)
				ldns_rdf_deep_free(ldns_rr_pop_rdf(rr));
			t = ldns_rr2str(rr);
			assert_int_equal(zstr_add(&want, t, strlen(t)), 0);
			free(t);
			ldns_rr_free(rr);
		}
		if (rc != 0 || strcmp(o.buf, want.p) != 0) {
			print_error("want\n%s\ngot\n%s\n", want.p, o.buf);
			failed = 1;
		}
		free(want.p);
		free(o.buf);
		ldns_rdf_deep_free(origin);
	}
	free(text.p);
	assert_int_equal(failed, 0);
}

static int
setup(void **state)
{
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_include_depth),
		cmocka_unit_test(test_include_symlink),
		cmocka_unit_test(test_include_bomb),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_record_cap),
		cmocka_unit_test(test_include_grows),
		cmocka_unit_test(test_long_parenthesised),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_jobs_identical),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_splitter_chunks),
		cmocka_unit_test(test_ztok_split),
		cmocka_unit_test(test_fast_path_same),
		cmocka_unit_test(test_shallow_same),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
