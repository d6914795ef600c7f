#!/bin/sh
# docs/ci.md's GitHub Actions workflow and GitLab job, and the pre-commit
# hook (.pre-commit-hooks.yaml), as far as this machine can run them: the
# YAML parses and has the shape the services need (tests/e2e/ci.py), each
# srvlint command in them runs verbatim against a copy of zones/ with the
# exit status the job needs, and its output is what the service reads,
# holding exactly the findings of --format json.  pre-commit itself runs
# the hook from a local hook repository when it is installed.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml not installed"; exit 77; }
top=$(cd "$top_srcdir" && pwd)   # the jobs run in a scratch directory
ci_py=$top/tests/e2e/ci.py

# The jobs call `srvlint` from PATH.
mkdir "$tmp/bin" "$tmp/jobs" "$tmp/work"
ln -s "$SRVLINT" "$tmp/bin/srvlint"
PATH=$tmp/bin:$PATH
export PATH

python3 "$ci_py" jobs "$top" "$tmp/jobs" && ok || bad "docs/ci.md or .pre-commit-hooks.yaml"

cp -R "$top/zones" "$tmp/work/"
chmod -R u+w "$tmp/work"
cd "$tmp/work" || exit 99
srvlint check -q --format json --fail-on never zones/*.zone > "$tmp/findings.jsonl"

# run KIND STATUS FORMAT: the job's command, its exit status, its output.
run() {
	[ -f "$tmp/jobs/$1.cmd" ] || { bad "$1: no command"; return; }
	cmd=$(cat "$tmp/jobs/$1.cmd")
	target=$(cat "$tmp/jobs/$1.out")
	sh -c "$cmd" > "$tmp/$1.stdout" 2> "$tmp/$1.stderr"
	rc=$?
	[ $rc -eq "$2" ] && ok || { bad "$1: '$cmd' exits $rc, the job needs $2"; cat "$tmp/$1.stderr" >&2; }
	out=${target:-$tmp/$1.stdout}
	case $3 in
	text) grep -v -E '^zones/[^:]+\.zone:[0-9]+: (error|warning|note): ' "$out" && bad "$1: not compiler-style text" || ok ;;
	*) python3 "$ci_py" "$3" "$out" "$tmp/findings.jsonl" && ok || bad "$1: $3 output" ;;
	esac
}
run github-sarif 0 sarif
run github-gate 1 github
run gitlab-report 0 gitlab
run gitlab-gate 1 text

# pre-commit, with the hook repository and the configuration of docs/ci.md.
if command -v pre-commit >/dev/null 2>&1; then
	hooks=$tmp/hooks
	mkdir "$hooks"
	cp "$top/.pre-commit-hooks.yaml" "$hooks/"
	git() { command git -c user.name=ci -c user.email=ci@localhost -c init.defaultBranch=main "$@"; }
	(cd "$hooks" && git init -q && git add . && git commit -qm hooks) || exit 99
	rev=$(git -C "$hooks" rev-parse HEAD)
	python3 - "$tmp/jobs/pre-commit-config.json" "$hooks" "$rev" > .pre-commit-config.yaml <<'PY'
import json, sys, yaml
c = json.load(open(sys.argv[1]))
c["repos"][0].update(repo=sys.argv[2], rev=sys.argv[3])
print(yaml.safe_dump(c))
PY
	echo "not a zone" > README
	git init -q && git add . && git commit -qm zones || exit 99
	export PRE_COMMIT_HOME="$tmp/pre-commit-home"
	pre-commit run --all-files > "$tmp/pc.out" 2>&1
	rc=$?
	# The hook's findings are srvlint's on every zone, whatever batches pre-commit makes.
	grep -E '^zones/[^:]+:[0-9]+: (error|warning|note): ' "$tmp/pc.out" | LC_ALL=C sort > "$tmp/pc.findings"
	git ls-files | python3 -c '
import re, sys, yaml
files = re.compile(yaml.safe_load(open(sys.argv[1]))[0]["files"])
print("\n".join(l.strip() for l in sys.stdin if files.search(l.strip())))' "$hooks/.pre-commit-hooks.yaml" > "$tmp/pc.files"
	xargs srvlint check -q < "$tmp/pc.files" | LC_ALL=C sort > "$tmp/want.findings"
	[ $rc -eq 1 ] && grep -q '^srvlint check\.*Failed$' "$tmp/pc.out" &&
		[ -s "$tmp/want.findings" ] && cmp -s "$tmp/pc.findings" "$tmp/want.findings" && ok ||
		{ bad "pre-commit run --all-files: exit $rc"; cat "$tmp/pc.out" >&2; }
	# A zone with notes only passes.
	pre-commit run --files zones/ad.zone README > "$tmp/pc.out" 2>&1 &&
		grep -q '^srvlint check\.*Passed$' "$tmp/pc.out" && ok ||
		{ bad "pre-commit on zones/ad.zone"; cat "$tmp/pc.out" >&2; }
else
	echo "SKIP (part): pre-commit not installed (apt-get install pre-commit)"
fi

e2e_finish ci
