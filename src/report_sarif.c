/*
 * report_sarif.c -- the SARIF 2.1.0 emitter, shaped for GitHub code
 * scanning: rules from the check table with help text and markdown,
 * partialFingerprints on every result, artifact URIs relative to
 * %SRCROOT% (the current directory), and one invocation saying whether the
 * run could be done, with the run's error messages.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "report_impl.h"

/* The partialFingerprints key: versioned, so a new scheme never matches an old one. */
#define FINGERPRINT_KEY "srvlint/v1"

struct sarif {
	char *cwd;		/* lexically clean, without a trailing '/'; NULL: unknown */
	int srcroot_used;	/* a result named %SRCROOT% */
};

/* Writes s (NUL-terminated) as the body of a JSON string. */
static void
put_json(FILE *o, const char *s)
{
	report_write_escaped(o, s, strlen(s), 1);
}

/* Writes s with the bytes that mean something to markdown escaped. */
static void
put_markdown(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_{}[]<>()#+!|~", *s))
			fputs("\\\\", o);	/* one backslash, JSON-escaped */
		report_write_escaped(o, s, 1, 1);
	}
}

/*
 * Writes ref ("RFC 6335 section 5.1; RFC 2782") in markdown with every
 * "RFC N" linked to the RFC Editor, and "RFC N section X" to that section.
 */
static void
put_markdown_ref(FILE *o, const char *ref)
{
	const char *p = ref;

	while (*p) {
		size_t digits, sec = 0;
		const char *q;

		if (strncmp(p, "RFC ", 4) != 0 || (digits = strspn(p + 4, "0123456789")) == 0) {
			char one[2] = { *p++, '\0' };
			put_markdown(o, one);
			continue;
		}
		q = p + 4 + digits;
		if (strncmp(q, " section ", 9) == 0)
			sec = strspn(q + 9, "0123456789.");
		while (sec > 0 && q[9 + sec - 1] == '.')
			sec--;
		fputc('[', o);
		fwrite(p, 1, sec ? (size_t)(q + 9 + sec - p) : (size_t)(q - p), o);
		fprintf(o, "](https://www.rfc-editor.org/rfc/rfc%.*s", (int)digits, p + 4);
		if (sec)
			fprintf(o, "#section-%.*s", (int)sec, q + 9);
		fputc(')', o);
		p = sec ? q + 9 + sec : q;
	}
}

static void
put_rule(FILE *o, int i)
{
	const struct check_info *c = check_info((enum check_id)i);

	fputs(i ? ", {" : "{", o);
	report_put_json_field(o, "id", c->name, 1);
	fputs(", \"shortDescription\": {", o);
	report_put_json_field(o, "text", c->title, 1);
	fputs("}, \"fullDescription\": {", o);
	report_put_json_field(o, "text", c->summary, 1);
	fputs("}, \"help\": {\"text\": \"", o);
	put_json(o, c->summary);
	fputs("\\n\\nReference: ", o);
	put_json(o, c->ref);
	fputs("\\n\\nHow to fix: ", o);
	put_json(o, c->fix);
	fputs("\", \"markdown\": \"", o);
	put_markdown(o, c->summary);
	fputs("\\n\\n**Reference:** ", o);
	put_markdown_ref(o, c->ref);
	fputs("\\n\\n**How to fix:** ", o);
	put_markdown(o, c->fix);
	fputs("\"}, \"defaultConfiguration\": {", o);
	report_put_json_field(o, "level", severity_name(c->severity), 1);
	fputs("}, \"properties\": {", o);
	report_put_json_field(o, "reference", c->ref, 1);
	fputs(", \"tags\": [\"dns\"]}}", o);
}

/*
 * Cleans path in place: no ".", no empty segments, ".." taking the segment
 * before it.  Returns -1 when ".." would climb above the start of a
 * relative path, else 0.
 */
static int
clean_path(char *path)
{
	int abs = path[0] == '/';
	char *out = path + abs, *in = path + abs;

	while (*in) {
		size_t n = strcspn(in, "/");
		if ((n == 1 && in[0] == '.') || n == 0) {
			/* skip */
		} else if (n == 2 && in[0] == '.' && in[1] == '.') {
			if (out == path + abs) {
				if (!abs)
					return -1;
			} else {
				while (out > path + abs && out[-1] != '/')
					out--;
				if (out > path + abs)
					out--;
			}
		} else {
			if (out > path + abs)
				*out++ = '/';
			memmove(out, in, n);
			out += n;
		}
		in += n;
		if (*in == '/')
			in++;
	}
	*out = '\0';
	return 0;
}

/*
 * The rules array depends on the check table alone: written once into
 * memory, the first time a SARIF report is begun, and copied from there
 * after (a run writes one report; the fuzz harnesses render one per input,
 * where its 46 KB were most of an execution).  Reports are begun on the
 * main thread only.  Without memory for the copy, written directly.
 */
static void
put_rules(FILE *o)
{
	static char *rules;
	static size_t len;

	if (rules == NULL) {
		FILE *m = open_memstream(&rules, &len);

		if (m != NULL) {
			int bad;

			for (int i = 0; i < CHECK_COUNT; i++)
				put_rule(m, i);
			bad = ferror(m);
			if (fclose(m) != 0 || bad) {
				free(rules);
				rules = NULL;
			}
		}
	}
	if (rules != NULL) {
		fwrite(rules, 1, len, o);
		return;
	}
	for (int i = 0; i < CHECK_COUNT; i++)
		put_rule(o, i);
}

static void
sarif_begin(struct report *r)
{
	FILE *o = r->out;
	struct sarif *s = calloc(1, sizeof(*s));
	char buf[PATH_MAX];

	r->state = s;
	if (s != NULL && getcwd(buf, sizeof(buf)) != NULL && buf[0] == '/' &&
	    (s->cwd = strdup(buf)) != NULL)
		clean_path(s->cwd);
	fputs("{\"version\": \"2.1.0\", \"$schema\": "
	    "\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json\", "
	    "\"runs\": [{\"tool\": {\"driver\": {\"name\": \"srvlint\", ", o);
	report_put_json_field(o, "version", PACKAGE_VERSION, 1);
	report_put_json_field(o, "semanticVersion", PACKAGE_VERSION, 0);
	fputs(", \"rules\": [", o);
	put_rules(o);
	fputs("]}}, \"results\": [", o);
}

/* RFC 3986: unreserved and "/" stay; every other byte is %XX. */
static void
put_uri(FILE *o, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			putc(*p, o);
		else
			fprintf(o, "%%%02X", *p);
	}
}

/*
 * The artifactLocation of file: relative to %SRCROOT% when it lies below
 * the current directory, else an absolute file: URI (or, when the
 * directory is unknown, the path as given).
 */
static void
put_artifact(struct report *r, const char *file)
{
	struct sarif *s = r->state;
	FILE *o = r->out;
	char *p = NULL;
	size_t clen;

	if (s != NULL && s->cwd != NULL && strcmp(file, "<stdin>") != 0 &&
	    (p = malloc(strlen(s->cwd) + strlen(file) + 2)) != NULL) {
		if (file[0] == '/')
			strcpy(p, file);
		else
			sprintf(p, "%s/%s", s->cwd, file);
		clean_path(p);
		clen = strlen(s->cwd);
		if (strncmp(p, s->cwd, clen) == 0 && p[clen] == '/' && clen > 1) {
			fputs("{\"uri\": \"", o);
			put_uri(o, p + clen + 1);
			fputs("\", \"uriBaseId\": \"%SRCROOT%\"}", o);
			s->srcroot_used = 1;
		} else {
			fputs("{\"uri\": \"file://", o);
			put_uri(o, p);
			fputs("\"}", o);
		}
		free(p);
		return;
	}
	fputs("{\"uri\": \"", o);
	put_uri(o, file);
	fputs("\"}", o);
}

static void
put_properties(FILE *o, const struct finding *f)
{
	int first = 1;

	if (!f->primary && !f->domain)
		return;
	fputs(", \"properties\": {", o);
	if (f->primary) {
		report_put_json_field(o, "primary", f->primary, 1);
		first = 0;
	}
	if (f->domain)
		report_put_json_field(o, "domain", f->domain, first);
	fputs("}", o);
}

/*
 * cli.md: a finding with a file points at it (and at its line, and its
 * owner as a logical location); probe and name findings have only the
 * logical location, the owner or the label.
 */
static void
put_location(struct report *r, const struct finding *f)
{
	FILE *o = r->out;
	const char *logical = f->owner ? f->owner : f->file ? NULL : r->group_input;

	fputs(", \"locations\": [{", o);
	if (f->file) {
		fputs("\"physicalLocation\": {\"artifactLocation\": ", o);
		put_artifact(r, f->file);
		if (f->line)
			fprintf(o, ", \"region\": {\"startLine\": %lu}", f->line);
		fputs("}", o);
		if (logical)
			fputs(", ", o);
	}
	if (logical) {
		fputs("\"logicalLocations\": [{", o);
		report_put_json_field(o, "fullyQualifiedName", logical, 1);
		fputs("}]", o);
	}
	fputs("}]", o);
}

static void
sarif_finding(struct report *r, const struct finding *f)
{
	FILE *o = r->out;

	fputs(r->written ? ", {" : "{", o);
	report_put_json_field(o, "ruleId", check_info(f->check)->name, 1);
	fprintf(o, ", \"ruleIndex\": %d", (int)f->check);
	report_put_json_field(o, "level", severity_name(f->severity), 0);
	fputs(", \"message\": {", o);
	report_put_json_field(o, "text", f->message ? f->message : "", 1);
	fputs("}", o);
	put_location(r, f);
	fputs(", \"partialFingerprints\": {", o);
	report_put_json_field(o, FINGERPRINT_KEY, f->fingerprint ? f->fingerprint : "", 1);
	fputs("}", o);
	put_properties(o, f);
	fputs("}", o);
}

static void
put_invocation(struct report *r)
{
	FILE *o = r->out;

	fprintf(o, "], \"invocations\": [{\"executionSuccessful\": %s",
	    r->failed ? "false" : "true");
	if (r->nnotes > 0) {
		fputs(", \"toolExecutionNotifications\": [", o);
		for (size_t i = 0; i < r->nnotes; i++) {
			fputs(i ? ", {" : "{", o);
			report_put_json_field(o, "level", "error", 1);
			fputs(", \"message\": {", o);
			report_put_json_field(o, "text", r->notes[i], 1);
			fputs("}}", o);
		}
		fputs("]", o);
	}
	fputs("}]", o);
}

static void
sarif_end(struct report *r)
{
	struct sarif *s = r->state;
	FILE *o = r->out;

	put_invocation(r);
	if (s != NULL && s->srcroot_used) {
		fputs(", \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": \"file://", o);
		put_uri(o, s->cwd);
		fputs("/\"}}", o);
	}
	fputs("}]}\n", o);
}

static void
sarif_destroy(struct report *r)
{
	struct sarif *s = r->state;

	if (s != NULL)
		free(s->cwd);
	free(s);
	r->state = NULL;
}

const struct report_emitter report_sarif_emitter = {
	.begin = sarif_begin,
	.finding = sarif_finding,
	.end = sarif_end,
	.destroy = sarif_destroy,
	.fingerprints = 1,
};
