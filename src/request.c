/*
 * request.c -- `srvlint request`: checks an IANA service name / port number
 * assignment request against RFC 6335 before it is sent.
 *
 * The work is split the usual way: request_check() is pure (text in,
 * findings out through a sink) and request_main() is the edge that reads
 * files.  Every message names the section of RFC 6335 it comes from:
 * 5 (name style), 5.1 (syntax, via namecheck), 6 (port ranges), 8.1
 * (Reserved names), 8.1.1 (the fields and what they must say), 8.1.2
 * (rules per port range).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modes.h"
#include "namecheck.h"
#include "registry.h"
#include "request.h"

/* A request larger than this is not a request: refuse it, never hang. */
#define REQUEST_MAX_BYTES (16UL * 1024 * 1024)
/* After this many lines that are no field, the file is not a request. */
#define PARSE_ERRORS_MAX 20

enum field_id {
	F_NAME, F_TRANSPORT, F_ASSIGNEE, F_CONTACT, F_DESCRIPTION,
	F_REFERENCE, F_PORT, F_SCODE, F_UNAUTH, F_NOTES, F_COUNT
};

/* The fields of RFC 6335 section 8.1.1, in its order, with template hints. */
static const struct field_def {
	const char *title;
	int required;
	const char *hint;
} field_defs[F_COUNT] = {
	[F_NAME] = { "Service Name", 1,
	    "REQUIRED. The unique name of the service: 1-15 letters, digits and hyphens, "
	    "at least one letter, no hyphen first, last or next to another (RFC 6335 "
	    "section 5.1); brief, without words such as \"port\", \"service\" or "
	    "\"protocol\"; a discovery service ends in \"-disc\"." },
	[F_TRANSPORT] = { "Transport Protocol(s)", 1,
	    "REQUIRED. One or more of TCP, UDP, SCTP and DCCP, only those the service "
	    "uses now; needed even when you ask for a service name only." },
	[F_ASSIGNEE] = { "Assignee", 1,
	    "REQUIRED. Name and email address of the organization, company or person "
	    "the assignment is made to." },
	[F_CONTACT] = { "Contact", 1,
	    "REQUIRED. Name and email address of the person to send questions to." },
	[F_DESCRIPTION] = { "Description", 1,
	    "REQUIRED. A short description of the service: what functions the protocol "
	    "performs; avoid all but the best-known acronyms." },
	[F_REFERENCE] = { "Reference", 1,
	    "REQUIRED. The protocol between the machines (message formats, types, op "
	    "codes and sequences) or a document describing it; say whether it uses IP "
	    "broadcast, multicast or anycast, how and what for; with a User port, why "
	    "a Dynamic port will not do; with a System port, why neither a User nor a "
	    "Dynamic port will do, and a stable specification." },
	[F_PORT] = { "Port Number", 0,
	    "OPTIONAL. One port: a number (User 1024-49151, System 0-1023) or \"user\" "
	    "or \"system\" to let IANA choose; empty to ask for a service name only. "
	    "Do not use the port before it is assigned." },
	[F_SCODE] = { "Service Code", 0,
	    "REQUIRED with DCCP, and only then: a unique DCCP service code, a decimal "
	    "number or SC:xxxx (RFC 4340 section 8.1.2), not 0, 4294967295 or "
	    "1056964608-1073741823." },
	[F_UNAUTH] = { "Known Unauthorized Uses", 0,
	    "OPTIONAL. Uses by others than the Assignee that you know of." },
	[F_NOTES] = { "Assignment Notes", 0,
	    "OPTIONAL. Anything else about the assignment IANA should know." },
};

/*
 * Field names as written, reduced to lowercase letters and digits
 * ("Transport Protocol(s)" -> "transportprotocols").
 */
static const struct field_alias {
	const char *key;
	enum field_id id;
} field_aliases[] = {
	{ "servicename", F_NAME },
	{ "transportprotocols", F_TRANSPORT }, { "transportprotocol", F_TRANSPORT },
	{ "transports", F_TRANSPORT }, { "transport", F_TRANSPORT },
	{ "protocols", F_TRANSPORT }, { "protocol", F_TRANSPORT },
	{ "assignee", F_ASSIGNEE },
	{ "contact", F_CONTACT },
	{ "description", F_DESCRIPTION },
	{ "reference", F_REFERENCE }, { "references", F_REFERENCE },
	{ "portnumber", F_PORT }, { "portnumbers", F_PORT },
	{ "port", F_PORT }, { "ports", F_PORT },
	{ "servicecode", F_SCODE }, { "dccpservicecode", F_SCODE },
	{ "knownunauthorizeduses", F_UNAUTH }, { "knownunauthorizeduse", F_UNAUTH },
	{ "assignmentnotes", F_NOTES }, { "assignmentnote", F_NOTES },
	{ "notes", F_NOTES },
};

#define ALIAS_COUNT (sizeof(field_aliases) / sizeof(field_aliases[0]))
#define KEY_MAX 32

/* One field as read: the value with continuation lines joined by a space. */
struct rq_field {
	char *val;		/* owned; NUL-terminated, may hold NULs; NULL if empty */
	size_t len, cap;
	unsigned long line;	/* where the field begins; 0: absent */
};

/* Where an indented line goes. */
enum cont { CONT_NONE, CONT_FIELD, CONT_DROP };

struct rq {
	const struct lint_ctx *ctx;
	const char *file;
	const struct sink *sink;
	struct rq_field f[F_COUNT];
	enum cont cont;
	enum field_id cur;
	unsigned parse_errors;
	int oom;
	unsigned transports;	/* TP_* named in Transport Protocol(s) */
};

/* ---- small helpers ------------------------------------------------- */

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Case-insensitive search for the ASCII word w in s (len bytes, any bytes). */
static int
mentions(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);

	for (size_t i = 0; s != NULL && i + wl <= len; i++) {
		size_t k = 0;
		while (k < wl && lower((unsigned char)s[i + k]) == w[k])
			k++;
		if (k == wl)
			return 1;
	}
	return 0;
}

static int
equal_nocase(const char *s, size_t len, const char *w)
{
	size_t wl = strlen(w);

	if (len != wl)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

static void
rq_report(struct rq *rq, enum check_id id, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports one finding about the request, at line (0: the whole request). */
static void
rq_report(struct rq *rq, enum check_id id, unsigned long line, const char *fmt, ...)
{
	struct finding f;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	finding_init(&f, id);
	f.message = msg;
	f.file = rq->file;
	f.line = line;
	sink_emit(rq->sink, &f);
}

static int
field_given(const struct rq *rq, enum field_id id)
{
	return rq->f[id].line != 0 && rq->f[id].len != 0;
}

/* ---- reading ------------------------------------------------------- */

/* Appends len bytes to the field's value; a space first when it has one. */
static void
field_append(struct rq *rq, struct rq_field *fl, const char *s, size_t len)
{
	size_t need = fl->len + len + 2;

	if (len == 0 || rq->oom)
		return;
	if (need > fl->cap) {
		size_t cap = fl->cap ? fl->cap : 64;
		while (cap < need)
			cap *= 2;
		char *v = realloc(fl->val, cap);
		if (v == NULL) {
			rq->oom = 1;
			return;
		}
		fl->val = v;
		fl->cap = cap;
	}
	if (fl->len != 0)
		fl->val[fl->len++] = ' ';
	memcpy(fl->val + fl->len, s, len);
	fl->len += len;
	fl->val[fl->len] = '\0';
}

/*
 * Reduces a field name to lowercase letters and digits, dropping blanks and
 * the punctuation names are written with ("Transport Protocol(s)");  -1
 * when too long or when it holds any other byte.
 */
static int
field_key(const char *s, size_t len, char key[KEY_MAX + 1])
{
	size_t k = 0;

	for (size_t i = 0; i < len; i++) {
		int c = lower((unsigned char)s[i]);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (k == KEY_MAX)
				return -1;
			key[k++] = (char)c;
		} else if (c == '\0' || strchr(" \t()-_./", c) == NULL)
			return -1;
	}
	key[k] = '\0';
	return 0;
}

/* Levenshtein distance of two short strings, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[KEY_MAX + 2];

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Reports a line that is no field; counts them to give up on binary files. */
#define parse_error(rq, line, ...) do { \
		(rq)->parse_errors++; \
		rq_report((rq), CHECK_PARSE_ERROR, (line), __VA_ARGS__); \
	} while (0)

/* A line that begins a field: "Name: value". */
static void
field_line(struct rq *rq, const char *s, const char *e, unsigned long line)
{
	const char *colon = memchr(s, ':', (size_t)(e - s));
	const char *ne, *v;
	char key[KEY_MAX + 1], shown[REPORT_SHOW_BUFLEN];
	const struct field_alias *hit = NULL, *near = NULL;
	size_t best = 3;	/* suggest a field at most 2 edits away */

	rq->cont = CONT_DROP;
	if (colon == NULL) {
		parse_error(rq, line, "expected \"Field Name: value\", got \"%s\" "
		    "(RFC 6335 section 8.1.1 fields)",
		    report_show(s, (size_t)(e - s), shown, sizeof(shown)));
		return;
	}
	for (ne = colon; ne > s && is_blank((unsigned char)ne[-1]); ne--)
		;
	if (field_key(s, (size_t)(ne - s), key) == 0)
		for (size_t i = 0; i < ALIAS_COUNT && hit == NULL; i++) {
			size_t d = distance(key, field_aliases[i].key);
			if (d == 0)
				hit = &field_aliases[i];
			else if (d < best && d * 3 <= strlen(field_aliases[i].key)) {
				best = d;
				near = &field_aliases[i];
			}
		}
	report_show(s, (size_t)(ne - s), shown, sizeof(shown));
	if (hit == NULL) {
		char hint[96] = "";
		if (near != NULL && key[0] != '\0')
			snprintf(hint, sizeof(hint), "; did you mean \"%s\"?",
			    field_defs[near->id].title);
		parse_error(rq, line, "unknown field \"%s\": RFC 6335 section 8.1.1 "
		    "has no such field%s", shown, hint);
		return;
	}
	struct rq_field *fl = &rq->f[hit->id];
	if (fl->line != 0) {
		parse_error(rq, line, "field \"%s\" given twice (first on line %lu); "
		    "the first is used (RFC 6335 section 8.1.1)", shown, fl->line);
		return;
	}
	fl->line = line;
	for (v = colon + 1; v < e && is_blank((unsigned char)*v); v++)
		;
	field_append(rq, fl, v, (size_t)(e - v));
	rq->cont = CONT_FIELD;
	rq->cur = hit->id;
}

static void
rq_line(struct rq *rq, const char *p, const char *e, unsigned long line)
{
	const char *s = p;

	while (e > p && is_blank((unsigned char)e[-1]))
		e--;
	while (s < e && is_blank((unsigned char)*s))
		s++;
	if (s == e || *s == '#')
		return;		/* blank or comment: the field goes on */
	if (s == p) {
		field_line(rq, s, e, line);
		return;
	}
	if (rq->cont == CONT_FIELD)
		field_append(rq, &rq->f[rq->cur], s, (size_t)(e - s));
	else if (rq->cont == CONT_NONE) {
		parse_error(rq, line, "an indented line continues a value, but no "
		    "field came before it (RFC 6335 section 8.1.1 fields)");
		rq->cont = CONT_DROP;
	}
}

static void
rq_parse(struct rq *rq, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned long line = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;		/* a UTF-8 byte order mark, as some editors write */
	while (p < end && !rq->oom) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		line++;
		if (rq->parse_errors == PARSE_ERRORS_MAX) {
			rq_report(rq, CHECK_PARSE_ERROR, line, "%u lines that are no "
			    "\"Field Name: value\": not a request file? The rest is not "
			    "read", PARSE_ERRORS_MAX);
			return;
		}
		rq_line(rq, p, e, line);
		p = nl != NULL ? nl + 1 : end;
	}
}

/* ---- checks ---------------------------------------------------------- */

static void
check_required(struct rq *rq)
{
	for (int i = 0; i < F_COUNT; i++) {
		const struct rq_field *fl = &rq->f[i];
		if (!field_defs[i].required || fl->len != 0)
			continue;
		rq_report(rq, CHECK_REQUEST_MISSING_FIELD, fl->line,
		    "required field \"%s\" is %s (RFC 6335 section 8.1.1)",
		    field_defs[i].title, fl->line != 0 ? "empty" : "missing");
	}
}

/* Passes namecheck's findings on, minus what a new name is expected to get. */
struct name_filter {
	const struct sink *out;
};

static void
name_filter_emit(void *ud, const struct finding *f)
{
	const struct name_filter *nf = ud;
	struct finding g = *f;
	char msg[1024];

	/*
	 * A name being requested is unregistered by definition; a registered
	 * one (an alias too) is reported once, as request-name-taken.
	 */
	if (f->check == CHECK_NAME_UNREGISTERED || f->check == CHECK_NAME_ALIAS)
		return;
	if (f->check == CHECK_NAME_RESERVED) {
		snprintf(msg, sizeof(msg), "%s; a Reserved name is assigned only by "
		    "Standards Action or IESG Approval, with a statement why it is "
		    "appropriate (RFC 6335 section 8.1)", f->message);
		g.message = msg;
	} else if (f->message != NULL && strstr(f->message, "RFC 6335") == NULL) {
		/* Every request message names its source. */
		snprintf(msg, sizeof(msg), "%s (%s)", f->message,
		    check_info(f->check)->ref);
		g.message = msg;
	}
	sink_emit(nf->out, &g);
}

static void
check_name_taken(struct rq *rq, const char *name, size_t len, unsigned long line)
{
	const struct reg_service *svc = registry_lookup(rq->ctx->reg, name, len);
	char shown[REPORT_SHOW_BUFLEN];
	const char *desc;

	if (svc == NULL || (svc->flags & REG_RESERVED))
		return;
	desc = svc->description != NULL ? svc->description : "";
	report_show(name, len, shown, sizeof(shown));
	if (svc->flags & REG_ALIAS)
		rq_report(rq, CHECK_REQUEST_NAME_TAKEN, line, "service name \"%s\" is "
		    "already assigned, as an alias of \"%s\"; names are unique, "
		    "compared ignoring case (RFC 6335 sections 5 and 8.1.1)", shown,
		    svc->primary != NULL ? svc->primary : "?");
	else
		rq_report(rq, CHECK_REQUEST_NAME_TAKEN, line, "service name \"%s\" is "
		    "already assigned: \"%s\"%s%s%s; names are unique, compared "
		    "ignoring case (RFC 6335 section 8.1.1)", shown, svc->name,
		    desc[0] ? " (" : "", desc, desc[0] ? ")" : "");
}

/* Redundant words (RFC 6335 section 5): whole hyphen-separated parts. */
static const char *const redundant_words[] = {
	"port", "ports", "service", "services", "svc", "protocol", "protocols",
	"proto",
};

static void
check_name_style(struct rq *rq, const char *name, size_t len, unsigned long line)
{
	const struct rq_field *desc = &rq->f[F_DESCRIPTION];
	char shown[REPORT_SHOW_BUFLEN];
	const char *found = NULL;

	report_show(name, len, shown, sizeof(shown));
	for (size_t i = 0, start = 0; i <= len && found == NULL; i++) {
		if (i < len && name[i] != '-')
			continue;
		for (size_t w = 0; w < sizeof(redundant_words) / sizeof(redundant_words[0]); w++)
			if (equal_nocase(name + start, i - start, redundant_words[w]))
				found = redundant_words[w];
		start = i + 1;
	}
	if (found != NULL)
		rq_report(rq, CHECK_REQUEST_NAME_STYLE, line, "service name \"%s\" holds "
		    "the redundant word \"%s\": names should be brief and informative, "
		    "without words such as \"port\", \"service\" or \"protocol\" "
		    "(RFC 6335 section 5)", shown, found);
	if (mentions(desc->val, desc->len, "discover") &&
	    !(len >= 4 && equal_nocase(name + len - 4, 4, "disc")))
		rq_report(rq, CHECK_REQUEST_NAME_STYLE, line, "the Description speaks "
		    "of discovery, but service name \"%s\" does not end in \"-disc\": "
		    "names of discovery services SHOULD have an easily identifiable "
		    "suffix such as \"-disc\" (RFC 6335 section 5)", shown);
}

static void
check_name(struct rq *rq)
{
	const struct rq_field *fl = &rq->f[F_NAME];
	struct name_filter nf = { rq->sink };
	struct sink filter = { name_filter_emit, &nf };
	struct finding tmpl;

	if (!field_given(rq, F_NAME))
		return;
	memset(&tmpl, 0, sizeof(tmpl));
	tmpl.file = rq->file;
	tmpl.line = fl->line;
	if (namecheck_service(rq->ctx, fl->val, fl->len, NULL, 0, &tmpl, &filter))
		return;		/* breaks RFC 6335 5.1: nothing else to judge */
	check_name_taken(rq, fl->val, fl->len, fl->line);
	check_name_style(rq, fl->val, fl->len, fl->line);
}

/* Transports: words between commas, slashes, blanks, "and", "or". */
static int
is_transport_sep(char c)
{
	return c != '\0' && strchr(",;/&+| \t", c) != NULL;
}

static void
check_transport(struct rq *rq)
{
	const struct rq_field *fl = &rq->f[F_TRANSPORT];
	char shown[REPORT_SHOW_BUFLEN];
	size_t i = 0;

	while (i < fl->len) {
		size_t start, n;
		if (is_transport_sep(fl->val[i])) {
			i++;
			continue;
		}
		for (start = i; i < fl->len && !is_transport_sep(fl->val[i]); i++)
			;
		n = i - start;
		if (equal_nocase(fl->val + start, n, "and") ||
		    equal_nocase(fl->val + start, n, "or"))
			continue;
		unsigned tp = transport_parse(fl->val + start, n);
		if (tp != 0) {
			rq->transports |= tp;
			continue;
		}
		report_show(fl->val + start, n, shown, sizeof(shown));
		rq_report(rq, CHECK_REQUEST_TRANSPORT, fl->line, "\"%s\" is not a "
		    "transport protocol IANA assigns for: only TCP, UDP, SCTP and DCCP "
		    "(RFC 6335 section 8.1.1)%s", shown,
		    mentions(fl->val + start, n, "lite") ? "; UDP-Lite shares the "
		    "ports of UDP (RFC 3828)" : "");
	}
}

/* What Port Number asks for. */
enum port_kind { PORT_NONE, PORT_NUMBER, PORT_USER, PORT_SYSTEM, PORT_DYNAMIC, PORT_BAD };

struct port_req {
	enum port_kind kind;
	unsigned long lo, hi;	/* PORT_NUMBER: the range asked for */
};

/* Reads decimal digits at *i; caps the value so it cannot overflow. */
static int
read_number(const char *s, size_t len, size_t *i, unsigned long *out)
{
	size_t start = *i;
	unsigned long v = 0;

	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		if (v < 100000000000UL)
			v = v * 10 + (unsigned long)(s[*i] - '0');
		(*i)++;
	}
	*out = v;
	return *i > start ? 0 : -1;
}

static void
skip_blanks(const char *s, size_t len, size_t *i)
{
	while (*i < len && is_blank((unsigned char)s[*i]))
		(*i)++;
}

static struct port_req
port_parse(const char *s, size_t len)
{
	struct port_req pr = { PORT_BAD, 0, 0 };
	static const struct { const char *word; enum port_kind kind; } words[] = {
		{ "user", PORT_USER }, { "registered", PORT_USER },
		{ "system", PORT_SYSTEM }, { "well-known", PORT_SYSTEM },
		{ "well known", PORT_SYSTEM }, { "dynamic", PORT_DYNAMIC },
		{ "private", PORT_DYNAMIC }, { "ephemeral", PORT_DYNAMIC },
	};
	static const char *const suffixes[] = { " port range", " ports", " port", " range", "" };
	size_t i = 0;

	if (len == 0) {
		pr.kind = PORT_NONE;
		return pr;
	}
	if (read_number(s, len, &i, &pr.lo) == 0) {
		pr.hi = pr.lo;
		skip_blanks(s, len, &i);
		if (i < len && s[i] == '-') {
			i++;
			skip_blanks(s, len, &i);
			if (read_number(s, len, &i, &pr.hi) != 0)
				return pr;
		}
		if (i == len && pr.lo <= pr.hi)
			pr.kind = PORT_NUMBER;
		return pr;
	}
	/* "user", "a user port", "any system port", "User Ports", ... */
	if (len > 4 && equal_nocase(s, 4, "any "))
		s += 4, len -= 4;
	else if (len > 2 && equal_nocase(s, 2, "a "))
		s += 2, len -= 2;
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w].word);
		if (len < wl || !equal_nocase(s, wl, words[w].word))
			continue;
		for (size_t x = 0; x < sizeof(suffixes) / sizeof(suffixes[0]); x++)
			if (equal_nocase(s + wl, len - wl, suffixes[x])) {
				pr.kind = words[w].kind;
				return pr;
			}
	}
	return pr;
}

/* Collects who holds a port, for request-port-taken. */
struct holders {
	unsigned count;
	size_t o;
	char text[400];
};

static void
holders_add(void *ud, const struct reg_port *p)
{
	struct holders *h = ud;

	if (h->count++ >= 4) {
		return;
	}
	if (h->o + 80 >= sizeof(h->text))
		return;
	if (p->name != NULL)
		h->o += (size_t)snprintf(h->text + h->o, sizeof(h->text) - h->o,
		    "%s\"%s\"", h->count > 1 ? ", " : "", p->name);
	else
		h->o += (size_t)snprintf(h->text + h->o, sizeof(h->text) - h->o,
		    "%s%s (no service name)", h->count > 1 ? ", " : "",
		    p->description != NULL && p->description[0] ? p->description : "Reserved");
	if (p->port != p->port_last)
		h->o += (size_t)snprintf(h->text + h->o, sizeof(h->text) - h->o,
		    " (%u-%u)", p->port, p->port_last);
}

static void
check_port_taken(struct rq *rq, const struct port_req *pr, unsigned long line,
    const char *ports)
{
	for (unsigned tp = TP_TCP; tp <= TP_DCCP; tp <<= 1) {
		struct holders h = { 0, 0, "" };
		int exp = 0;

		if (!(rq->transports & tp))
			continue;
		for (unsigned long p = pr->lo; p <= pr->hi; p++) {
			registry_port_lookup(rq->ctx->reg, (unsigned)p, tp, holders_add, &h);
			exp |= p == 1021 || p == 1022;
		}
		if (h.count == 0)
			continue;
		if (h.count > 4)
			snprintf(h.text + h.o, sizeof(h.text) - h.o, " and %u more",
			    h.count - 4);
		rq_report(rq, CHECK_REQUEST_PORT_TAKEN, line, "port %s/%s is already "
		    "taken: %s%s; ask for a free port, or for \"user\" "
		    "and let IANA choose (RFC 6335 section 8.1.1)", ports,
		    transport_name(tp), h.text, exp ? "; 1021 and 1022 are the "
		    "experimental ports of exp1 and exp2, never assigned to a service "
		    "(RFC 6335 section 6.1)" : "");
	}
}

/*
 * What the Reference must say (RFC 6335 section 8.1.1): whether the
 * protocol uses broadcast, multicast or anycast, and why a port outside the
 * Dynamic range (and for a System port, outside the User range too) is
 * needed.  The words are looked for in Reference, Description and
 * Assignment Notes, where applicants put them.
 */
static int
request_mentions(const struct rq *rq, const char *w)
{
	static const enum field_id where[] = { F_REFERENCE, F_DESCRIPTION, F_NOTES };

	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (mentions(rq->f[where[i]].val, rq->f[where[i]].len, w))
			return 1;
	return 0;
}

static void
check_statements(struct rq *rq, const struct port_req *pr)
{
	unsigned long line = rq->f[F_REFERENCE].line;
	int user, system, why_dynamic, why_user;

	if (!field_given(rq, F_REFERENCE))
		return;		/* reported as missing already */
	if (!request_mentions(rq, "broadcast") && !request_mentions(rq, "multicast") &&
	    !request_mentions(rq, "anycast") && !request_mentions(rq, "unicast"))
		rq_report(rq, CHECK_REQUEST_MISSING_FIELD, line, "the Reference never "
		    "says whether the protocol uses IP broadcast, multicast or anycast "
		    "(RFC 6335 section 8.1.1)");
	system = pr->kind == PORT_SYSTEM || (pr->kind == PORT_NUMBER && pr->lo <= 1023);
	user = !system && (pr->kind == PORT_USER || pr->kind == PORT_NUMBER);
	why_dynamic = request_mentions(rq, "dynamic") || request_mentions(rq, "ephemeral");
	why_user = request_mentions(rq, "user port") || request_mentions(rq, "user-port") ||
	    request_mentions(rq, "registered port") || request_mentions(rq, "user range");
	if (user && !why_dynamic)
		rq_report(rq, CHECK_REQUEST_MISSING_FIELD, line, "the request asks for a "
		    "User port but never says why a port in the Dynamic range "
		    "(49152-65535) will not do (RFC 6335 sections 8.1.1 and 8.1.2)");
	if (system && !(why_dynamic && why_user))
		rq_report(rq, CHECK_REQUEST_MISSING_FIELD, line, "the request asks for a "
		    "System port but never says why neither a User port nor a Dynamic "
		    "port will do (RFC 6335 sections 8.1.1 and 8.1.2)");
}

static struct port_req
check_port(struct rq *rq)
{
	const struct rq_field *fl = &rq->f[F_PORT];
	struct port_req pr = port_parse(fl->val, fl->len);
	char shown[REPORT_SHOW_BUFLEN], ports[48];

	switch (pr.kind) {
	case PORT_NONE:
	case PORT_USER:
		return pr;
	case PORT_SYSTEM:
		rq_report(rq, CHECK_REQUEST_SYSTEM_PORT, fl->line, "a System port "
		    "(0-1023) is assigned only by IETF Review or IESG Approval, and the "
		    "request must say why neither a User nor a Dynamic port will do "
		    "(RFC 6335 sections 6 and 8.1.2)");
		return pr;
	case PORT_DYNAMIC:
		rq_report(rq, CHECK_REQUEST_PORT_RANGE, fl->line, "Dynamic ports "
		    "(49152-65535) are never assigned; ask for a User port or \"user\" "
		    "(RFC 6335 sections 6 and 8.1.2)");
		pr.kind = PORT_NONE;
		return pr;
	case PORT_BAD:
		rq_report(rq, CHECK_REQUEST_PORT_RANGE, fl->line, "Port Number \"%s\" "
		    "is not a port number 0-65535, a range such as 5000-5001, \"user\" "
		    "or \"system\" (RFC 6335 sections 6 and 8.1.1)",
		    report_show(fl->val, fl->len, shown, sizeof(shown)));
		pr.kind = PORT_NONE;
		return pr;
	case PORT_NUMBER:
		break;
	}
	if (pr.lo == pr.hi)
		snprintf(ports, sizeof(ports), "%lu", pr.lo);
	else
		snprintf(ports, sizeof(ports), "%lu-%lu", pr.lo, pr.hi);
	if (pr.hi > 65535) {
		rq_report(rq, CHECK_REQUEST_PORT_RANGE, fl->line, "port %s is outside "
		    "0-65535 (RFC 6335 section 6)",
		    report_show(fl->val, fl->len, shown, sizeof(shown)));
		pr.kind = PORT_NONE;
		return pr;
	}
	if (pr.hi >= 49152) {
		rq_report(rq, CHECK_REQUEST_PORT_RANGE, fl->line, "port %s lies in the "
		    "Dynamic range 49152-65535, which is never assigned; ask for a User "
		    "port (1024-49151) or \"user\" (RFC 6335 sections 6 and 8.1.2)", ports);
		pr.kind = PORT_NONE;
		return pr;
	}
	if (pr.lo <= 1023)
		rq_report(rq, CHECK_REQUEST_SYSTEM_PORT, fl->line, "port %s is a System "
		    "port (0-1023): assigned only by IETF Review or IESG Approval, and "
		    "the request must say why neither a User nor a Dynamic port will do "
		    "(RFC 6335 sections 6 and 8.1.2)", ports);
	check_port_taken(rq, &pr, fl->line, ports);
	return pr;
}

int
request_service_code_parse(const char *s, size_t len, unsigned long *code)
{
	unsigned long v = 0;
	size_t i = 0;

	*code = 0;
	while (len > 0 && is_blank((unsigned char)s[len - 1]))
		len--;
	if (len >= 3 && equal_nocase(s, 3, "sc:")) {
		/* One to four characters, padded on the right with spaces. */
		if (len == 3 || len > 7)
			return -1;
		for (i = 3; i < 7; i++) {
			unsigned char c = i < len ? (unsigned char)s[i] : ' ';
			if (i < len && (c <= 0x20 || c >= 0x7f))
				return -1;
			v = v << 8 | c;
		}
		*code = v;
		return 0;
	}
	if (len >= 3 && equal_nocase(s, 3, "sc=")) {
		i = 3;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			if (++i == len || len - i > 8)
				return -1;
			for (; i < len; i++) {
				int c = lower((unsigned char)s[i]);
				int d = c >= '0' && c <= '9' ? c - '0' :
				    c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
				if (d < 0)
					return -1;
				v = v << 4 | (unsigned long)d;
			}
			*code = v;
			return 0;
		}
	}
	if (read_number(s, len, &i, &v) != 0 || i != len || v > 4294967295UL)
		return -1;
	*code = v;
	return 0;
}

static void
check_service_code(struct rq *rq)
{
	const struct rq_field *fl = &rq->f[F_SCODE];
	char shown[REPORT_SHOW_BUFLEN];
	unsigned long sc;

	if (!field_given(rq, F_SCODE)) {
		if (rq->transports & TP_DCCP)
			rq_report(rq, CHECK_REQUEST_SERVICE_CODE, rq->f[F_TRANSPORT].line,
			    "DCCP is requested but the request has no Service Code: a "
			    "request for DCCP MUST include a DCCP service code (RFC 6335 "
			    "section 8.1.1; RFC 5595)");
		return;
	}
	if (!(rq->transports & TP_DCCP)) {
		if (field_given(rq, F_TRANSPORT))
			rq_report(rq, CHECK_REQUEST_SERVICE_CODE, fl->line, "a Service Code "
			    "is given but DCCP is not requested: only a request for DCCP "
			    "may include one (RFC 6335 section 8.1.1)");
		return;
	}
	if (request_service_code_parse(fl->val, fl->len, &sc) != 0)
		rq_report(rq, CHECK_REQUEST_SERVICE_CODE, fl->line, "Service Code \"%s\" "
		    "is not a DCCP service code: write a decimal number below 2^32, "
		    "SC=x and hexadecimal digits, or SC: and one to four characters "
		    "(RFC 4340 section 8.1.2; RFC 6335 section 8.1.1)",
		    report_show(fl->val, fl->len, shown, sizeof(shown)));
	else if (sc == 0 || sc == 4294967295UL)
		rq_report(rq, CHECK_REQUEST_SERVICE_CODE, fl->line, "service code %lu is "
		    "permanently reserved (%s) and never assigned (RFC 6335 section "
		    "8.1.1; RFC 5595)", sc, sc == 0 ? "absence of a meaningful service "
		    "code" : "invalid service code");
	else if (sc >= 1056964608UL && sc <= 1073741823UL)
		rq_report(rq, CHECK_REQUEST_SERVICE_CODE, fl->line, "service code %lu is "
		    "a Private service code (1056964608-1073741823, high-order byte 63, "
		    "'?'), which is not centrally assigned (RFC 6335 section 8.1.1; "
		    "RFC 5595)", sc);
}

/* ---- the request ------------------------------------------------------- */

int
request_check(const struct lint_ctx *ctx, const char *file, const char *text,
    size_t len, const struct sink *sink)
{
	struct finding_list *found = finding_list_create();
	struct sink collect = { finding_list_sink, found };
	struct rq rq;
	struct port_req pr;
	int ret = -1;

	memset(&rq, 0, sizeof(rq));
	if (found == NULL)
		goto out;
	rq.ctx = ctx;
	rq.file = file;
	rq.sink = &collect;
	rq_parse(&rq, text, len);
	if (rq.oom)
		goto out;
	check_required(&rq);
	check_name(&rq);
	check_transport(&rq);
	pr = check_port(&rq);
	check_service_code(&rq);
	check_statements(&rq, &pr);
	ret = 0;
out:
	/* In line order, as a compiler reports; missing fields (line 0) first. */
	if (found != NULL) {
		finding_list_sort(found);
		for (size_t i = 0; i < finding_list_count(found); i++)
			sink_emit(sink, finding_list_get(found, i));
	}
	finding_list_destroy(found);
	for (int i = 0; i < F_COUNT; i++)
		free(rq.f[i].val);
	return ret;
}

void
request_template(FILE *out)
{
	fputs("# IANA Service Name and Transport Protocol Port Number assignment request\n"
	    "# (RFC 6335 section 8.1.1).  Fill in the value after each \"Field: \";\n"
	    "# a value may go on over indented lines.  Lines starting with \"#\" are\n"
	    "# hints that srvlint and the reader ignore.  Check it with\n"
	    "# `srvlint request FILE` before sending it to IANA.\n", out);
	for (int i = 0; i < F_COUNT; i++)
		fprintf(out, "%s:\n# %s\n", field_defs[i].title, field_defs[i].hint);
}

/* ---- the edge: files --------------------------------------------------- */

/* Reads all of fp into *buf (owned by the caller); 0, or an errno value. */
static int
read_all(FILE *fp, char **buf, size_t *len)
{
	size_t cap = 0, n = 0;
	char *b = NULL;
	int err = 0;

	*buf = NULL;
	*len = 0;
	for (;;) {
		if (n == cap) {
			if (cap >= REQUEST_MAX_BYTES) {
				err = EFBIG;
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			char *nb = realloc(b, cap + 1);
			if (nb == NULL) {
				err = ENOMEM;
				goto fail;
			}
			b = nb;
		}
		size_t got = fread(b + n, 1, cap - n, fp);
		n += got;
		if (got == 0) {
			if (ferror(fp)) {
				err = errno ? errno : EIO;
				goto fail;
			}
			break;
		}
	}
	if (n > REQUEST_MAX_BYTES) {
		err = EFBIG;
		goto fail;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	return err;
}

/* Reads one request file ("-": standard input); 0, or an errno value. */
static int
read_request(const char *path, char **buf, size_t *len)
{
	FILE *fp;
	int err;

	if (strcmp(path, "-") == 0)
		return read_all(stdin, buf, len);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return errno ? errno : EIO;
	err = read_all(fp, buf, len);
	fclose(fp);
	return err;
}

int
request_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv)
{
	struct sink sink = { report_sink, r };
	unsigned long n = 0;
	int failed = 0, status;

	if (ctx->opt != NULL && ctx->opt->template_only) {
		request_template(stdout);
		return 0;
	}
	if (argc < 1) {
		report_error("request: no request file given (srvlint request FILE..., "
		    "or --template)");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		char *buf;
		size_t len;
		int err = read_request(argv[i], &buf, &len);

		if (err != 0) {
			report_error("%s: %s", argv[i], err == EFBIG ?
			    "larger than 16 MiB, not a request" : strerror(err));
			failed = 1;
			continue;
		}
		report_group_begin(r, argv[i]);
		if (request_check(ctx, argv[i], buf, len, &sink) != 0) {
			report_error("%s: out of memory", argv[i]);
			failed = 1;
		}
		report_group_end(r);
		free(buf);
		n++;
	}
	if (failed)
		report_run_failed(r);
	status = report_finish(r, n, "request");
	return failed ? 2 : status;
}
