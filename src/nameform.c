/*
 * nameform.c -- the service and protocol labels in a name as users paste it
 * (see nameform.h).
 */
#include <string.h>

#include "nameform.h"
#include "registry.h"

#define NAMEFORM_LABELS 128

/* The labels of in, split at dots; returns how many (at most max). */
static size_t
split(const char *in, size_t len, const char **lab, size_t *llen, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len && n < max; i++)
		if (i == len || in[i] == '.') {
			lab[n] = in + start;
			llen[n++] = i - start;
			start = i + 1;
		}
	return n;
}

static int
is_us(const char *p, size_t n)
{
	return n > 0 && p[0] == '_';
}

/* "_tcp", "_udp", "_sctp", "_dccp", any case. */
static int
is_transport(const char *p, size_t n)
{
	return is_us(p, n) && transport_parse(p + 1, n - 1) != 0;
}

/* Index of the service label of the "_svc._proto" pair, or -1. */
static long
find_pair(const char **lab, const size_t *llen, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if (is_us(lab[i], llen[i]) && is_transport(lab[i + 1], llen[i + 1]))
			return (long)i;
	if (n >= 2 && is_us(lab[0], llen[0]) && is_us(lab[1], llen[1]))
		return 0;
	return -1;
}

/*
 * The first label of lab[0..n) outside the pair at k that is empty or over
 * 63 bytes (RFC 1035 sections 2.3.4, 3.1); the last label may be empty:
 * the trailing dot of "_ipp._tcp.".
 */
static void
find_bad_label(const char **lab, const size_t *llen, size_t n, size_t k,
    struct nameform *out)
{
	for (size_t i = 0; i < n; i++) {
		if (i == k || i == k + 1 || (i + 1 == n && i > k + 1 && llen[i] == 0))
			continue;
		if (llen[i] == 0 || llen[i] > 63) {
			out->badlabel = lab[i];
			out->badlabel_len = llen[i];
			return;
		}
	}
}

void
nameform_parse(const char *in, size_t len, struct nameform *out)
{
	const char *lab[NAMEFORM_LABELS];
	size_t llen[NAMEFORM_LABELS], n, k, whole = len;
	const char *comma = memchr(in, ',', len), *end;
	long at;

	memset(out, 0, sizeof(*out));
	/* _http._tcp,_printer: subtypes after a comma, when a pair precedes it. */
	if (comma != NULL) {
		size_t clen = (size_t)(comma - in);
		n = split(in, clen, lab, llen, NAMEFORM_LABELS);
		if (find_pair(lab, llen, n) >= 0) {
			out->subtypes = comma;
			out->subtypes_len = len - clen;
			len = clen;
		}
	}
	n = split(in, len, lab, llen, NAMEFORM_LABELS);
	at = find_pair(lab, llen, n);
	if (at < 0 || n == NAMEFORM_LABELS) {
		/* One service label, dots and all. */
		out->svc = whole > 0 && in[0] == '_' ? in + 1 : in;
		out->slen = whole > 0 && in[0] == '_' ? whole - 1 : whole;
		out->subtypes = NULL;
		out->subtypes_len = 0;
		return;
	}
	k = (size_t)at;
	out->svc = lab[k] + 1;
	out->slen = llen[k] - 1;
	out->proto = lab[k + 1] + 1;
	out->plen = llen[k + 1] - 1;
	if (k > 0) {
		out->prefix = in;
		out->prefix_len = (size_t)(lab[k] - in) - 1;
	}
	find_bad_label(lab, llen, n, k, out);
	end = lab[k + 1] + llen[k + 1];
	if (end < in + len) {
		/* "local." after the dot; the dot itself when nothing follows it. */
		out->domain = end + 1 < in + len ? end + 1 : end;
		out->domain_len = (size_t)(in + len - out->domain);
	}
}
