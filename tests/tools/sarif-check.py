#!/usr/bin/env python3
"""sarif-check.py SCHEMA LOG -- validate a SARIF log srvlint wrote.

Validates LOG against the SARIF 2.1.0 JSON schema (python3-jsonschema),
then what GitHub code scanning needs beyond it: tool.driver.semanticVersion,
every rule's help.text and help.markdown, a fullDescription that differs
from the shortDescription, partialFingerprints on every result, and each
uriBaseId defined in originalUriBaseIds as an absolute file: URI ending in
"/".  Prints, for the caller to compare exactly:

    success true|false
    notification TEXT                       (one a toolExecutionNotification)
    RULEID LEVEL URI[@BASE][:LINE] [LOGICAL]  (one a result)

Exit status 0 when valid, 1 with the reasons on stderr, 77 when jsonschema
is not installed.
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("SKIP: python3-jsonschema not installed", file=sys.stderr)
    sys.exit(77)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    log = json.load(open(sys.argv[2], encoding="utf-8"))
    errors = []
    cls = jsonschema.validators.validator_for(schema)
    for e in cls(schema).iter_errors(log):
        errors.append("schema: %s at %s" % (e.message, "/".join(map(str, e.absolute_path))))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    if not driver.get("semanticVersion"):
        errors.append("tool.driver.semanticVersion missing")
    for rule in driver.get("rules", []):
        help_ = rule.get("help", {})
        if not help_.get("text") or not help_.get("markdown"):
            errors.append("rule %s: help.text or help.markdown missing" % rule["id"])
        if rule["fullDescription"]["text"] == rule["shortDescription"]["text"]:
            errors.append("rule %s: fullDescription copies shortDescription" % rule["id"])
    bases = run.get("originalUriBaseIds", {})
    for base, loc in bases.items():
        if not loc["uri"].startswith("file:///") or not loc["uri"].endswith("/"):
            errors.append("originalUriBaseIds %s: not an absolute directory URI" % base)
    inv = run.get("invocations", [])
    if len(inv) != 1:
        errors.append("want one invocation, got %d" % len(inv))
    lines = []
    if inv:
        lines.append("success %s" % ("true" if inv[0]["executionSuccessful"] else "false"))
        for n in inv[0].get("toolExecutionNotifications", []):
            lines.append("notification %s" % n["message"]["text"])
    for res in run["results"]:
        if not res.get("partialFingerprints"):
            errors.append("result %s: no partialFingerprints" % res["ruleId"])
        if driver["rules"][res["ruleIndex"]]["id"] != res["ruleId"]:
            errors.append("result %s: ruleIndex points at another rule" % res["ruleId"])
        where = []
        loc = res["locations"][0]
        phys = loc.get("physicalLocation")
        if phys:
            art = phys["artifactLocation"]
            uri = art["uri"]
            if "uriBaseId" in art:
                if art["uriBaseId"] not in bases:
                    errors.append("result %s: uriBaseId %s undefined" % (res["ruleId"], art["uriBaseId"]))
                uri += "@" + art["uriBaseId"]
            if "region" in phys:
                uri += ":%d" % phys["region"]["startLine"]
            where.append(uri)
        for ll in loc.get("logicalLocations", []):
            where.append(ll["fullyQualifiedName"])
        lines.append(" ".join([res["ruleId"], res["level"]] + where))
    if errors:
        for e in errors:
            print("sarif-check: " + e, file=sys.stderr)
        sys.exit(1)
    sys.stdout.write("".join(l + "\n" for l in lines))


main()
