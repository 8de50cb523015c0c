# Shared by the lab scripts: free ports, freeDiameter configurations, daemons started and
# stopped by PID, waiting for real OPEN connections (dbg_peerstate.fdx), step printing.
# Expects ROOT (the repository) and WORK (a scratch folder) to be set.

BUILD=${BUILD:-$ROOT/build}
FDX=$BUILD/fdx
BIN=$BUILD/bin
DEBIAN_FDX=/usr/lib/freeDiameter
LAB_PIDS=()

# A TCP port nothing listens on (a refused connection) on 127.0.0.1, below the kernel's ephemeral
# range so that no outgoing connection takes it before the daemon binds it.
# Each port given is noted in $WORK/ports-given and not given again: a port taken for a daemon
# not started yet is still free.
free_port() {
	local p low
	read -r low _ </proc/sys/net/ipv4/ip_local_port_range
	touch "$WORK/ports-given"
	for _ in $(seq 200); do
		p=$((10000 + RANDOM % (low - 10000)))
		if ! grep -qx "$p" "$WORK/ports-given" && ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p" >>"$WORK/ports-given"
			echo "$p"
			return 0
		fi
	done
	echo "no free port found" >&2
	return 1
}

# fd_conf <file> <identity> <realm> <port> [extra lines...]: a node with our Sh, SLh and SLg
# dictionaries, which need no other.
fd_conf() {
	node_conf "" "$@"
}

# fd_charging_conf <file> <identity> <realm> <port> [extra lines...]: the same with the charging
# dictionaries: Debian's (the TS 32.299 AVPs dict_charging builds on) first, dict_charging last.
fd_charging_conf() {
	node_conf charging "$@"
}

node_conf() {
	local charging=$1 file=$2 identity=$3 realm=$4 port=$5
	shift 5
	{
		echo "Identity = \"$identity\";"
		echo "Realm = \"$realm\";"
		echo "Port = $port;"
		echo "SecPort = 0;"
		echo "No_SCTP;"
		echo "No_IPv6;"
		echo "TcTimer = 2;"
		if [[ -n $charging ]]; then
			echo "LoadExtension = \"$DEBIAN_FDX/dict_nasreq.fdx\";"
			echo "LoadExtension = \"$DEBIAN_FDX/dict_dcca.fdx\";"
			echo "LoadExtension = \"$DEBIAN_FDX/dict_dcca_3gpp.fdx\";"
		fi
		echo "LoadExtension = \"$FDX/dict_slh.fdx\";"
		echo "LoadExtension = \"$FDX/dict_sh.fdx\";"
		echo "LoadExtension = \"$FDX/dict_slg.fdx\";"
		[[ -z $charging ]] || echo "LoadExtension = \"$FDX/dict_charging.fdx\";"
		for line in "$@"; do echo "$line"; done
	} >"$file"
}

# start_daemon <name> <conf>: freeDiameterd in the background, its log in $WORK/<name>.log;
# returns once it says it is running.
start_daemon() {
	local name=$1 conf=$2
	freeDiameterd -c "$conf" >"$WORK/$name.log" 2>&1 &
	LAB_PIDS+=($!)
	for _ in $(seq 300); do
		grep -q 'freeDiameterd daemon initialized' "$WORK/$name.log" && return 0
		kill -0 "${LAB_PIDS[-1]}" 2>/dev/null || break
		sleep 0.05
	done
	echo "$name did not start; its log:" >&2
	tail -n 20 "$WORK/$name.log" >&2
	return 1
}

# start_charging_server <name> <identity> <realm> <port> <extension> <its conf> [extra lines...]:
# a CDF (app_cdf.fdx) or OCS (app_ocs.fdx) daemon with the charging dictionary, quiet like the
# lab's other daemons, 4 dispatch threads, and NoRelay: a server that relays advertises every
# application, and would be sent the other server's requests by a client routing by realm.
start_charging_server() {
	local name=$1 identity=$2 realm=$3 port=$4 extension=$5 conf=$6
	shift 6
	fd_charging_conf "$WORK/$name.conf" "$identity" "$realm" "$port" "AppServThreads = 4;" "NoRelay;" \
		"LoadExtension = \"$DEBIAN_FDX/dbg_msg_dumps.fdx\" : \"0x2112\";" \
		"LoadExtension = \"$FDX/$extension\" : \"$conf\";" "$@"
	start_daemon "$name" "$WORK/$name.conf"
}

# wait_open <state file> <peer identity>: until the daemon's dbg_peerstate file says OPEN.
wait_open() {
	for _ in $(seq 600); do
		grep -qx "$2 STATE_OPEN" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "no OPEN connection to $2 (see $1)" >&2
	return 1
}

# Stop what we started, one at a time (a daemon stopping alone gets its DPA at once).
stop_all() {
	local i
	for ((i = ${#LAB_PIDS[@]} - 1; i >= 0; i--)); do
		kill "${LAB_PIDS[i]}" 2>/dev/null || continue
		wait "${LAB_PIDS[i]}" 2>/dev/null || true
	done
	LAB_PIDS=()
}

step() {
	printf '\n\033[1m== %s\033[0m\n' "$*"
}

# show <command...>: print the command, then run it.
show() {
	printf '$ %s\n' "$*"
	"$@"
}

# ---- benchmarks ------------------------------------------------------------------------------
# The baseline script (shared/bench/fd-baseline/run beside the clone, or FD_BASELINE).
BASELINE=${FD_BASELINE:-$ROOT/../shared/bench/fd-baseline/run}

require_baseline() {
	[[ -f $BASELINE ]] || { echo "bench: the baseline script is not at $BASELINE (set FD_BASELINE)" >&2; exit 2; }
}

# baseline_measure <n> <window> <payload>: runs the baseline and prints its last line on stderr;
# sets BASELINE_RATE (req/s) and BASELINE_US, the CPU time a request of its two daemons together,
# less the fixed cost of a run that baseline_calibrate measured (0 if it was not called).
BASELINE_FIXED_TICKS=0
baseline_measure() {
	local before line
	before=$(children_ticks)
	line=$(bash "$BASELINE" "$@" | tail -n 1)
	echo "$line" >&2
	BASELINE_RATE=$(sed -E 's/.* ([0-9]+) req\/s.*/\1/' <<<"$line")
	BASELINE_US=$(us_per $(($(children_ticks) - before - BASELINE_FIXED_TICKS)) "$1")
}

# baseline_calibrate <payload>: the fixed cost of a baseline run (compiling its extension, starting
# and stopping the daemons), from a run of one request.
baseline_calibrate() {
	local before
	before=$(children_ticks)
	bash "$BASELINE" 1 1 "$1" >/dev/null
	BASELINE_FIXED_TICKS=$(($(children_ticks) - before))
}

# cpu_ticks <pid>: the user and system CPU time the process has used, in clock ticks (a figure
# that run-to-run noise on a shared machine moves much less than a rate).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# children_ticks: the same for the processes this shell has waited for (with the processes they
# waited for): its growth around a command is what the command and all it started cost.
children_ticks() { awk '{ print $16 + $17 }' "/proc/$$/stat"; }
# us_per <ticks> <requests>: microseconds of CPU per request.
us_per() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# field <name> <json>: a number of a one-line JSON object.
field() { sed -E "s/.*\"$1\": *([0-9.]+).*/\\1/" <<<"$2"; }
