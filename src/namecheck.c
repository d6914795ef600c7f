/*
 * namecheck.c -- one service label judged against RFC 6335 section 5.1, the
 * IANA registry and the knowledge base of de-facto names.
 *
 * Zone, probe, name and request modes all come here, so a label gets the
 * same findings and the same words whichever way it arrived.
 */
#include <stdio.h>
#include <string.h>

#include "kb.h"
#include "namecheck.h"
#include "report.h"
#include "svcname.h"


const struct kb_entry *
namecheck_defacto(const char *label, size_t len, const char *proto, size_t plen)
{
	return kb_lookup(label, len, proto, plen);
}

/*
 * Who takes a DNS-SD type that breaks RFC 6335 syntax.  Bonjour
 * (mDNSResponder), Avahi and Android's NsdManager browse for any of them.
 * python-zeroconf refuses both a type over 15 characters and an inner "_"
 * unless strict=False; systemd-resolved's dns_srv_type_is_valid() refuses
 * an inner "_" but has no length limit.
 */
static const char *
dnssd_clients(const struct kb_entry *e)
{
	for (size_t i = 0; i < e->label_len; i++)
		if (e->label[i] == '_')
			return "Bonjour, Avahi and Android browse for it; "
			    "python-zeroconf (strict) and systemd-resolved refuse it";
	return "Bonjour, Avahi, Android and systemd-resolved browse for it; "
	    "python-zeroconf refuses it unless strict=False";
}

void
namecheck_defacto_adjust(const struct lint_ctx *ctx, const struct kb_entry *e,
    struct finding *f, char *buf, size_t buflen)
{
	switch (e->kind) {
	case KB_MISNAME:
		/* No client looks it up: the severity stands. */
		snprintf(buf, buflen, "%s; no client looks up this name: clients "
		    "query %s; %s", f->message, e->primary, e->source);
		break;
	case KB_DNSSD:
		snprintf(buf, buflen, "%s; de-facto DNS-SD type: %s; %s",
		    f->message, e->source, dnssd_clients(e));
		break;
	default:
		snprintf(buf, buflen, "%s; de-facto name: %s", f->message, e->source);
		break;
	}
	f->message = buf;
	if (ctx->defacto_lowers && e->kind != KB_MISNAME)
		f->severity = SEV_NOTE;
}

/* What every finding of one label shares, and where it goes. */
struct judge {
	const struct lint_ctx *ctx;
	const struct finding *tmpl;
	const struct sink *sink;
	const struct kb_entry *kb;
	const char *label;		/* the label's bytes */
	size_t len;
	char name[REPORT_SHOW_BUFLEN];	/* the label, printable: see shown() */
};

/* The label as messages show it, formatted on the first finding only. */
static const char *
shown(struct judge *j)
{
	if (j->name[0] == '\0' && j->len > 0)
		report_show(j->label, j->len, j->name, sizeof(j->name));
	return j->name;
}

static void
emit(const struct judge *j, enum check_id id, const char *primary,
    const char *message)
{
	struct finding f = *j->tmpl;
	char adjusted[1024];

	f.check = id;
	f.severity = check_info(id)->severity;
	f.message = message;
	f.primary = primary;
	if (j->kb != NULL)
		namecheck_defacto_adjust(j->ctx, j->kb, &f, adjusted, sizeof(adjusted));
	sink_emit(j->sink, &f);
}

static void
emit_syntax(struct judge *j, const char *label, size_t len, unsigned broken)
{
	char msg[512];

	if (broken & SVCNAME_EMPTY)
		emit(j, CHECK_NAME_EMPTY, NULL, "the service label is a bare \"_\"; "
		    "a service name has 1 to 15 characters (RFC 6335 section 5.1)");
	if (broken & SVCNAME_TOO_LONG) {
		snprintf(msg, sizeof(msg), "\"%s\" is %zu characters long; a service "
		    "name has at most 15 (RFC 6335 section 5.1)", shown(j), len);
		emit(j, CHECK_NAME_TOO_LONG, NULL, msg);
	}
	if (broken & SVCNAME_BAD_CHAR) {
		size_t at = svcname_bad_char_at(label, len);
		unsigned char c = (unsigned char)label[at];
		char what[16];
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			snprintf(what, sizeof(what), "byte \\%03u", c);
		else
			snprintf(what, sizeof(what), "\"%c\"", c);
		snprintf(msg, sizeof(msg), "\"%s\" holds %s at position %zu; only "
		    "A-Z, a-z, 0-9 and \"-\" are allowed (RFC 6335 section 5.1)",
		    shown(j), what, at + 1);
		emit(j, CHECK_NAME_BAD_CHAR, NULL, msg);
	}
	if (broken & SVCNAME_NO_LETTER) {
		snprintf(msg, sizeof(msg), "\"%s\" has no letter and could be read as "
		    "a port number (RFC 6335 section 5.1)", shown(j));
		emit(j, CHECK_NAME_NO_LETTER, NULL, msg);
	}
	if (broken & SVCNAME_HYPHEN_EDGE) {
		snprintf(msg, sizeof(msg), "\"%s\" %s with a hyphen (RFC 6335 "
		    "section 5.1)", shown(j), label[0] == '-' ? "begins" : "ends");
		emit(j, CHECK_NAME_HYPHEN_EDGE, NULL, msg);
	}
	if (broken & SVCNAME_DOUBLE_HYPHEN) {
		snprintf(msg, sizeof(msg), "\"%s\" has two adjacent hyphens "
		    "(RFC 6335 section 5.1)", shown(j));
		emit(j, CHECK_NAME_DOUBLE_HYPHEN, NULL, msg);
	}
}

/* "_http._tcp" when the protocol label is known, else "_http". */
static void
service_label(char *buf, size_t buflen, const char *name, const char *proto,
    size_t plen)
{
	if (proto != NULL && plen > 0 && plen < 16)
		snprintf(buf, buflen, "_%s._%.*s", name, (int)plen, proto);
	else
		snprintf(buf, buflen, "_%s", name);
}

static void
judge_registered(struct judge *j, const struct reg_service *svc,
    const char *proto, size_t plen)
{
	char msg[512], want[64];

	if (svc->flags & REG_ALIAS) {
		service_label(want, sizeof(want), svc->primary, proto, plen);
		snprintf(msg, sizeof(msg), "\"%s\" is an alias of \"%s\"; clients "
		    "browsing for %s will not find this", shown(j), svc->primary, want);
		emit(j, CHECK_NAME_ALIAS, svc->primary, msg);
	} else if (svc->flags & REG_RESERVED) {
		snprintf(msg, sizeof(msg), "\"%s\" is in the IANA registry only as "
		    "reserved or de-assigned%s%s%s", shown(j),
		    svc->note ? " (" : "", svc->note ? svc->note : "",
		    svc->note ? ")" : "");
		emit(j, CHECK_NAME_RESERVED, NULL, msg);
	} else if (strcmp(svc->name, "exp1") == 0 || strcmp(svc->name, "exp2") == 0) {
		snprintf(msg, sizeof(msg), "\"%s\" is for RFC 3692-style experiments, "
		    "never for deployment", shown(j));
		emit(j, CHECK_NAME_EXPERIMENTAL, NULL, msg);
	} else if (j->kb != NULL && j->kb->kind != KB_MISNAME && j->kb->primary != NULL) {
		/* Registered, but to another service (_matrix): a note. */
		struct finding f = *j->tmpl;
		service_label(want, sizeof(want), j->kb->primary, proto, plen);
		snprintf(msg, sizeof(msg), "\"%s\" is registered to an unrelated "
		    "service (%s); de-facto name: %s; use %s", shown(j),
		    svc->description, j->kb->source, want);
		f.severity = SEV_NOTE;
		f.check = CHECK_NAME_ALIAS;
		f.message = msg;
		f.primary = j->kb->primary;
		sink_emit(j->sink, &f);
	}
}

static void
judge_transport(struct judge *j, const struct reg_service *svc,
    const char *proto, size_t plen)
{
	unsigned tp = proto ? transport_parse(proto, plen) : 0;
	char msg[512], list[32] = "";

	if (tp == 0 || svc->transports == 0 || (svc->transports & tp) ||
	    (svc->flags & (REG_RESERVED | REG_NO_SERVICE)))
		return;
	for (unsigned bit = TP_TCP; bit <= TP_DCCP; bit <<= 1)
		if (svc->transports & bit) {
			if (list[0])
				strcat(list, ", ");
			strcat(list, transport_name(bit));
		}
	snprintf(msg, sizeof(msg), "\"%s\" is registered for %s, not for %s",
	    shown(j), list, transport_name(tp));
	emit(j, CHECK_TRANSPORT_MISMATCH, NULL, msg);
}

/*
 * _im._sip, _pres._xmpp: RFC 3861 section 3.2 puts the IM or presence
 * protocol label from IANA's IM and presence SRV label registries in the
 * protocol position (RFC 3861 and RFC 3922 register _xmpp there, RFC 5509
 * _sip): no transport, and no proto-unknown.
 */
static int
is_impp(const char *svc, size_t slen, const char *proto, size_t plen)
{
	return (svcname_equal(svc, slen, "im", 2) || svcname_equal(svc, slen, "pres", 4)) &&
	    (svcname_equal(proto, plen, "sip", 3) || svcname_equal(proto, plen, "xmpp", 4));
}

int
namecheck_protocol(const struct lint_ctx *ctx, const char *label, size_t len,
    const char *proto, size_t plen, const struct finding *tmpl,
    const struct sink *sink)
{
	struct judge j = { ctx, tmpl, sink, NULL, label, len, "" };
	char msg[512], p[REPORT_SHOW_BUFLEN];

	if (transport_parse(proto, plen) != 0 || is_impp(label, len, proto, plen))
		return 0;
	j.kb = namecheck_defacto(label, len, proto, plen);
	if (plen == 0) {
		snprintf(msg, sizeof(msg), "the protocol label is a bare \"_\": "
		    "clients look for _%s only under _tcp, _udp, _sctp and _dccp",
		    shown(&j));
	} else {
		report_show(proto, plen, p, sizeof(p));
		snprintf(msg, sizeof(msg), "\"_%s\" is not a transport: clients "
		    "look for _%s only under _tcp, _udp, _sctp and _dccp", p, shown(&j));
	}
	emit(&j, CHECK_PROTO_UNKNOWN, NULL, msg);
	return 1;
}

int
namecheck_service(const struct lint_ctx *ctx, const char *label, size_t len,
    const char *proto, size_t plen, const struct finding *tmpl,
    const struct sink *sink)
{
	struct judge j = { ctx, tmpl, sink, NULL, label, len, "" };
	const struct reg_service *svc = registry_lookup(ctx->reg, label, len);
	unsigned broken = svcname_syntax(label, len);
	char msg[512];

	if (options_allowed(ctx->opt, label, len))
		return broken != 0;
	j.kb = namecheck_defacto(label, len, proto, plen);
	if (broken != 0) {
		if (svc != NULL && (svc->flags & REG_LEGACY) && svc->primary) {
			snprintf(msg, sizeof(msg), "\"%s\" is a historic registry name "
			    "that breaks RFC 6335 section 5.1; use its replacement "
			    "\"%s\"", shown(&j), svc->primary);
			emit(&j, CHECK_NAME_LEGACY, svc->primary, msg);
		} else {
			emit_syntax(&j, label, len, broken);
		}
		return 1;
	}
	if (svc == NULL) {
		snprintf(msg, sizeof(msg), "\"%s\" is not in the IANA service name "
		    "registry; use the registered name, register it, or --allow it",
		    shown(&j));
		emit(&j, CHECK_NAME_UNREGISTERED, NULL, msg);
		return 0;
	}
	judge_registered(&j, svc, proto, plen);
	judge_transport(&j, svc, proto, plen);
	return 0;
}
