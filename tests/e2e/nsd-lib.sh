# nsd-lib.sh -- start a private NSD on 127.0.0.1 for probe tests and bench.
#
#   . nsd-lib.sh
#   nsd_start DIR ZONE FILE [ZONE FILE]...   (or ZONE FILE pairs from stdin: nsd_start DIR -)
#   ... NSD_PORT is the port; the caller's trap calls nsd_stop ...
#
# NSD runs in the foreground (-d) as a background job of this shell, with
# every file it writes in DIR.  nsd_start tries a few random free ports and
# returns once NSD answers the first zone's SOA.

NSD=${NSD:-$(command -v nsd || echo /usr/sbin/nsd)}
NSD_PID=
NSD_PORT=
# NSD_V6=yes: NSD also listens on [::1] (when the loopback has IPv6)
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then
	NSD_V6=yes
else
	NSD_V6=no
fi

nsd_conf() {	# DIR PORT, zone pairs on stdin
	printf 'server:\n'
	printf '\tip-address: 127.0.0.1@%s\n\tport: %s\n' "$2" "$2"
	[ "$NSD_V6" = yes ] && printf '\tip-address: ::1@%s\n' "$2"
	printf '\tusername: ""\n\tchroot: ""\n\tzonesdir: "%s"\n' "$1"
	printf '\tpidfile: "%s/nsd.pid"\n\tdatabase: ""\n' "$1"
	printf '\tzonelistfile: "%s/zone.list"\n\txfrdfile: "%s/xfrd.state"\n' "$1" "$1"
	printf '\txfrdir: "%s"\n\tlogfile: "%s/nsd.log"\n' "$1" "$1"
	printf '\tverbosity: 0\n\tserver-count: 1\n\tdo-ip6: %s\n\treuseport: no\n' "$NSD_V6"
	printf '\tsend-buffer-size: 4194304\n\treceive-buffer-size: 4194304\n'
	# no response rate limiting: tests and bench ask fast, from one address
	printf '\trrl-ratelimit: 0\n\trrl-whitelist-ratelimit: 0\n'
	printf 'remote-control:\n\tcontrol-enable: no\n'
	while read -r zone file; do
		printf 'zone:\n\tname: "%s"\n\tzonefile: "%s"\n' "$zone" "$file"
	done
}

# Returns 0 when NSD on NSD_PORT answers SOA for $1.
nsd_answers() {
	out=$(drill -p "$NSD_PORT" -t "@127.0.0.1" SOA "$1" 2>/dev/null) || return 1
	printf '%s\n' "$out" | grep -q 'rcode: NOERROR'
}

nsd_start() {
	dir=$1; shift
	if [ "$1" = - ]; then
		cat > "$dir/zones.txt"
	else
		: > "$dir/zones.txt"
		while [ $# -ge 2 ]; do
			printf '%s %s\n' "$1" "$2" >> "$dir/zones.txt"
			shift 2
		done
	fi
	first=$(head -n 1 "$dir/zones.txt" | cut -d' ' -f1)
	for attempt in 1 2 3 4 5; do
		NSD_PORT=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
		nsd_conf "$dir" "$NSD_PORT" < "$dir/zones.txt" > "$dir/nsd.conf"
		"$NSD" -d -c "$dir/nsd.conf" > "$dir/nsd.out" 2>&1 &
		NSD_PID=$!
		i=0
		while [ $i -lt 100 ]; do
			if nsd_answers "$first"; then
				return 0
			fi
			kill -0 "$NSD_PID" 2>/dev/null || break
			sleep 0.1
			i=$((i + 1))
		done
		nsd_stop
	done
	echo "nsd did not start:" >&2
	cat "$dir/nsd.out" "$dir/nsd.log" >&2 2>/dev/null
	return 1
}

nsd_stop() {
	if [ -n "$NSD_PID" ]; then
		kill "$NSD_PID" 2>/dev/null
		wait "$NSD_PID" 2>/dev/null
		NSD_PID=
	fi
}
