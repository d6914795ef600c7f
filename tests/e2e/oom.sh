#!/bin/sh
# Exhausted memory is never a pass (issue 15 item 1, docs/security.md):
# the Nth allocation of the whole process (ldns and libc included) is made
# to fail, for every N until the run completes, alone (SRVLINT_ALLOC_FAIL=N)
# and with every later one too (N+, a heap that stays exhausted), at -j 1
# and -j 2.  Each run must end either in exit 2 with "out of memory" on
# stderr, or exactly as the full run: same exit status, same bytes.  Never
# exit 0 or 1 with other findings, never an abort or a hang.  Then the same
# with real limits (ulimit -v) on a zone whose SRV targets all come after
# their SRV records, so that every reference waits, at -j 1, 2 and 4.
set -u
. "${top_srcdir:?}/tests/e2e/lib.sh"

if SRVLINT_ALLOC_FAIL=1 "$SRVLINT" --version >/dev/null 2>&1; then
	echo "oom.sh: allocation counting not built in (a sanitizer build): skipped"
	exit 77
fi
cd "$tmp"

# A zone with per-record and cross-record findings, a parse error, a
# browse PTR, an $INCLUDE: allocations on every path.
cat > z.zone <<'ZONE'
$ORIGIN oom.example.
@ SOA ns hm 1 7200 3600 1209600 300
@ NS ns
ns A 192.0.2.1
_http._tcp SRV 0 0 80 web
_www._tcp SRV 0 0 80 nohost
_ipp._tcp PTR p._ipp._tcp
_ipp._tcp PTR q._ipp._tcp
p._ipp._tcp SRV 0 0 631 web
p._ipp._tcp TXT "txtvers=1" "=bad"
$INCLUDE part.zone
bad IN SRV 1 2 port target
ZONE
printf 'web A 192.0.2.2\n_x._tcp SRV 0 0 1 . ; srvlint-disable name-unregistered\n' > part.zone

# oom_case J MODE: every N for -j J ("" alone, "+" and later).
oom_case() {
	"$SRVLINT" check -j "$1" z.zone > full.out 2> full.err; frc=$?
	[ $frc -eq 1 ] || bad "full run -j $1: rc=$frc"
	grep -q "out of memory" full.err && bad "full run -j $1: out of memory"
	n=1 fails0=$fails
	while [ $n -le 5000 ]; do
		SRVLINT_ALLOC_FAIL="$n$2" timeout 20 "$SRVLINT" check -j "$1" z.zone > o 2> e; rc=$?
		if [ $rc -eq 2 ] && grep -q '^srvlint: .*out of memory' e; then
			:
		elif [ $rc -eq $frc ] && cmp -s o full.out && cmp -s e full.err; then
			break	# N is past the run's last allocation
		else
			bad "-j $1 SRVLINT_ALLOC_FAIL=$n$2: rc=$rc, stderr: $(head -c 200 e | tr '\n' '|'), stdout differs: $(diff o full.out | head -2 | tr '\n' '|')"
		fi
		n=$((n + 1))
	done
	[ $n -gt 100 ] || bad "-j $1 $2: only $n allocations?"
	[ $fails -eq $fails0 ] && ok
	echo "oom.sh: -j $1 SRVLINT_ALLOC_FAIL=N$2: $((n - 1)) runs, each exit 2 with the reason or the full result"
}
for j in 1 2; do
	oom_case $j ""
	oom_case $j "+"
done

# The process's address space capped: a zone whose 60k SRV records all wait
# for targets that come after them.
python3 - <<'PY'
with open("wait.zone", "w") as f:
    f.write("$ORIGIN wait.example.\n@ SOA ns hm 1 7200 3600 1209600 300\n@ NS ns\nns A 192.0.2.1\n")
    for i in range(60000):
        f.write("_http._tcp.s%d SRV 0 0 80 longer-host-name-%d\n" % (i, i))
    for i in range(60000):
        f.write("longer-host-name-%d A 10.0.%d.%d\n" % (i, (i >> 8) & 255, i & 255))
    f.write("_x._tcp SRV 0 0 80 missing\n")
PY
"$SRVLINT" check -j 1 wait.zone > wfull.out 2> /dev/null; wrc=$?
[ $wrc -eq 1 ] && ok || bad "wait.zone: rc=$wrc"
# At every -j: -j 2 once spent minutes under 40-100 MB (glibc could not
# reserve a worker's arena and then mmapped a page for each allocation of
# that thread; src/zpool.c caps the arenas under a limit).  A run takes
# well under a second here; 10 s makes that slow path a failure.
for j in 1 2 4; do
	for kb in 20000 30000 40000 50000 60000 80000 100000 200000; do
		(ulimit -v $kb; exec timeout 10 "$SRVLINT" check -j $j wait.zone) > o 2> e; rc=$?
		if [ $rc -eq 2 ] && grep -q '^srvlint: ' e; then
			ok
		elif [ $rc -eq $wrc ] && cmp -s o wfull.out; then
			ok
		else
			bad "ulimit -v $kb -j $j: rc=$rc (124: timed out), stderr: $(head -c 200 e | tr '\n' '|'), $(grep -c . o) lines"
		fi
	done
done

# Worker threads that cannot start (64 stacks do not fit in 30 MB) cost
# speed, not the result: the small zone is still fully checked.
"$SRVLINT" check -j 1 z.zone > full.out 2> full.err
for kb in 20000 30000 40000; do
	(ulimit -v $kb; exec timeout 10 "$SRVLINT" check -j 64 z.zone) > o 2> e; rc=$?
	if [ $rc -eq 1 ] && cmp -s o full.out && cmp -s e full.err; then
		ok
	else
		bad "ulimit -v $kb -j 64 z.zone: rc=$rc, stderr: $(head -c 200 e | tr '\n' '|')"
	fi
done

e2e_finish oom.sh
