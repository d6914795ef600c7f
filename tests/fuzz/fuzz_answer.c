/*
 * fuzz_answer.c -- a DNS answer, any bytes, as a server nobody controls
 * sends it to `srvlint probe`, through the path probe.c takes: ldns_wire2pkt,
 * the same refusals (not a response, truncated, an error RCODE: the name is
 * unknown to the checker), then every IN record of the answer section to
 * checker_record with no apex and a domain, as probe mode feeds it, and
 * checker_finish.
 *
 * probe.c's own answer handling (answer_parse, answer_feed, follow) is
 * static; until probe.h exposes it, this harness stops at the checker.
 *
 * The records also go, alternately, to two checkers merged before finish
 * (what -j does in zone mode): the findings must be the same multiset.
 */
#include <ldns/ldns.h>
#include <string.h>

#include "checker.h"
#include "fuzz.h"

#define DOMAIN "example.com"

static void
run(const ldns_pkt *pkt, struct finding_list *one, struct finding_list *split)
{
	const struct lint_ctx *ctx = fuzz_ctx(1);
	struct sink s1 = { fuzz_list_sink, one }, s2 = { fuzz_list_sink, split };
	struct checker *a = checker_create(ctx, &s1, NULL);
	struct checker *b = checker_create(ctx, &s2, NULL);
	struct checker *c = checker_create(ctx, &s2, NULL);
	const struct rr_pos pos = { NULL, 0, 0, DOMAIN };
	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	const ldns_rr_list *qd = ldns_pkt_question(pkt);
	size_t n = an ? ldns_rr_list_rr_count(an) : 0;
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(pkt);

	FUZZ_ASSERT(a != NULL && b != NULL && c != NULL, "out of memory");
	if (!ldns_pkt_qr(pkt) || ldns_pkt_tc(pkt) ||
	    (rc != LDNS_RCODE_NOERROR && rc != LDNS_RCODE_NXDOMAIN)) {
		/* probe.c: resolve-failure, and the asked name is unknown */
		if (qd != NULL && ldns_rr_list_rr_count(qd) > 0) {
			const ldns_rdf *qname = ldns_rr_owner(ldns_rr_list_rr(qd, 0));
			checker_name_unknown(a, qname);
			checker_name_unknown(b, qname);
		}
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(an, i);

		if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
			continue;
		checker_record(a, rr, &pos);
		checker_record(i % 2 ? c : b, rr, &pos);
	}
	FUZZ_ASSERT(checker_merge(b, c) == 0, "checker_merge: out of memory");
	checker_finish(a);
	checker_finish(b);
	checker_destroy(a);
	checker_destroy(b);
	checker_destroy(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ldns_pkt *pkt = NULL;
	struct finding_list *one, *split;

	if (ldns_wire2pkt(&pkt, data, size) != LDNS_STATUS_OK) {
		ldns_pkt_free(pkt);
		return 0;
	}
	one = finding_list_create();
	split = finding_list_create();
	FUZZ_ASSERT(one != NULL && split != NULL, "out of memory");
	run(pkt, one, split);
	fuzz_same_findings_unordered(one, split, "one checker against two merged");
	for (size_t i = 0; i < finding_list_count(one); i++) {
		const struct finding *f = finding_list_get(one, i);
		FUZZ_ASSERT(f->domain != NULL && strcmp(f->domain, DOMAIN) == 0,
		    "[%s] without its domain", check_info(f->check)->name);
		FUZZ_ASSERT(f->file == NULL && f->line == 0,
		    "[%s] has a file or line in probe mode", check_info(f->check)->name);
	}
	fuzz_render(one, REPORT_FLAT, NULL);
	finding_list_destroy(one);
	finding_list_destroy(split);
	ldns_pkt_free(pkt);
	return 0;
}
