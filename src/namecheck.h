/*
 * namecheck.h -- judges one service label against RFC 6335 syntax, the
 * IANA registry and the knowledge base: every name-* check, and
 * transport-mismatch.  Shared by zone, probe, name and request modes.
 */
#ifndef SRVLINT_NAMECHECK_H
#define SRVLINT_NAMECHECK_H

#include <stddef.h>

#include "finding.h"
#include "lint.h"

/*
 * Runs the name-* checks on label (len bytes after the underscore, any
 * bytes).  proto (plen bytes, no underscore, may be NULL) is the protocol
 * label beside it: it selects the knowledge-base entry, and when it is a
 * transport the transport-mismatch check runs too.  tmpl gives owner, type,
 * file, line and domain; check, severity, message and primary are filled
 * here.  De-facto names get the knowledge base's context in the message and,
 * when ctx->defacto_lowers, severity note.
 *
 * Returns nonzero when the label breaks RFC 6335 section 5.1 (a name-* error
 * was reported: syntax or legacy), for the `valid` field.
 */
int namecheck_service(const struct lint_ctx *ctx, const char *label, size_t len,
    const char *proto, size_t plen, const struct finding *tmpl,
    const struct sink *sink);

/*
 * proto-unknown: proto (plen bytes, no underscore; plen 0 is the bare "_")
 * stands in the protocol position of an SRV or URI owner beside service
 * label label, and is no transport (_tcp, _udp, _sctp, _dccp) nor, for _im
 * and _pres, the IM/presence protocol of RFC 3861 (_sip, _xmpp).  tmpl and
 * sink as for namecheck_service; the knowledge base applies.  Returns
 * nonzero when it reported.
 */
int namecheck_protocol(const struct lint_ctx *ctx, const char *label, size_t len,
    const char *proto, size_t plen, const struct finding *tmpl,
    const struct sink *sink);

/*
 * Nonzero when (label, proto) is a de-facto name of the knowledge base; the
 * checker uses it to lower its other findings on the same owner (e.g.
 * proto-unknown on _sip._tls) and to add source text via namecheck_defacto_note.
 */
const struct kb_entry *namecheck_defacto(const char *label, size_t len,
    const char *proto, size_t plen);

/*
 * Applies the knowledge base to a finding f about entry e: writes
 * f->message plus the entry's context into buf and points f->message at it.
 * A de-facto name (KB_DEFACTO, KB_DNSSD) adds its source and drops to note
 * when ctx->defacto_lowers; a misname (KB_MISNAME) keeps its severity and
 * names the name clients query.
 */
void namecheck_defacto_adjust(const struct lint_ctx *ctx,
    const struct kb_entry *e, struct finding *f, char *buf, size_t buflen);

#endif
