/*
 * name.c -- `srvlint name LABEL...`: is this an RFC 6335 service name, and
 * what does the registry say of it?  A label is judged as check judges an
 * SRV owner, in the forms users paste (nameform.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "modes.h"
#include "namecheck.h"
#include "nameform.h"
#include "ownermsg.h"
#include "registry.h"

/* "_sub._ipp._tcp": a _sub label with no subtype before it. */
static int
is_bare_sub(const struct nameform *nf)
{
	return nf->prefix != NULL && nf->prefix_len == 4 &&
	    strncasecmp(nf->prefix, "_sub", 4) == 0;
}

/*
 * Says on stderr what of the input was set aside to find the labels judged
 * (nameform.h), unless -q: "_ipp._tcp.local.: judged as _ipp._tcp; set
 * aside the domain local.".
 */
static void
say_stripped(const struct lint_ctx *ctx, const char *in, size_t len,
    const struct nameform *nf)
{
	char msg[1024];
	size_t o;

	if (ctx->opt->quiet || (nf->prefix == NULL && nf->domain == NULL &&
	    nf->subtypes == NULL))
		return;
	o = (size_t)snprintf(msg, sizeof(msg), "name: %.*s: judged as _%.*s._%.*s; set aside",
	    (int)(len > 300 ? 300 : len), in, (int)(nf->slen > 100 ? 100 : nf->slen),
	    nf->svc, (int)(nf->plen > 100 ? 100 : nf->plen), nf->proto);
	if (nf->prefix != NULL && o < sizeof(msg))
		o += (size_t)snprintf(msg + o, sizeof(msg) - o, " the %s %.*s",
		    is_bare_sub(nf) || (nf->prefix_len >= 5 &&
		    strncasecmp(nf->prefix + nf->prefix_len - 5, "._sub", 5) == 0) ?
		    "subtype" : "instance", (int)(nf->prefix_len > 200 ? 200 : nf->prefix_len), nf->prefix);
	if (nf->subtypes != NULL && o < sizeof(msg))
		o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s the subtypes %.*s",
		    nf->prefix != NULL ? "," : "", (int)(nf->subtypes_len > 200 ? 199 : nf->subtypes_len - 1),
		    nf->subtypes + 1);
	if (nf->domain != NULL && o < sizeof(msg)) {
		int dot = nf->domain_len == 1 && nf->domain[0] == '.';
		(void)snprintf(msg + o, sizeof(msg) - o, "%s the %s%.*s",
		    nf->prefix != NULL || nf->subtypes != NULL ? "," : "",
		    dot ? "trailing dot" : "domain ",
		    dot ? 0 : (int)(nf->domain_len > 200 ? 200 : nf->domain_len), nf->domain);
	}
	report_error("%s", msg);
}

/* Emits check id, its default severity, with message msg. */
static void
emit(const struct sink *sink, const struct finding *tmpl, enum check_id id,
    const char *msg)
{
	struct finding f = *tmpl;

	f.check = id;
	f.severity = check_info(id)->severity;
	f.message = msg;
	sink_emit(sink, &f);
}

/*
 * What check says of the shape of the owner before its labels are judged:
 * an empty or over-long label (ldns refuses the record: parse-error, and
 * nothing else is judged), a bare "_tcp" (proto-missing, as an SRV owner),
 * "_sub._ipp._tcp" (dnssd-subtype, then the type is judged).  Returns
 * nonzero when the labels are not to be judged.
 */
static int
judge_shape(const char *in, size_t len, const struct nameform *nf,
    const struct finding *tmpl, const struct sink *sink)
{
	char msg[512], a[REPORT_SHOW_BUFLEN], b[REPORT_SHOW_BUFLEN];

	if (nf->badlabel != NULL) {
		if (nf->badlabel_len == 0) {
			ownermsg_label_empty(msg, sizeof(msg));
		} else {
			report_show(nf->badlabel, nf->badlabel_len, a, sizeof(a));
			ownermsg_label_too_long(msg, sizeof(msg), a, nf->badlabel_len);
		}
		emit(sink, tmpl, CHECK_PARSE_ERROR, msg);
		return 1;
	}
	if (nf->proto == NULL && len > 1 && in[0] == '_' &&
	    transport_parse(in + 1, len - 1) != 0) {
		report_show(in, len, a, sizeof(a));
		ownermsg_proto_alone(msg, sizeof(msg), a);
		emit(sink, tmpl, CHECK_PROTO_MISSING, msg);
		return 1;
	}
	if (is_bare_sub(nf)) {
		/* The labels as check shows them: with their underscores. */
		report_show(nf->svc - 1, nf->slen + 1, a, sizeof(a));
		report_show(nf->proto - 1, nf->plen + 1, b, sizeof(b));
		ownermsg_sub_missing(msg, sizeof(msg), a, b);
		emit(sink, tmpl, CHECK_DNSSD_SUBTYPE, msg);
	}
	return 0;
}

/*
 * Judges one label as check judges an SRV owner: "_svc._proto" gets the
 * protocol checks, then the name checks with the protocol beside it.
 */
static void
judge_one(const struct lint_ctx *ctx, struct report *r, const char *in, size_t len)
{
	struct finding tmpl;
	struct sink sink = { report_sink, r };
	struct nameform nf;
	/* The group key is a C string: NUL bytes show as the escape \000. */
	char *shown = report_escape_dup(in, len);

	report_group_begin(r, shown ? shown : "");
	free(shown);
	nameform_parse(in, len, &nf);
	if (nf.badlabel == NULL)
		say_stripped(ctx, in, len, &nf);
	finding_init(&tmpl, CHECK_NAME_EMPTY);
	if (judge_shape(in, len, &nf, &tmpl, &sink))
		goto done;
	if (nf.proto != NULL)
		(void)namecheck_protocol(ctx, nf.svc, nf.slen, nf.proto, nf.plen, &tmpl, &sink);
	namecheck_service(ctx, nf.svc, nf.slen, nf.proto, nf.plen, &tmpl, &sink);
done:
	report_group_end(r);
}

/* Labels longer than this are refused unread: stdin must not exhaust memory. */
#define NAME_LINE_MAX (4u << 20)

/*
 * Reads one line of at most max bytes (NULs included) into *buf, without
 * its newline.  Returns its length, or -1 at the end of the input.  A longer
 * line is skipped to its end and *toolong set.
 */
static ssize_t
read_line(FILE *in, char **buf, size_t *cap, size_t max, int *toolong)
{
	size_t n = 0;
	int c;

	*toolong = 0;
	while ((c = getc(in)) != EOF && c != '\n') {
		if (n == max) {
			*toolong = 1;
			continue;
		}
		if (n + 1 >= *cap) {
			size_t ncap = *cap ? *cap * 2 : 256;
			char *grown = realloc(*buf, ncap);
			if (grown == NULL) {
				*toolong = 1;
				continue;
			}
			*buf = grown;
			*cap = ncap;
		}
		(*buf)[n++] = (char)c;
	}
	if (c == EOF && n == 0 && !*toolong)
		return -1;
	return (ssize_t)n;
}

/* One label a line from stdin; returns how many were judged. */
static unsigned long
judge_stdin(const struct lint_ctx *ctx, struct report *r, int *failed)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long count = 0, lineno = 0;
	int toolong;

	while ((n = read_line(stdin, &line, &cap, NAME_LINE_MAX, &toolong)) != -1) {
		lineno++;
		if (toolong) {
			report_error("<stdin>:%lu: a label longer than %u bytes, skipped",
			    lineno, NAME_LINE_MAX);
			*failed = 1;
			continue;
		}
		while (n > 0 && line[n - 1] == '\r')
			n--;
		if (n == 0)
			continue;
		judge_one(ctx, r, line, (size_t)n);
		count++;
	}
	if (ferror(stdin)) {
		/* a directory, a closed descriptor: never "0 labels", exit 0 */
		report_error("<stdin>: %s", strerror(errno));
		*failed = 1;
	}
	free(line);
	return count;
}

int
name_main(const struct lint_ctx *ctx, struct report *r, int argc, char **argv)
{
	unsigned long count = 0;
	int failed = 0, rc;

	if (argc == 0) {
		report_error("name: no label given (try: srvlint name _http)");
		return 2;
	}
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			count += judge_stdin(ctx, r, &failed);
			continue;
		}
		judge_one(ctx, r, argv[i], strlen(argv[i]));
		count++;
	}
	rc = report_finish(r, count, "label");
	return failed ? 2 : rc;
}
