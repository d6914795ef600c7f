"""ci.py -- the checks behind tests/e2e/ci.sh: docs/ci.md's jobs and
.pre-commit-hooks.yaml as the CI services read them, and srvlint's output
as those services accept it.

  ci.py jobs TOP OUT         parse the YAML, check its shape, write OUT/*.cmd
  ci.py sarif FILE JSONL     a SARIF log that GitHub code scanning takes
  ci.py gitlab FILE JSONL    a GitLab Code Quality report
  ci.py github FILE JSONL    GitHub Actions workflow commands

JSONL is `srvlint check --format json` on the same files: every format must
carry exactly its findings (file, line, check, severity).  What the services
need is from their documentation: GitHub's "SARIF support for code
scanning" (required properties; at most 25,000 results and 20 runs a file)
and "Workflow commands for GitHub Actions"; GitLab's "Code Quality"
report format (description, check_name, fingerprint, severity one of info,
minor, major, critical, blocker, location.path, location.lines.begin).
"""
import json
import os
import re
import sys

import yaml


def fail(msg):
    sys.exit("ci.py: " + msg)


def yaml_blocks(path):
    """The ```yaml blocks of a Markdown file, parsed."""
    text = open(path, encoding="utf-8").read()
    return [yaml.safe_load(b) for b in re.findall(r"^```yaml\n(.*?)^```$", text, re.S | re.M)]


def srvlint_lines(script):
    """The srvlint commands of a shell script (a run: block or a script: list)."""
    lines = script if isinstance(script, list) else script.splitlines()
    return [l.strip() for l in lines if l.strip().startswith("srvlint ")]


def writes(cmd):
    """The file a command's standard output is redirected to, or None."""
    m = re.search(r">\s*(\S+)\s*$", cmd)
    return m.group(1) if m else None


def check_github(wf):
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    if "on" not in wf and True not in wf:
        fail("workflow: no 'on' trigger")
    (name, job), = wf["jobs"].items()
    perms = dict(wf.get("permissions", {}), **job.get("permissions", {}))
    if perms.get("security-events") != "write":
        fail("workflow: upload-sarif needs permissions: security-events: write")
    steps = job["steps"]
    if not steps[0].get("uses", "").startswith("actions/checkout@"):
        fail("workflow: the first step must check the repository out")
    up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    if len(up) != 1:
        fail("workflow: one github/codeql-action/upload-sarif step")
    sarif = up[0]["with"]["sarif_file"]
    if up[0].get("if") != "always()":
        fail("workflow: upload the SARIF even when a later step fails (if: always())")
    cmds = [c for s in steps if "run" in s for c in srvlint_lines(s["run"])]
    producer = [c for c in cmds if writes(c) == sarif]
    if len(producer) != 1 or "--format sarif" not in producer[0] or "--fail-on never" not in producer[0]:
        fail("workflow: one srvlint check --format sarif --fail-on never > %s" % sarif)
    if steps.index(next(s for s in steps if producer[0] in s.get("run", ""))) > steps.index(up[0]):
        fail("workflow: the SARIF is written after its upload")
    gate = [c for c in cmds if "--format github" in c]
    if len(gate) != 1 or writes(gate[0]):
        fail("workflow: one srvlint check --format github to the log")
    return {"github-sarif": (producer[0], sarif), "github-gate": (gate[0], None)}


def check_gitlab(doc):
    (name, job), = doc.items()
    report = job["artifacts"]["reports"]["codequality"]
    if job["artifacts"].get("when") != "always":
        fail("gitlab: keep the report when the job fails (artifacts: when: always)")
    cmds = srvlint_lines(job["script"])
    producer = [c for c in cmds if writes(c) == report]
    if len(producer) != 1 or "--format gitlab" not in producer[0] or "--fail-on never" not in producer[0]:
        fail("gitlab: one srvlint check --format gitlab --fail-on never > %s" % report)
    if cmds.index(producer[0]) != 0:
        fail("gitlab: write the report before the step that fails the job")
    gate = [c for c in cmds if c != producer[0]]
    if len(gate) != 1 or writes(gate[0]):
        fail("gitlab: one srvlint check that fails the job")
    return {"gitlab-report": (producer[0], report), "gitlab-gate": (gate[0], None)}


def check_hooks(hooks, config):
    (hook,) = hooks
    if not hook["entry"].startswith("srvlint check") or hook["language"] != "system":
        fail("hook: entry srvlint check, language system")
    files = re.compile(hook["files"])
    for p in ("zones/example.com.zone", "example.com.zone", "named/db.example.com", "example.db"):
        if not files.search(p):
            fail("hook: files does not match %s" % p)
    for p in ("README", "zones/example.com.zone.orig", "db/README", "src/zone.c"):
        if files.search(p):
            fail("hook: files matches %s" % p)
    ids = [h["id"] for r in config["repos"] for h in r["hooks"]]
    if ids != [hook["id"]]:
        fail("pre-commit config in docs/ci.md names %s, the hook is %s" % (ids, hook["id"]))


def jobs(top, out):
    blocks = yaml_blocks(os.path.join(top, "docs", "ci.md"))
    gh = [b for b in blocks if "jobs" in b]
    pc = [b for b in blocks if "repos" in b]
    gl = [b for b in blocks if b not in gh and b not in pc]
    if (len(gh), len(gl), len(pc)) != (1, 1, 1):
        fail("docs/ci.md: one GitHub workflow, one GitLab job, one pre-commit config")
    hooks = yaml.safe_load(open(os.path.join(top, ".pre-commit-hooks.yaml"), encoding="utf-8"))
    check_hooks(hooks, pc[0])
    found = dict(check_github(gh[0]), **check_gitlab(gl[0]))
    for kind, (cmd, target) in found.items():
        with open(os.path.join(out, kind + ".cmd"), "w") as f:
            f.write(cmd + "\n")
        with open(os.path.join(out, kind + ".out"), "w") as f:
            f.write((target or "") + "\n")
    # The pre-commit config, for ci.sh to run against a local hook repository.
    with open(os.path.join(out, "pre-commit-config.json"), "w") as f:
        json.dump(pc[0], f)


def expected(jsonl):
    return sorted((r["file"], r["line"], r["check"], r["severity"])
                  for r in map(json.loads, open(jsonl, encoding="utf-8")))


def same(kind, got, jsonl):
    want = expected(jsonl)
    if sorted(got) != want:
        fail("%s: findings differ from --format json:\n  %s\n  %s" % (kind, sorted(got)[:5], want[:5]))
    if not want:
        fail("%s: no findings to compare (the zones must have some)" % kind)


def sarif(path, jsonl):
    log = json.load(open(path, encoding="utf-8"))
    if log.get("version") != "2.1.0" or "$schema" not in log:
        fail("sarif: version 2.1.0 and $schema")
    if not 1 <= len(log["runs"]) <= 20:
        fail("sarif: 1 to 20 runs")
    got, sev = [], {"error": "error", "warning": "warning", "note": "note"}
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        rules = {r["id"] for r in driver["rules"]}
        if not driver.get("name") or len(run["results"]) > 25000:
            fail("sarif: tool.driver.name, at most 25,000 results")
        for r in run["results"]:
            if r["ruleId"] not in rules or not r["message"]["text"]:
                fail("sarif: ruleId of a rule, message.text")
            if not r.get("partialFingerprints"):
                fail("sarif: a result without partialFingerprints (code scanning would make duplicate alerts)")
            loc = r["locations"][0]["physicalLocation"]
            uri = loc["artifactLocation"]["uri"]
            if uri.startswith("/") or ":" in uri.split("/")[0] or not os.path.isfile(uri):
                fail("sarif: %s is not a path relative to the checkout" % uri)
            line = loc["region"]["startLine"]
            if not isinstance(line, int) or line < 1:
                fail("sarif: region.startLine %r" % line)
            got.append((uri, line, r["ruleId"], sev[r.get("level", "warning")]))
    same("sarif", got, jsonl)


def gitlab(path, jsonl):
    report = json.load(open(path, encoding="utf-8"))
    if not isinstance(report, list):
        fail("gitlab: not a JSON array")
    sev = {"critical": "error", "major": "warning", "info": "note"}
    got, prints = [], set()
    for r in report:
        for k in ("description", "check_name", "fingerprint"):
            if not isinstance(r.get(k), str) or not r[k]:
                fail("gitlab: %s must be a non-empty string" % k)
        if r["fingerprint"] in prints:
            fail("gitlab: fingerprint %s twice (GitLab would merge the findings)" % r["fingerprint"])
        prints.add(r["fingerprint"])
        if r.get("severity") not in sev:
            fail("gitlab: severity %r" % r.get("severity"))
        p, line = r["location"]["path"], r["location"]["lines"]["begin"]
        if p.startswith("/") or not os.path.isfile(p) or not isinstance(line, int) or line < 1:
            fail("gitlab: location %r %r" % (p, line))
        got.append((p, line, r["check_name"], sev[r["severity"]]))
    same("gitlab", got, jsonl)


def github(path, jsonl):
    cmd = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+),title=([a-z-]+)::(.+)$")
    sev = {"error": "error", "warning": "warning", "notice": "note"}
    got = []
    for l in open(path, encoding="utf-8").read().splitlines():
        m = cmd.match(l)
        if not m:
            fail("github: not a workflow command: %r" % l)
        got.append((m.group(2), int(m.group(3)), m.group(4), sev[m.group(1)]))
    same("github", got, jsonl)


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    {"jobs": jobs, "sarif": sarif, "gitlab": gitlab, "github": github}[what](*args)
