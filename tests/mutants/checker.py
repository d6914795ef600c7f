#!/usr/bin/env python3
"""checker.py -- breaks the record checks on purpose and asserts that
tests/unit/test_checker notices: each mutant below flips one condition of
src/checker.c, src/xref.c, src/checker_impl.h or src/attrleaf.c.

Not part of `make check` (it rebuilds once per mutant, about 10 minutes):

    tests/mutants/checker.py [SRCDIR]

copies SRCDIR (default: this tree) to a temporary directory, builds it
there once (autoreconf, configure --enable-sanitizers), then for every
mutant patches the copy, rebuilds test_checker and runs it.  Prints the
mutants the test did not kill and exits 1 if there are any, besides the
ones listed in EQUIVALENT (they change no finding).  A mutant whose text
no longer matches the source is reported as STALE: update it.
"""
import os
import shutil
import subprocess
import sys
import tempfile

# (file under src/, text, replacement, what it breaks)
M = [
 ("namecheck.c", "if (transport_parse(proto, plen) != 0 || is_impp(label, len, proto, plen))", "if (transport_parse(proto, plen) == 0 || is_impp(label, len, proto, plen))", "proto-unknown"),
 ("checker.c", "if (lab_bare_transport(o, 1)) {", "if (0) {", "label-no-underscore (proto)"),
 ("checker.c", "	if (o->n >= 2 && lab_transport(o, 1) != 0) {\n		p1", "	if (0) {\n		p1", "label-no-underscore (service)"),
 ("checker.c", "		} else if (srv) {\n			rec_report(r, CHECK_PROTO_MISSING", "		} else if (!srv) {\n			rec_report(r, CHECK_PROTO_MISSING", "proto-missing"),
 ("checker.c", "if (types != NULL && !attrleaf_type_listed(types, r->tname)) {", "if (0) {", "SRV at _dmarc: one finding"),
 ("checker.c", "	if (tp != TP_TCP && tp != TP_UDP) {", "	if (tp != TP_TCP && tp != TP_UDP && 0) {", "proto-dnssd"),
 ("checker.c", "		rec_namecheck(r, si, -1);\n	} else {\n		rec_namecheck(r, si, pi);", "		rec_namecheck(r, si, pi);\n	} else {\n		rec_namecheck(r, si, pi);", "proto-dnssd replaces transport-mismatch"),
 ("checker.c", "		rec_namecheck(r, 0, 1);\n		return;", "		return;", "namecheck on SRV owners"),
 ("namecheck.c", "	j.kb = namecheck_defacto(label, len, proto, plen);\n	if (plen == 0) {", "	j.kb = NULL;\n	if (plen == 0) {", "de-facto lowers proto-unknown"),
 ("checker.c", "	if (ldns_rdf2native_int16(prdf) == 0)", "	if (ldns_rdf2native_int16(prdf) != 0)", "srv-port-zero"),
 ("checker.c", "	if (digits)\n		return", "	if (0)\n		return", "srv-target-hostname (IP)"),
 ("checker.c", "			if (c == '_')\n				return \"a label holds an underscore\";", "			if (c == '-')\n				return \"a label holds an underscore\";", "underscore in host names"),
 ("xref.c", "	if ((f & (NF_CNAME | NF_ADDR)) == NF_CNAME) {", "	if (f & NF_CNAME) {", "no srv-target-cname beside an address (-j)"),
 ("checker.c", "	if (!suffix_same(&t, 3, &r->o, 2)) {", "	if (suffix_same(&t, 3, &r->o, 2)) {", "dnssd-ptr-mismatch note"),
 ("checker.c", "	if (t.n < 3 || !lab_same(&t, 1, &r->o, 0) || !lab_same(&t, 2, &r->o, 1)) {", "	if (t.n < 3 || !lab_same(&t, 2, &r->o, 1)) {", "dnssd-ptr-mismatch error"),
 ("checker.c", "		if (c < 0x20 || c == 0x7f)", "		if (c < 0x07)", "instance name control"),
 ("checker.c", "		if (c >= 0xc2 && c <= 0xdf)", "		if (c >= 0xc0 && c <= 0xdf)", "instance name overlong"),
 ("checker.c", "		else if (c >= 0xf0 && c <= 0xf4)\n			k = 3, cp = c & 0x07;\n		else\n			return \"a byte that is not UTF-8\";", "		else if (c >= 0xf0 && c <= 0xf4)\n			k = 3, cp = c & 0x07;\n		else {\n			i++; continue; }", "instance name not UTF-8"),
 ("checker.c", "		if (sub == 1 && r->o.n >= 4 && lab_us(&r->o, 2) && lab_us(&r->o, 3)) {", "		if (sub >= 0 && r->o.n >= 4 && lab_us(&r->o, 2) && lab_us(&r->o, 3)) {", "dnssd-subtype malformed"),
 ("checker.c", "	if (t.n < 3 || !lab_same(&t, 1, &r->o, 2) || !lab_same(&t, 2, &r->o, 3)) {", "	if (t.n < 3) {", "dnssd-subtype target"),
 ("checker.c", "	} else if (!suffix_same(&t, 2, &r->o, 3)) {", "	} else if (suffix_same(&t, 2, &r->o, 3)) {", "dnssd-enum-target note"),
 ("checker.c", "	if (t.n < 2 || !lab_us(&t, 0) || !lab_us(&t, 1) || lab_eq(&t, 0, \"_sub\") ||", "	if (t.n < 2 || !lab_us(&t, 1) || lab_eq(&t, 0, \"_sub\") ||", "dnssd-enum-target warning"),
 ("checker.c", "		if (lab_eq(&r->o, 0, ok[i])) {", "		if (1) {", "dnssd-browse-label"),
 ("checker.c", "	static const char *const ok[] = { \"b\", \"db\", \"r\", \"dr\", \"lb\", \"_services\" };", "	static const char *const ok[] = { \"b\", \"db\", \"r\", \"lb\", \"_services\", \"dr\" };", "browse labels list"),
 ("checker.c", "		if (klen == 0) {", "		if (klen == 1) {", "txt-key-empty"),
 ("checker.c", "		if (ldns_rdf_size(rdf) < 1 || d[0] == 0)\n			continue;", "		if (ldns_rdf_size(rdf) < 1)\n			continue;", "legal empty TXT"),
 ("checker.c", "d[j] >= 0x20 && d[j] <= 0x7e;", "d[j] >= 0x20;", "txt-key-chars"),
 ("checker.c", "#define TXT_KEY_LONG 9", "#define TXT_KEY_LONG 19", "txt-key-long"),
 ("checker.c", "			if (seen_len[j] == klen && xref_ci_equal(seen[j], d, klen))", "			if (seen_len[j] == klen && memcmp(seen[j], d, klen) == 0)", "txt-key-dup case"),
 ("checker.c", "!key_listed(svc->txt_keys, d, klen) &&", "key_listed(svc->txt_keys, d, klen) &&", "txt-key-unknown"),
 ("checker.c", "	if (report_under_sub(r) || !is_instance(&r->o))\n		return;\n	r->judged = 2;", "	if (report_under_sub(r))\n		return;\n	r->judged = 2;", "TXT checks only at instances"),
 ("checker.c", "	if (size == 0) {", "	if (size == 1) {", "zero-length TXT"),
 ("checker.c", "	if (t->key != okey) {", "	if (1) {", "txt-size summed"),
 ("checker_impl.h", "#define TXT_SIZE_NOTE 400u", "#define TXT_SIZE_NOTE 600u", "txt-size note"),
 ("checker_impl.h", "#define TXT_SIZE_WARNING 1300u", "#define TXT_SIZE_WARNING 1500u", "txt-size warning"),
 ("xref.c", "	if (t->key != 0)\n		xref_add(ch, REF_TXT_SIZE", "	if (t->key != 0 && t->size >= TXT_SIZE_NOTE)\n		xref_add(ch, REF_TXT_SIZE", "txt-size summed over the zone"),
 ("xref.c", "		rec_set_size(ch, f, add > 0xffffffu - sum ? 0xffffffu : sum + add);", "		rec_set_size(ch, f, sum);", "txt-size sum after merge"),
 ("checker.c", "	else if (types == NULL)\n		rec_report(r, CHECK_ATTRLEAF_UNREGISTERED", "	else if (types == (void *)1)\n		rec_report(r, CHECK_ATTRLEAF_UNREGISTERED", "attrleaf-unregistered"),
 ("checker.c", "	case LDNS_RR_TYPE_CNAME: case LDNS_RR_TYPE_DNAME: case LDNS_RR_TYPE_NS:", "	case LDNS_RR_TYPE_DNAME: case LDNS_RR_TYPE_NS:", "attrleaf-rrtype CNAME exempt"),
 ("checker.c", "	case LDNS_RR_TYPE_DS: case LDNS_RR_TYPE_RRSIG:", "	case LDNS_RR_TYPE_RRSIG:", "attrleaf-rrtype DS exempt"),
 ("checker.c", "	else if (!attrleaf_exempt(r) && !attrleaf_type_listed(types, r->tname))", "	else if (!attrleaf_exempt(r) && 0)", "attrleaf-rrtype"),
 ("checker.c", "	for (int i = r->o.n - 1; i > r->judged && ri < 0; i--)", "	for (int i = r->o.n - 1; i > -1 && ri < 0; i--)", "one finding per label (judged)"),
 ("attrleaf.c", "	if (is_ta_label(label, len))", "	if (0)", "_ta-* leaves"),
 ("attrleaf.c", "		    (n == tlen && strncasecmp(p, type, n) == 0))", "		    (strncasecmp(p, type, n) == 0))", "type list exact match"),
 ("checker.c", "	if (len < 2 || len > 6 || (p[1] == '0' && len > 2))", "	if (len < 2 || len > 6)", "port-label leading zero"),
 ("checker.c", "	return v <= 65535;", "	return v <= 99999;", "port-label range"),
 ("checker.c", "lab_eq(&r->o, 0, \"_443\") && lab_eq(&r->o, 1, \"_https\")", "lab_eq(&r->o, 0, \"_444\") && lab_eq(&r->o, 1, \"_https\")", "https-prefix 443"),
 ("checker.c", "(port && lab_eq(&r->o, 1, \"_http\"))", "(port && lab_eq(&r->o, 1, \"_htt\"))", "https-prefix _http"),
 ("checker.c", "	if (memchr(r->o.w, '_', r->o.len) == NULL || under_spf(&r->o))\n		return;", "	if (memchr(r->o.w, '_', r->o.len) != NULL || under_spf(&r->o))\n		return;", "hostname-underscore owner"),
 ("checker.c", "rec_report(r, CHECK_HOSTNAME_UNDERSCORE, SEV_OFF, rec_defacto_parent(r),", "rec_report(r, CHECK_HOSTNAME_UNDERSCORE, SEV_OFF, NULL,", "de-facto gc._msdcs"),
 ("checker.c", "		check_host_target(&r, 1);", "		check_host_target(&r, 0);", "MX target"),
 ("checker.c", "	if (CHECK_SET_HAS(r->pos->disabled, f->check))\n		return;", "", "suppression per record"),
 ("xref.c", "	if (CHECK_SET_HAS(p->disabled, id))\n		return;", "", "suppression cross-record"),
 ("xref.c", "	if ((f & (NF_CNAME | NF_ADDR)) == NF_CNAME) {", "	if (0) {", "srv-target-cname"),
 ("xref.c", "	} else if (!(f & NF_ADDR) && !target_elsewhere(ch, v->target, v->tlen)) {", "	} else if (0) {", "srv-target-no-address"),
 ("xref.c", "		if (xref_facts(ch, xref_hash(s, sl)) & NF_NS)", "		if (0)", "delegated target"),
 ("xref.c", "		if (xref_facts(ch, xref_hash(buf, sl + 2)) & NF_ADDR)", "		if (0)", "wildcard target"),
 ("xref.c", "			if (xref_facts(ch, r->key) & NF_SRV_REAL)", "			if (xref_facts(ch, r->key) & NF_SRV)", "srv-target-dot-mixed"),
 ("xref.c", "	if (!(f & NF_SRV)) {", "	if (0) {", "dnssd-instance-no-srv"),
 ("xref.c", "	if (!(f & (NF_TXT | NF_TXT_EMPTY))) {", "	if (0) {", "dnssd-instance-no-txt"),
 ("xref.c", "	} else if (f & NF_TXT_EMPTY) {", "	} else if (0) {", "no-txt: zero length"),
 ("xref.c", "	if (nametab_get(seen, key_of(r->key)) != 0 || nametab_put(seen, key_of(r->key)) == NULL)", "	if (nametab_put(seen, key_of(r->key)) == NULL)", "one no-srv per instance"),
 ("xref.c", "	if (f & NF_UNKNOWN)\n		return;\n	/*\n	 * A CNAME beside", "	/*\n	 * A CNAME beside", "probe unknown names"),
 ("xref.c", "	if (ch->apex_len == 0)\n		return 1;", "	if (ch->apex_len == 0)\n		return 0;", "probe: all inside"),
 ("xref.c", "			return xref_ci_equal(s, ch->apex, sl);", "			return 1;", "inside the apex"),
 ("xref.c", "		h = (h ^ lower8(v)) * 0x87c37b91114253d5ULL;\n		h = (h << 31)", "		h = (h ^ v) * 0x87c37b91114253d5ULL;\n		h = (h << 31)", "case-insensitive names"),
 ("xref.c", "			    xref_fact(dst, s->slot[i] & KEY_MASK, (unsigned)(s->slot[i] & 0xff)) != 0)", "			    0)", "merge facts"),
 ("xref.c", "		pi = ((uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3]) + pbase;", "		pi = ((uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3]);", "merge pos shift"),
 ("xref.c", "			return xref_ci_equal(s, target, tlen) ? i : -1;", "			return xref_ci_equal(s, target, tlen) ? i + 1 : -1;", "target as owner suffix"),
 ("xref.c", "		memcpy(out + n - 1, ch->apex, ch->apex_len);", "		memcpy(out + n - 1, ch->apex + 1, ch->apex_len - 1); out[n - 2 + ch->apex_len] = 0;", "apex-relative names"),
 ("xref.c", "	if ((s->count + 1) * 4 > (size_t)s->cap * 3 && shard_grow(s) != 0)", "	if ((s->count + 1) * 4 > (size_t)s->cap * 3 && s->cap < 256 && shard_grow(s) != 0)", "table growth"),
 # issue 10: verdicts that match real deployments
 ("checker.c", "	if (!lab_us(d, 0))\n		return 1;\n	tp = lab_transport(d, 2);", "	if (!lab_us(d, 0))\n		return 1;\n	return 0;\n	tp = lab_transport(d, 2);", "an instance label may begin with _"),
 ("namecheck.c", "return (svcname_equal(svc, slen, \"im\", 2) ||", "return 0 && (svcname_equal(svc, slen, \"im\", 2) ||", "_im._sip is no proto-unknown"),
 ("checker.c", "		return under_spf(&r->o);	/* RFC 7208 exists: targets */", "		return 0;", "A under _spf: no attrleaf-rrtype"),
 ("checker.c", "	return apex_type(r->type) && ch->apex_len != 0", "	return 0 && ch->apex_len != 0", "an underscored apex's own records"),
 ("checker.c", "	if (report_bad_browse(r))\n		return;", "", "malformed browse-domain names"),
 ("checker.c", "	if (report_under_sub(r))\n		return;\n	if (is_instance(o)) {", "	if (is_instance(o)) {", "SRV under _sub"),
 ("checker.c", "		if (sub == 0 && r->o.n >= 3", "		if (0 && r->o.n >= 3", "the subtype label is missing"),
 ("checker.c", "		if (srv && lab_transport(o, 0) != 0) {", "		if (0) {", "a bare _tcp service label"),
]
M += [
 ("xref.c", "		if (nametab_get(&dots, key_of(h)) != 0)\n			(void)xref_fact(ch, h, NF_SRV | NF_SRV_REAL);", "		if (0)\n			(void)xref_fact(ch, h, NF_SRV | NF_SRV_REAL);", "dot owners marked at finish"),
 ("checker.c", "	if (!pending || is_instance(&r->o))", "	if (!pending)", "instance SRV always in the table"),
 ("checker.c", "	if (!pending || is_instance(&r->o))", "	if (is_instance(&r->o))", "resolved SRV owners in the table"),
 ("xref.c", "	if (++ch->npend == n)\n		return xref_flush(ch);", "	if (++ch->npend == n)\n		ch->npend = 0;", "pending facts flushed"),
 ("xref.c", "		if (ch->pend[i].key == key)\n			f |= ch->pend[i].facts;", "		if (0)\n			f |= ch->pend[i].facts;", "pending facts seen by lookups"),
 ("xref.c", "	uint64_t upper = ~w & (ge_a ^ gt_z) & 0x8080808080808080ULL;", "	uint64_t upper = ~w & ge_a & 0x8080808080808080ULL;", "lowercase hash SWAR"),
]

# Mutants that change no finding, only a message or the work done.
EQUIVALENT = {
    "label-no-underscore (service)",	# the other branch reports the same check
    "pending facts seen by lookups",	# only adds a reference resolved at finish
    "txt-size summed",	# one reference per record instead of per run: checker_finish sums them all
}


def sh(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, shell=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode


def main():
    src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(os.path.dirname(__file__), "..", ".."))
    tmp = tempfile.mkdtemp(prefix="mutants.")
    tree, build = os.path.join(tmp, "tree"), os.path.join(tmp, "build")
    try:
        shutil.copytree(src, tree, ignore=shutil.ignore_patterns(".git", "autom4te.cache"))
        os.mkdir(build)
        if (sh("autoreconf -fi", tree) or
                sh(tree + "/configure -q --enable-sanitizers", build) or
                sh("make -j2 tests/unit/test_checker", build)):
            print("mutants: cannot build %s" % tree)
            return 2
        if sh("./tests/unit/test_checker", build):
            print("mutants: test_checker fails before any mutant")
            return 2
        killed, alive = 0, []
        for f, old, new, what in M:
            path = os.path.join(tree, "src", f)
            orig = open(path).read()
            if orig.count(old) != 1:
                alive.append("STALE: " + what)
                continue
            open(path, "w").write(orig.replace(old, new))
            rc = sh("make tests/unit/test_checker && ASAN_OPTIONS=detect_leaks=0 "
                    "timeout 120 ./tests/unit/test_checker", build)
            open(path, "w").write(orig)
            if rc == 0:
                if what not in EQUIVALENT:
                    alive.append("ALIVE: " + what)
            else:
                killed += 1
        for a in alive:
            print(a)
        print("mutants: %d killed, %d equivalent, %d alive or stale"
              % (killed, len([m for m in M if m[3] in EQUIVALENT]), len(alive)))
        return 1 if alive else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
