/*
 * registry.c -- the IANA Service Name and Transport Protocol Port Number
 * Registry: lookups over the sorted tables, and loading the XML or CSV file
 * IANA publishes.  tools/gen-registry loads data/ with registry_load() and
 * dumps the result as C, so the built-in snapshot and --registry FILE go
 * through the same derivations (aliases, legacy names, reserved names,
 * TXT keys).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>

#include "registry.h"
#include "registry_impl.h"
#include "svcname.h"

/* Bounds for a loaded file: the 2026 snapshot is 3.9 MB, 14,533 records. */
#define REG_FILE_MAX	(64u << 20)	/* bytes */
#define REG_FIELD_MAX	(64u << 10)	/* bytes in one field */
#define REG_RECORDS_MAX	1000000u
#define REG_XML_DEPTH	64

/* --- arena: every string and array of a loaded registry ----------------- */

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head;
};

#define ARENA_CHUNK (256u << 10)

static void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t need = (n + 15) & ~(size_t)15;

	if (need < n)
		return NULL;
	if (c == NULL || c->cap - c->used < need) {
		size_t cap = need > ARENA_CHUNK ? need : ARENA_CHUNK;

		c = malloc(sizeof(*c) + cap);
		if (c == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		/* a big block goes behind the head so the head keeps its room */
		if (a->head != NULL && need > ARENA_CHUNK) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	c->used += need;
	return c->data + c->used - need;
}

static char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);

	if (d == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
arena_free(struct arena *a)
{
	struct chunk *c = a->head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

/* --- growable byte buffer ------------------------------------------------ */

struct buf {
	char *s;
	size_t len, cap;
};

/* Returns 0, or -1 when out of memory or past REG_FIELD_MAX. */
static int
buf_add(struct buf *b, const char *s, size_t n)
{
	if (n > REG_FIELD_MAX || b->len + n > REG_FIELD_MAX)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (p == NULL)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

/* --- small string helpers ------------------------------------------------ */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Case-insensitive search of needle (lowercase) in s; NULL if absent. */
static const char *
find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++) {
		size_t i;

		for (i = 0; i < n && s[i] != '\0' && lower((unsigned char)s[i]) == needle[i]; i++)
			;
		if (i == n)
			return s;
	}
	return NULL;
}

static int
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if (lower((unsigned char)*s) != *prefix)
			return 0;
	return 1;
}

/*
 * Copies text into the arena with every run of white space made one space
 * and none at either end: the XML wraps lines, the CSV does not.
 */
static char *
squeeze(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1), *o = d;
	size_t i;
	int space = 0;

	if (d == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i])) {
			space = o != d;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = s[i];
	}
	*o = '\0';
	return d;
}

/*
 * Compares len bytes of a with the NUL-terminated b, like strcmp (bytes
 * unsigned): byte by byte, as names differ early and a binary search makes
 * a dozen of these a look-up.
 */
static int
name_cmp(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (y == '\0' || x != y)
			return y == '\0' || x > y ? 1 : -1;
	}
	return b[alen] == '\0' ? 0 : -1;
}

/* --- transports ---------------------------------------------------------- */

static const char *const tp_names[] = { "tcp", "udp", "sctp", "dccp" };

const char *
transport_name(unsigned tp)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (tp == 1u << i)
			return tp_names[i];
	return NULL;
}

unsigned
transport_parse(const char *s, size_t len)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 4; i++) {
		size_t n = strlen(tp_names[i]);
		size_t k;

		if (len != n)
			continue;
		for (k = 0; k < n && lower((unsigned char)s[k]) == tp_names[i][k]; k++)
			;
		if (k == n)
			return 1u << i;
	}
	return 0;
}

/* --- lookups -------------------------------------------------------------- */

const char *
registry_date(const struct registry *reg)
{
	return reg != NULL && reg->date != NULL ? reg->date : "";
}

size_t
registry_service_count(const struct registry *reg)
{
	return reg != NULL ? reg->nsvc : 0;
}

const struct reg_service *
registry_service_at(const struct registry *reg, size_t i)
{
	return reg != NULL && i < reg->nsvc ? &reg->svc[i] : NULL;
}

const struct reg_service *
registry_lookup(const struct registry *reg, const char *name, size_t len)
{
	char key[REG_NAME_MAX + 1];
	size_t lo = 0, hi, i;

	if (reg == NULL || name == NULL || len == 0 || len > REG_NAME_MAX)
		return NULL;
	for (i = 0; i < len; i++)
		key[i] = (char)lower((unsigned char)name[i]);
	hi = reg->nsvc;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(key, len, reg->svc[mid].name);

		if (c == 0)
			return &reg->svc[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t
registry_service_ports(const struct registry *reg,
    const struct reg_service *svc,
    void (*fn)(void *ud, const struct reg_port *p), void *ud)
{
	size_t i, k;

	if (reg == NULL || svc == NULL || svc < reg->svc || svc >= reg->svc + reg->nsvc)
		return 0;
	i = (size_t)(svc - reg->svc);
	for (k = reg->svc_port_off[i]; k < reg->svc_port_off[i + 1]; k++)
		if (fn != NULL)
			fn(ud, &reg->port[reg->svc_port_idx[k]]);
	return reg->svc_port_off[i + 1] - reg->svc_port_off[i];
}

/* A port without a transport in the registry matches every mask. */
static int
tp_match(const struct reg_port *p, unsigned tp_mask)
{
	return p->transport == 0 || (p->transport & tp_mask) != 0;
}

size_t
registry_port_lookup(const struct registry *reg, unsigned port,
    unsigned tp_mask, void (*fn)(void *ud, const struct reg_port *p), void *ud)
{
	size_t n = 0, lo = 0, hi, i;

	if (reg == NULL || port > 65535)
		return 0;
	/* ranges that begin below port and reach it */
	for (i = 0; i < reg->nrange; i++) {
		const struct reg_port *p = &reg->port[reg->range_idx[i]];

		if (p->port >= port)
			break;
		if (p->port_last >= port && tp_match(p, tp_mask)) {
			if (fn != NULL)
				fn(ud, p);
			n++;
		}
	}
	/* every assignment that begins at port */
	hi = reg->nport;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (reg->port[mid].port < port)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < reg->nport && reg->port[i].port == port; i++) {
		if (!tp_match(&reg->port[i], tp_mask))
			continue;
		if (fn != NULL)
			fn(ud, &reg->port[i]);
		n++;
	}
	return n;
}

void
registry_destroy(struct registry *reg)
{
	struct arena a;

	if (reg == NULL || reg->heap == NULL)
		return;	/* the built-in snapshot */
	a.head = reg->heap;
	arena_free(&a);
	free(reg);
}

/* --- loading: raw records from XML or CSV -------------------------------- */

/* One <record> or CSV row as read; strings live in the loader's arena. */
struct raw {
	const char *name, *protocol, *number, *description, *note;
	unsigned long line;
};

struct loader {
	const char *path;
	char *err;
	size_t errlen;
	int failed;
	struct arena arena;
	struct raw *raw;
	size_t nraw, capraw;
	const char *date;
};

static void ld_error(struct loader *ld, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Keeps the first error only: "FILE:LINE: reason". */
static void
ld_error(struct loader *ld, unsigned long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (ld->failed)
		return;
	ld->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ld->err == NULL || ld->errlen == 0)
		return;
	if (line > 0)
		snprintf(ld->err, ld->errlen, "%s:%lu: %s", ld->path, line, msg);
	else
		snprintf(ld->err, ld->errlen, "%s: %s", ld->path, msg);
}

static int
ld_push(struct loader *ld, const struct raw *r)
{
	if (ld->nraw >= REG_RECORDS_MAX) {
		ld_error(ld, r->line, "more than %u records", REG_RECORDS_MAX);
		return -1;
	}
	if (ld->nraw == ld->capraw) {
		size_t cap = ld->capraw ? ld->capraw * 2 : 1024;
		struct raw *p;

		p = realloc(ld->raw, cap * sizeof(*p));
		if (p == NULL) {
			ld_error(ld, r->line, "out of memory");
			return -1;
		}
		ld->raw = p;
		ld->capraw = cap;
	}
	ld->raw[ld->nraw++] = *r;
	return 0;
}

/* --- XML (expat) ---------------------------------------------------------- */

enum field { F_NONE, F_NAME, F_PROTOCOL, F_NUMBER, F_DESCRIPTION, F_NOTE, F_DATE };

struct xml {
	struct loader *ld;
	XML_Parser p;
	int depth;
	int rec_depth;		/* depth of the open <record>, or 0 */
	enum field field;	/* the field being read, or F_NONE */
	int field_depth;
	struct buf text;
	struct raw cur;
};

static const char *
local_name(const char *name)
{
	const char *s = strrchr(name, '|');

	return s != NULL ? s + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(local_name(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

static void xml_fail(struct xml *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records the error at the parser's line and stops the parser. */
static void
xml_fail(struct xml *x, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ld_error(x->ld, (unsigned long)XML_GetCurrentLineNumber(x->p), "%s", msg);
	XML_StopParser(x->p, XML_FALSE);
}

static void
xml_add(struct xml *x, const char *s, size_t n)
{
	if (buf_add(&x->text, s, n) < 0)
		xml_fail(x, "field longer than 64 KiB");
}

static enum field
field_of(const char *local)
{
	static const struct { const char *tag; enum field f; } map[] = {
		{ "name", F_NAME }, { "protocol", F_PROTOCOL }, { "number", F_NUMBER },
		{ "description", F_DESCRIPTION }, { "note", F_NOTE },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(local, map[i].tag) == 0)
			return map[i].f;
	return F_NONE;
}

static void XMLCALL
xml_start(void *ud, const char *name, const char **atts)
{
	struct xml *x = ud;
	const char *local = local_name(name);

	if (++x->depth > REG_XML_DEPTH) {
		xml_fail(x, "elements nested too deep");
		return;
	}
	if (x->depth == 1) {
		const char *id = attr(atts, "id");

		/* protocol-numbers.xml and the like are <registry> too */
		if (strcmp(local, "registry") != 0)
			xml_fail(x, "not an IANA registry: root element <%.40s>", local);
		else if (id != NULL && strcmp(id, "service-names-port-numbers") != 0)
			xml_fail(x, "not the service name and port number registry: id \"%.40s\"", id);
		return;
	}
	if (x->field != F_NONE) {
		/* markup inside a field: keep what a reader of the text sees */
		if (strcmp(local, "br") == 0 || strcmp(local, "paragraph") == 0) {
			xml_add(x, "\n", 1);
		} else if (strcmp(local, "xref") == 0 && attr(atts, "data") != NULL) {
			const char *data = attr(atts, "data");
			const char *type = attr(atts, "type");
			size_t i, n = strlen(data);

			xml_add(x, " [", 2);
			for (i = 0; i < n; i++) {
				char c = data[i];

				if (type != NULL && strcmp(type, "rfc") == 0 && c >= 'a' && c <= 'z')
					c = (char)(c - 'a' + 'A');
				xml_add(x, &c, 1);
			}
			xml_add(x, "] ", 2);
		}
		return;
	}
	if (x->depth == 2 && strcmp(local, "updated") == 0) {
		x->field = F_DATE;
		x->field_depth = x->depth;
		x->text.len = 0;
		return;
	}
	if (x->rec_depth == 0 && strcmp(local, "record") == 0) {
		memset(&x->cur, 0, sizeof(x->cur));
		x->cur.line = (unsigned long)XML_GetCurrentLineNumber(x->p);
		x->rec_depth = x->depth;
		return;
	}
	if (x->rec_depth != 0 && x->depth == x->rec_depth + 1) {
		x->field = field_of(local);
		x->field_depth = x->depth;
		x->text.len = 0;
	}
}

/* Stores the field just read.  IANA never repeats one; a file that does is refused. */
static void
xml_field_end(struct xml *x)
{
	static const char *const tags[] = {
		"", "name", "protocol", "number", "description", "note", "updated",
	};
	const char **slot = NULL;

	switch (x->field) {
	case F_NAME: slot = &x->cur.name; break;
	case F_PROTOCOL: slot = &x->cur.protocol; break;
	case F_NUMBER: slot = &x->cur.number; break;
	case F_DESCRIPTION: slot = &x->cur.description; break;
	case F_NOTE: slot = &x->cur.note; break;
	case F_DATE: slot = &x->ld->date; break;
	case F_NONE: return;
	}
	if (*slot != NULL) {
		xml_fail(x, "a second <%s>", tags[x->field]);
		return;
	}
	*slot = squeeze(&x->ld->arena, x->text.len ? x->text.s : "", x->text.len);
	if (*slot == NULL)
		xml_fail(x, "out of memory");
}

static void XMLCALL
xml_end(void *ud, const char *name)
{
	struct xml *x = ud;

	(void)name;
	if (x->field != F_NONE && x->depth == x->field_depth) {
		xml_field_end(x);
		x->field = F_NONE;
	} else if (x->depth == x->field_depth && x->rec_depth != 0) {
		x->field_depth = 0;	/* an element of a record we do not read */
	}
	if (x->rec_depth != 0 && x->depth == x->rec_depth) {
		x->rec_depth = 0;
		if (ld_push(x->ld, &x->cur) < 0)
			XML_StopParser(x->p, XML_FALSE);
	}
	x->depth--;
}

static void XMLCALL
xml_text(void *ud, const char *s, int len)
{
	struct xml *x = ud;

	if (x->field != F_NONE && len > 0)
		xml_add(x, s, (size_t)len);
}

/* The document stops at the end of the file: name its last line. */
static void
xml_truncated(struct xml *x, const char *data, size_t len)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i + 1 < len; i++)
		line += data[i] == '\n';
	if (x->rec_depth != 0)
		ld_error(x->ld, line, "XML: the file ends inside the <record> of line %lu (truncated?)",
		    x->cur.line);
	else
		ld_error(x->ld, line, "XML: the file ends before the document does (truncated?): %s",
		    XML_ErrorString(XML_GetErrorCode(x->p)));
}

static int
load_xml(struct loader *ld, const char *data, size_t len)
{
	struct xml x;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.ld = ld;
	x.p = XML_ParserCreateNS(NULL, '|');
	if (x.p == NULL) {
		ld_error(ld, 0, "out of memory");
		return -1;
	}
	XML_SetUserData(x.p, &x);
	XML_SetElementHandler(x.p, xml_start, xml_end);
	XML_SetCharacterDataHandler(x.p, xml_text);
	if (XML_Parse(x.p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
		/* ours when a handler stopped the parser, else expat's */
		if (XML_GetCurrentByteIndex(x.p) >= (XML_Index)len)
			xml_truncated(&x, data, len);
		else
			ld_error(ld, (unsigned long)XML_GetCurrentLineNumber(x.p), "XML: %s",
			    XML_ErrorString(XML_GetErrorCode(x.p)));
		goto out;
	}
	if (ld->failed)
		goto out;
	rc = 0;
out:
	free(x.text.s);
	XML_ParserFree(x.p);
	return rc;
}

/* --- CSV (RFC 4180, as IANA writes it) ------------------------------------ */

#define CSV_COLUMNS 12

static const char *const csv_header[CSV_COLUMNS] = {
	"service name", "port number", "transport protocol", "description",
	"assignee", "contact", "registration date", "modification date",
	"reference", "service code", "unauthorized use reported",
	"assignment notes",
};

enum { CSV_NAME = 0, CSV_PORT = 1, CSV_PROTO = 2, CSV_DESC = 3, CSV_NOTES = 11 };

struct csv_row {
	struct buf f[CSV_COLUMNS];
	size_t n;		/* fields seen so far */
	unsigned long line;	/* the row's first line */
};

static int
csv_header_ok(const struct csv_row *row)
{
	size_t i;

	if (row->n != CSV_COLUMNS)
		return 0;
	for (i = 0; i < CSV_COLUMNS; i++) {
		const char *s = row->f[i].len ? row->f[i].s : "";
		size_t k, n = strlen(csv_header[i]);

		while (is_space((unsigned char)*s))
			s++;
		for (k = 0; k < n && lower((unsigned char)s[k]) == csv_header[i][k]; k++)
			;
		if (k != n)
			return 0;
		for (s += n; is_space((unsigned char)*s); s++)
			;
		if (*s != '\0')
			return 0;
	}
	return 1;
}

static int
csv_row_end(struct loader *ld, struct csv_row *row, int header)
{
	struct raw r;
	const size_t cols[] = { CSV_NAME, CSV_PORT, CSV_PROTO, CSV_DESC, CSV_NOTES };
	const char **slots[5];
	size_t i;

	if (row->n == 1 && row->f[0].len == 0)
		return 0;	/* a blank line */
	if (header) {
		if (!csv_header_ok(row)) {
			ld_error(ld, row->line, "not an IANA registry file: expected the XML, "
			    "or the CSV header \"Service Name,Port Number,Transport Protocol,...\"");
			return -1;
		}
		return 0;
	}
	if (row->n != CSV_COLUMNS) {
		ld_error(ld, row->line, "%zu fields, expected %d", row->n, CSV_COLUMNS);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.line = row->line;
	slots[0] = &r.name;
	slots[1] = &r.number;
	slots[2] = &r.protocol;
	slots[3] = &r.description;
	slots[4] = &r.note;
	for (i = 0; i < 5; i++) {
		const struct buf *b = &row->f[cols[i]];

		*slots[i] = squeeze(&ld->arena, b->len ? b->s : "", b->len);
		if (*slots[i] == NULL) {
			ld_error(ld, row->line, "out of memory");
			return -1;
		}
	}
	return ld_push(ld, &r);
}

static int
load_csv(struct loader *ld, const char *data, size_t len)
{
	struct csv_row row;
	unsigned long line = 1;
	size_t i = 0, k;
	int rows = 0, rc = -1;

	memset(&row, 0, sizeof(row));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		/* one row */
		for (k = 0; k < CSV_COLUMNS; k++)
			row.f[k].len = 0;
		row.n = 0;
		row.line = line;
		for (;;) {
			/* one field */
			struct buf *b = row.n < CSV_COLUMNS ? &row.f[row.n] : NULL;
			int quoted = i < len && data[i] == '"';

			row.n++;
			if (b == NULL) {
				ld_error(ld, row.line, "more than %d fields", CSV_COLUMNS);
				goto out;
			}
			if (quoted) {
				i++;
				for (;;) {
					if (i >= len) {
						ld_error(ld, row.line, "quoted field not closed at end of file");
						goto out;
					}
					if (data[i] == '"' && i + 1 < len && data[i + 1] == '"') {
						i++;
					} else if (data[i] == '"') {
						i++;
						break;
					}
					if (data[i] == '\0') {
						ld_error(ld, line, "NUL byte");
						goto out;
					}
					if (data[i] == '\n')
						line++;
					if (buf_add(b, &data[i], 1) < 0) {
						ld_error(ld, row.line, "field longer than 64 KiB");
						goto out;
					}
					i++;
				}
				if (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r') {
					ld_error(ld, line, "text after a closing quote");
					goto out;
				}
			} else {
				while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r') {
					if (data[i] == '\0') {
						ld_error(ld, line, "NUL byte");
						goto out;
					}
					if (buf_add(b, &data[i], 1) < 0) {
						ld_error(ld, row.line, "field longer than 64 KiB");
						goto out;
					}
					i++;
				}
			}
			if (i < len && data[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		/* end of row: \n, \r\n, a lone \r, or end of file */
		if (i < len && data[i] == '\r')
			i++;
		if (i < len && data[i] == '\n')
			i++;
		line++;
		if (csv_row_end(ld, &row, rows == 0) < 0)
			goto out;
		if (!(row.n == 1 && row.f[0].len == 0))
			rows++;
	}
	if (rows == 0)
		ld_error(ld, 1, "empty file");
	else if (rows == 1)
		ld_error(ld, line > 1 ? line - 1 : 1, "no records after the CSV header");
	else
		rc = 0;
out:
	for (k = 0; k < CSV_COLUMNS; k++)
		free(row.f[k].s);
	return rc;
}

/* --- derivations ------------------------------------------------------------ */

/*
 * The checked and lowered fields of one raw record.
 */
struct rec {
	const char *name;	/* lowercase, or NULL */
	unsigned tp;
	int has_port;
	unsigned port, port_last;
	int reserved;		/* description "Reserved..." */
	size_t seq;
};

static int
parse_port(const char *s, unsigned *first, unsigned *last)
{
	unsigned long v[2] = { 0, 0 };
	int n = 0;

	for (;;) {
		size_t digits = 0;

		while (*s >= '0' && *s <= '9') {
			if (++digits > 5)
				return -1;
			v[n] = v[n] * 10 + (unsigned long)(*s++ - '0');
		}
		if (digits == 0 || v[n] > 65535)
			return -1;
		if (*s == '-' && n == 0) {
			s++;
			n = 1;
			continue;
		}
		break;
	}
	if (*s != '\0')
		return -1;
	if (n == 0)
		v[1] = v[0];
	if (v[1] < v[0])
		return -1;
	*first = (unsigned)v[0];
	*last = (unsigned)v[1];
	return 0;
}

static int
check_record(struct loader *ld, const struct raw *r, struct rec *out)
{
	memset(out, 0, sizeof(*out));
	if (r->name != NULL && r->name[0] != '\0') {
		size_t n = strlen(r->name), i;
		char *s;

		if (n > REG_NAME_MAX) {
			ld_error(ld, r->line, "service name longer than %d bytes", REG_NAME_MAX);
			return -1;
		}
		s = arena_strndup(&ld->arena, r->name, n);
		if (s == NULL) {
			ld_error(ld, r->line, "out of memory");
			return -1;
		}
		for (i = 0; i < n; i++)
			s[i] = (char)lower((unsigned char)s[i]);
		out->name = s;
	}
	if (r->protocol != NULL && r->protocol[0] != '\0') {
		out->tp = transport_parse(r->protocol, strlen(r->protocol));
		if (out->tp == 0) {
			ld_error(ld, r->line, "unknown transport protocol \"%.32s\"", r->protocol);
			return -1;
		}
	}
	if (r->number != NULL && r->number[0] != '\0') {
		if (parse_port(r->number, &out->port, &out->port_last) < 0) {
			ld_error(ld, r->line, "bad port number \"%.32s\"", r->number);
			return -1;
		}
		out->has_port = 1;
	}
	out->reserved = r->description != NULL && prefix_ci(r->description, "reserved");
	return 0;
}

/*
 * The name quoted after `lead` in s ("alias to \"X\""), lowercased, or NULL.
 */
static char *
quoted_after(struct arena *a, const char *s, const char *lead)
{
	const char *p, *q;
	char *d;
	size_t i;

	if (s == NULL || (p = find_ci(s, lead)) == NULL)
		return NULL;
	p += strlen(lead);
	q = strchr(p, '"');
	if (q == NULL || q == p || (size_t)(q - p) > REG_NAME_MAX)
		return NULL;
	d = arena_strndup(a, p, (size_t)(q - p));
	if (d != NULL)
		for (i = 0; d[i] != '\0'; i++)
			d[i] = (char)lower((unsigned char)d[i]);
	return d;
}

static char *
alias_target(struct arena *a, const struct raw *r)
{
	static const char *const leads[] = { "alias to \"", "duplicate of the \"" };
	size_t i;
	char *t;

	for (i = 0; i < 2; i++) {
		if ((t = quoted_after(a, r->note, leads[i])) != NULL)
			return t;
		if ((t = quoted_after(a, r->description, leads[i])) != NULL)
			return t;
	}
	return NULL;
}

static int
no_service_note(const char *note)
{
	return note != NULL && (find_ci(note, "not a service type") != NULL ||
	    find_ci(note, "not a real service type") != NULL ||
	    find_ci(note, "special name reserved") != NULL);
}

/* --- TXT keys: "Defined TXT keys: ..." read conservatively ----------------- */

static int
txt_stopword(const char *k, size_t n)
{
	static const char *const words[] = {
		"none", "proprietary", "tbd", "see", "and", "or", "the", "of",
		"for", "is", "are", "not", "to", "a", "an", "in", "keys", "key",
		"defined", "any", "if", "will", "be", "with", "as", "at", "on",
		"by", "no", "there", "this", "that", "may", "eg", "e",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t m = strlen(words[i]), j;

		if (m != n)
			continue;
		for (j = 0; j < n && lower((unsigned char)k[j]) == words[i][j]; j++)
			;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Nonzero when the space-separated list holds the key (any case). */
static int
keys_has(const struct buf *keys, const char *k, size_t n)
{
	size_t i = 0;

	while (i < keys->len) {
		size_t e = i;

		while (e < keys->len && keys->s[e] != ' ')
			e++;
		if (e - i == n && strncasecmp(keys->s + i, k, n) == 0)
			return 1;
		i = e + 1;
	}
	return 0;
}

/* Appends the key, lowercased, to the space-separated list. */
static int
keys_add(struct buf *keys, const char *k, size_t n)
{
	size_t at = keys->len + (keys->len > 0);

	if ((keys->len > 0 && buf_add(keys, " ", 1) < 0) || buf_add(keys, k, n) < 0)
		return -1;
	for (; at < keys->len; at++)
		keys->s[at] = (char)lower((unsigned char)keys->s[at]);
	return 0;
}

/*
 * Parses the text after "Defined TXT keys:" as a list of keys: "a, b, c"
 * or "a=<x> b=<y>" or "a=1 b=x".  Returns the keys lowercase and
 * space-separated (appended to out, no duplicates), 0 when the text is a
 * list, -1 when it is prose, a URL, "None" or anything else.
 */
static int
txt_parse(const char *s, struct buf *out)
{
	int commas = strchr(s, ',') != NULL;
	size_t items = 0;
	int bare_upper = 0;

	while (is_space((unsigned char)*s))
		s++;
	while (*s != '\0') {
		const char *k = s, *sep;
		size_t n;
		int letter = 0, upper = 0, has_value = 0;

		if (!is_alnum((unsigned char)*s))
			return -1;
		while (is_alnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.') {
			letter |= is_alpha((unsigned char)*s);
			upper |= *s >= 'A' && *s <= 'Z';
			s++;
		}
		n = (size_t)(s - k);
		if (!letter || !is_alnum((unsigned char)k[n - 1]) || txt_stopword(k, n))
			return -1;
		if (*s == '=') {
			has_value = 1;
			s++;
			if (*s == '<') {
				const char *e = strchr(s, '>');

				if (e == NULL)
					return -1;
				s = e + 1;
			} else {
				while (*s != '\0' && !is_space((unsigned char)*s) &&
				    strchr(",<>=;()", *s) == NULL)
					s++;
			}
		}
		if (!has_value && upper)
			bare_upper = 1;
		if (!keys_has(out, k, n) && keys_add(out, k, n) < 0)
			return -1;
		items++;
		/* the separator */
		sep = s;
		while (is_space((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		if (commas) {
			if (*s != ',')
				return -1;
			s++;
			while (is_space((unsigned char)*s))
				s++;
			if (*s == '\0')
				return -1;
		} else if (s == sep) {
			return -1;
		}
	}
	/* "TEST-OK Test Controller Card": words, not keys */
	if (items == 0 || (!commas && items > 1 && bare_upper))
		return -1;
	return 0;
}

/* Adds the TXT keys a note defines to out; a note that is not a list adds none. */
static int
txt_from_note(const char *note, struct buf *out)
{
	const char *p;
	struct buf tmp;
	int rc = 0;

	if (note == NULL || (p = find_ci(note, "defined txt keys")) == NULL)
		return 0;
	p += strlen("defined txt keys");
	if (*p == ':')
		p++;
	memset(&tmp, 0, sizeof(tmp));
	if (out->len && buf_add(&tmp, out->s, out->len) < 0)
		return -1;
	if (txt_parse(p, &tmp) == 0) {
		out->len = 0;
		rc = tmp.len ? buf_add(out, tmp.s, tmp.len) : 0;
	}
	free(tmp.s);
	return rc;
}

/* --- de-assigned names in the notes of unnamed Reserved records ------------ */

struct extra {
	char *name;
	char *date;		/* "2022-01-10" or NULL */
	unsigned port, tp;
	int has_port;
};

/*
 * "Historic usage was surfpass. De-Assigned on 2022-01-10" or "De-assigned
 * on 2025-02-13, previously compressnet by ...": the name, or NULL.
 */
static char *
deassigned_name(struct arena *a, const char *note, char **date)
{
	static const char *const leads[] = { "historic usage was ", "previously " };
	const char *p = NULL, *e, *d;
	char *name;
	size_t i, n;
	int letter = 0;

	*date = NULL;
	if (note == NULL || (d = find_ci(note, "de-assigned")) == NULL)
		return NULL;
	for (i = 0; i < 2 && p == NULL; i++)
		if ((p = find_ci(note, leads[i])) != NULL)
			p += strlen(leads[i]);
	if (p == NULL)
		return NULL;
	/* strchr finds the terminating NUL too: a name at the note's end stops there. */
	for (e = p; is_alnum((unsigned char)*e) ||
	    (*e != '\0' && strchr("_-.+*/", *e) != NULL); e++)
		letter |= is_alpha((unsigned char)*e);
	while (e > p && (e[-1] == '.' || e[-1] == '-'))
		e--;
	n = (size_t)(e - p);
	if (n == 0 || n > REG_NAME_MAX || !letter)
		return NULL;
	name = arena_strndup(a, p, n);
	if (name == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		name[i] = (char)lower((unsigned char)name[i]);
	d += strlen("de-assigned");
	if (prefix_ci(d, " on "))
		d += 4;
	for (i = 0; i < 10 && (d[i] == '-' || (d[i] >= '0' && d[i] <= '9')); i++)
		;
	if (i == 10)
		*date = arena_strndup(a, d, 10);
	return name;
}

/* --- building the registry ------------------------------------------------- */

struct build {
	struct loader *ld;
	struct rec *rec;	/* parallel to ld->raw */
	size_t *order;		/* the named records, by name, then file order */
	size_t norder;
	size_t *first;		/* first[k]: where name k begins in order; [ndistinct] = norder */
	size_t ndistinct;
	struct extra *extra;
	size_t nextra;
};

static const struct rec *sort_rec;

static int
cmp_named(const void *a, const void *b)
{
	const struct rec *x = &sort_rec[*(const size_t *)a];
	const struct rec *y = &sort_rec[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_svc(const void *a, const void *b)
{
	return strcmp(((const struct reg_service *)a)->name,
	    ((const struct reg_service *)b)->name);
}

struct port_sort {
	struct reg_port p;
	size_t seq;
};

static int
cmp_port(const void *a, const void *b)
{
	const struct port_sort *x = a, *y = b;
	int c;

	if (x->p.port != y->p.port)
		return x->p.port < y->p.port ? -1 : 1;
	if (x->p.port_last != y->p.port_last)
		return x->p.port_last < y->p.port_last ? -1 : 1;
	if (x->p.transport != y->p.transport)
		return x->p.transport < y->p.transport ? -1 : 1;
	if ((x->p.name == NULL) != (y->p.name == NULL))
		return x->p.name == NULL ? -1 : 1;
	if (x->p.name != NULL && (c = strcmp(x->p.name, y->p.name)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *
distinct_name(const struct build *b, size_t k)
{
	return b->rec[b->order[b->first[k]]].name;
}

/* Nonzero when some record carries the name. */
static int
named(const struct build *b, const char *name)
{
	size_t lo = 0, hi = b->ndistinct;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, distinct_name(b, mid));

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Collects the names only de-assignment notes mention. */
static int
collect_extras(struct build *b)
{
	struct loader *ld = b->ld;
	size_t i, k;

	for (i = 0; i < ld->nraw; i++) {
		char *date, *name;

		if (b->rec[i].name != NULL)
			continue;
		name = deassigned_name(&ld->arena, ld->raw[i].note, &date);
		if (name == NULL || named(b, name))
			continue;
		for (k = 0; k < b->nextra && strcmp(b->extra[k].name, name) != 0; k++)
			;
		if (k < b->nextra) {
			b->extra[k].tp |= b->rec[i].tp;	/* its other transport */
			continue;
		}
		if (b->nextra % 16 == 0) {
			struct extra *p = realloc(b->extra, (b->nextra + 16) * sizeof(*p));

			if (p == NULL) {
				ld_error(ld, 0, "out of memory");
				return -1;
			}
			b->extra = p;
		}
		b->extra[b->nextra].name = name;
		b->extra[b->nextra].date = date;
		b->extra[b->nextra].has_port = b->rec[i].has_port;
		b->extra[b->nextra].port = b->rec[i].port;
		b->extra[b->nextra].tp = b->rec[i].tp;
		b->nextra++;
	}
	return 0;
}

/* Merges the records of distinct name k into svc. */
static int
merge_service(struct build *b, size_t k, struct reg_service *svc)
{
	struct loader *ld = b->ld;
	struct buf keys;
	unsigned tp = 0, tp_reserved = 0;
	int no_tp = 0, all_reserved = 1, rc = -1;
	const char *reserved_desc = NULL;
	size_t i;

	memset(&keys, 0, sizeof(keys));
	memset(svc, 0, sizeof(*svc));
	svc->name = distinct_name(b, k);
	svc->description = ld->raw[b->order[b->first[k]]].description;
	if (svc->description == NULL)
		svc->description = "";
	for (i = b->first[k]; i < b->first[k + 1]; i++) {
		const struct raw *r = &ld->raw[b->order[i]];
		const struct rec *c = &b->rec[b->order[i]];
		char *target;

		if (c->reserved) {
			tp_reserved |= c->tp;
			if (reserved_desc == NULL)
				reserved_desc = r->description;
		} else {
			all_reserved = 0;
			tp |= c->tp;
			no_tp |= c->tp == 0;
		}
		if (svc->primary == NULL && (target = alias_target(&ld->arena, r)) != NULL &&
		    strcmp(target, svc->name) != 0 && named(b, target))
			svc->primary = target;
		if (no_service_note(r->note))
			svc->flags |= REG_NO_SERVICE;
		if (txt_from_note(r->note, &keys) < 0) {
			ld_error(ld, r->line, "out of memory");
			goto out;
		}
	}
	/* a Reserved record does not register its transport: stun-behaviors/udp */
	if (all_reserved) {
		svc->flags |= REG_RESERVED;
		svc->note = reserved_desc;
		tp = tp_reserved;
	}
	svc->transports = no_tp ? 0 : tp;
	if (svc->primary != NULL)
		svc->flags |= svcname_syntax(svc->name, strlen(svc->name)) ? REG_LEGACY : REG_ALIAS;
	if (keys.len > 0 && (svc->txt_keys = arena_strndup(&ld->arena, keys.s, keys.len)) == NULL) {
		ld_error(ld, 0, "out of memory");
		goto out;
	}
	rc = 0;
out:
	free(keys.s);
	return rc;
}

static int
extra_service(struct loader *ld, const struct extra *e, struct reg_service *svc)
{
	char note[96];
	int n;

	memset(svc, 0, sizeof(*svc));
	svc->name = e->name;
	svc->description = "Reserved";
	svc->flags = REG_RESERVED;
	svc->transports = e->tp;
	n = snprintf(note, sizeof(note), "de-assigned%s%s", e->date ? " " : "",
	    e->date ? e->date : "");
	if (e->has_port)
		snprintf(note + n, sizeof(note) - (size_t)n, ", was port %u", e->port);
	svc->note = arena_strndup(&ld->arena, note, strlen(note));
	if (svc->note == NULL) {
		ld_error(ld, 0, "out of memory");
		return -1;
	}
	return 0;
}

static int
build_ports(struct build *b, struct registry *reg)
{
	struct loader *ld = b->ld;
	struct port_sort *ps = NULL;
	struct reg_port *port;
	unsigned *off, *idx, *range, *fill = NULL;
	size_t i, n = 0, nnamed = 0, nrange = 0, nsvc = reg->nsvc;
	int rc = -1;

	for (i = 0; i < ld->nraw; i++)
		n += b->rec[i].has_port;
	ps = malloc((n ? n : 1) * sizeof(*ps));
	if (ps == NULL)
		goto oom;
	n = 0;
	for (i = 0; i < ld->nraw; i++) {
		const struct rec *c = &b->rec[i];
		const char *d = ld->raw[i].description;

		/* "Unassigned" ranges are gaps, not assignments */
		if (!c->has_port || (c->name == NULL && d != NULL && strcasecmp(d, "unassigned") == 0))
			continue;
		ps[n].p.port = c->port;
		ps[n].p.port_last = c->port_last;
		ps[n].p.transport = c->tp;
		ps[n].p.name = c->name;
		ps[n].p.description = d != NULL ? d : "";
		ps[n].seq = i;
		nnamed += c->name != NULL;
		nrange += c->port_last > c->port;
		n++;
	}
	qsort(ps, n, sizeof(*ps), cmp_port);
	port = arena_alloc(&ld->arena, (n ? n : 1) * sizeof(*port));
	off = arena_alloc(&ld->arena, (nsvc + 1) * sizeof(*off));
	idx = arena_alloc(&ld->arena, (nnamed ? nnamed : 1) * sizeof(*idx));
	range = arena_alloc(&ld->arena, (nrange ? nrange : 1) * sizeof(*range));
	fill = calloc(nsvc + 1, sizeof(*fill));
	if (port == NULL || off == NULL || idx == NULL || range == NULL || fill == NULL)
		goto oom;
	nrange = 0;
	for (i = 0; i < n; i++) {
		port[i] = ps[i].p;
		if (port[i].port_last > port[i].port)
			range[nrange++] = (unsigned)i;
	}
	/* counting sort of the named ports by service, keeping port order */
	for (i = 0; i < n; i++)
		if (port[i].name != NULL)
			fill[registry_lookup(reg, port[i].name, strlen(port[i].name)) - reg->svc + 1]++;
	for (i = 0; i < nsvc; i++)
		fill[i + 1] += fill[i];
	memcpy(off, fill, (nsvc + 1) * sizeof(*off));
	for (i = 0; i < n; i++)
		if (port[i].name != NULL)
			idx[fill[registry_lookup(reg, port[i].name, strlen(port[i].name)) - reg->svc]++] =
			    (unsigned)i;
	reg->port = port;
	reg->nport = n;
	reg->svc_port_off = off;
	reg->svc_port_idx = idx;
	reg->range_idx = range;
	reg->nrange = nrange;
	rc = 0;
	goto out;
oom:
	ld_error(ld, 0, "out of memory");
out:
	free(ps);
	free(fill);
	return rc;
}

/* Derives the registry from ld's raw records; NULL (and ld's error) on failure. */
static struct registry *
build(struct loader *ld)
{
	struct build b;
	struct registry *reg = NULL;
	struct reg_service *svc;
	size_t i, nsvc;

	memset(&b, 0, sizeof(b));
	b.ld = ld;
	b.rec = calloc(ld->nraw + 1, sizeof(*b.rec));
	b.order = calloc(ld->nraw + 1, sizeof(*b.order));
	b.first = calloc(ld->nraw + 1, sizeof(*b.first));
	if (b.rec == NULL || b.order == NULL || b.first == NULL) {
		ld_error(ld, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < ld->nraw; i++) {
		if (check_record(ld, &ld->raw[i], &b.rec[i]) < 0)
			goto fail;
		b.rec[i].seq = i;
		if (b.rec[i].name != NULL)
			b.order[b.norder++] = i;
	}
	sort_rec = b.rec;
	qsort(b.order, b.norder, sizeof(*b.order), cmp_named);
	sort_rec = NULL;
	for (i = 0; i < b.norder; i++)
		if (i == 0 || strcmp(b.rec[b.order[i]].name, b.rec[b.order[i - 1]].name) != 0)
			b.first[b.ndistinct++] = i;
	b.first[b.ndistinct] = b.norder;
	if (collect_extras(&b) < 0)
		goto fail;
	nsvc = b.ndistinct + b.nextra;
	svc = arena_alloc(&ld->arena, (nsvc + 1) * sizeof(*svc));
	if (svc == NULL) {
		ld_error(ld, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < b.ndistinct; i++)
		if (merge_service(&b, i, &svc[i]) < 0)
			goto fail;
	for (i = 0; i < b.nextra; i++)
		if (extra_service(ld, &b.extra[i], &svc[b.ndistinct + i]) < 0)
			goto fail;
	qsort(svc, nsvc, sizeof(*svc), cmp_svc);
	reg = calloc(1, sizeof(*reg));
	if (reg == NULL) {
		ld_error(ld, 0, "out of memory");
		goto fail;
	}
	reg->svc = svc;
	reg->nsvc = nsvc;
	reg->date = ld->date != NULL ? ld->date : "";
	if (build_ports(&b, reg) < 0)
		goto fail;
	goto out;
fail:
	free(reg);
	reg = NULL;
out:
	free(b.rec);
	free(b.order);
	free(b.first);
	free(b.extra);
	return reg;
}

/* --- registry_load ----------------------------------------------------------- */

/* Reads the whole file (at most REG_FILE_MAX bytes) into *data. */
static int
read_file(struct loader *ld, char **data, size_t *len)
{
	FILE *f = fopen(ld->path, "rb");
	char *d = NULL;
	size_t n = 0, cap = 0;

	*data = NULL;
	*len = 0;
	if (f == NULL) {
		ld_error(ld, 0, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			char *p;

			if (cap >= REG_FILE_MAX) {
				ld_error(ld, 0, "larger than %u MiB", REG_FILE_MAX >> 20);
				goto fail;
			}
			cap = cap ? cap * 2 : (1u << 20);
			p = realloc(d, cap + 1);
			if (p == NULL) {
				ld_error(ld, 0, "out of memory");
				goto fail;
			}
			d = p;
		}
		got = fread(d + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				ld_error(ld, 0, "%s", strerror(errno));
				goto fail;
			}
			break;
		}
	}
	fclose(f);
	d[n] = '\0';
	*data = d;
	*len = n;
	return 0;
fail:
	fclose(f);
	free(d);
	return -1;
}

struct registry *
registry_load(const char *path, char *err, size_t errlen)
{
	struct loader ld;
	struct registry *reg = NULL;
	char *data = NULL;
	size_t len, i;
	int rc;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	memset(&ld, 0, sizeof(ld));
	ld.path = path != NULL ? path : "(null)";
	ld.err = err;
	ld.errlen = errlen;
	if (path == NULL) {
		ld_error(&ld, 0, "no file");
		return NULL;
	}
	if (read_file(&ld, &data, &len) < 0)
		return NULL;
	/* XML begins with '<' (after a byte order mark and white space) */
	i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && is_space((unsigned char)data[i]))
		i++;
	if (i == len)
		ld_error(&ld, 1, "empty file");
	else if (len > INT32_MAX)
		ld_error(&ld, 0, "too large");
	if (ld.failed)
		goto out;
	rc = data[i] == '<' ? load_xml(&ld, data, len) : load_csv(&ld, data, len);
	if (rc < 0)
		goto out;
	if (ld.nraw == 0) {
		ld_error(&ld, 0, "no <record> in the file");
		goto out;
	}
	reg = build(&ld);
	if (reg != NULL) {
		reg->heap = ld.arena.head;
		ld.arena.head = NULL;
	}
out:
	free(data);
	free(ld.raw);
	arena_free(&ld.arena);
	return reg;
}
