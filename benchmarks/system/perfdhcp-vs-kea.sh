#!/usr/bin/env bash
# The system benchmark: perfdhcp against tui-dhcp4/6 and Kea 2.2's kea-dhcp4/6, in turn, in one run, on one
# network-namespace topology, with one configuration file given to both servers unchanged.
#
#   benchmarks/system/perfdhcp-vs-kea.sh [-4|-6] [options]
#
#   -4 | -6               family (default -4)
#   --servers LIST        comma-separated: tui (multi-threading on), tui-st (off), kea (off), kea-mt (on);
#                         default tui,kea,kea-mt
#   --duration SECONDS    length of one perfdhcp step (default 10)
#   --clients N           perfdhcp -R (default 50000)
#   --start-rate R        first rate tried (default 1000 exchanges/s)
#   --max-rate R          highest rate tried (default 64000)
#   --bisect N            bisection steps after the doubling ladder (default 4)
#   --warmup SECONDS      before each measured step, perfdhcp runs this long at the start rate with 5000 other
#                         client identities (default 5): both servers are measured warm (the JVM's JIT, Kea's caches)
#   --repeat N            whole searches per server, the median is reported (default 1)
#   --fill PERCENT        pre-fill the pool with leases of other clients to PERCENT (default 0; -4 memfile; every
#                         server starts from an identical lease file)
#   --pool-size N         addresses in the v4 pool, from 10.77.1.0 in 10.64.0.0/10 (default 200000: the warm-up's and the measured run's clients fit); -6 uses a /64
#   --backend B           memfile (default), postgresql, mysql: the machine's PostgreSQL (127.0.0.1:5432, user
#                         postgres, trust) or MariaDB/MySQL (127.0.0.1:3306, root without password). Every server run
#                         gets a fresh database (tuibench_<server>_<pid>), dropped afterwards: Kea's schema made by
#                         kea-admin db-init, Tui's by its own migrations. The servers reach the database through
#                         socat in the server namespace (127.0.0.1 there to the database's UNIX socket), the same
#                         path for both.
#   --relayed             -6 only: perfdhcp sends RELAY-FORW (-A1); -4 is always relayed (perfdhcp sets giaddr)
#   --lease-type T        -6 only: perfdhcp -e (default address-and-prefix)
#   --pin                 the server runs on CPU 1 only and perfdhcp on CPU 0 only (taskset), so the client never
#                         takes the server's CPU and each server gets exactly one core
#   --cpu-quota PCT       after its warm-up, each server is moved into a cgroup limited to PCT% of one CPU (10 ms
#                         periods; cgroup v1 or v2), so the server, not perfdhcp, is what runs out of CPU: on a small
#                         machine perfdhcp needs about as much CPU per exchange as the servers and caps the rates
#                         otherwise. The warm-up runs without the limit (a JVM's JIT compiles then), so both servers
#                         are measured in steady state on the same CPU budget. Implies --pin.
#   --warmup-rate R       warm-up rate (default: the start rate)
#   --settle SECONDS      with --cpu-quota, idle time between the warm-up and the limit (default 5): background work
#                         the warm-up started (a JVM's compilations and collections) finishes before the measurement
#   --client-rcvbuf BYTES raise net.core.rmem_default to BYTES for the run (restored on exit), so perfdhcp's socket,
#                         which takes the default, does not overflow when a server answers in bursts (the client
#                         namespace's "receive-buffer drops" in the UDP counters); every server gets the same client
#   --out DIR             keep logs and per-step output in DIR (default a temp dir, printed at the end)
#
# A server's rate is the highest perfdhcp rate (exchanges started per second) at which fewer than 1% of the
# exchanges were dropped (both halves: DO and RA, or SA and RR). Prints one Markdown table row per server and the
# ratio of Tui's rate to Kea's best. Needs root (network namespaces), perfdhcp, kea-dhcp4/6 and a built Tui
# (mvn -B -q -DskipTests package).
set -euo pipefail

FAMILY=4
SERVERS=tui,kea,kea-mt
DURATION=10
CLIENTS=50000
START_RATE=1000
MAX_RATE=64000
BISECT=4
REPEAT=1
WARMUP=5
FILL=0
POOL_SIZE=
BACKEND=memfile
RELAYED=0
LEASE_TYPE=address-and-prefix
OUT=
PIN=0
QUOTA=0
SETTLE=5
CLIENT_RCVBUF=
RMEM_DEFAULT_WAS=
RMEM_MAX_WAS=
WARMUP_RATE=
CG=

while [ $# -gt 0 ]; do
  case "$1" in
    -4) FAMILY=4 ;;
    -6) FAMILY=6 ;;
    --servers) SERVERS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --clients) CLIENTS=$2; shift ;;
    --start-rate) START_RATE=$2; shift ;;
    --max-rate) MAX_RATE=$2; shift ;;
    --bisect) BISECT=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --fill) FILL=$2; shift ;;
    --pool-size) POOL_SIZE=$2; shift ;;
    --backend) BACKEND=$2; shift ;;
    --relayed) RELAYED=1 ;;
    --lease-type) LEASE_TYPE=$2; shift ;;
    --out) OUT=$2; shift ;;
    --pin) PIN=1 ;;
    --cpu-quota) QUOTA=$2; PIN=1; shift ;;
    --warmup-rate) WARMUP_RATE=$2; shift ;;
    --settle) SETTLE=$2; shift ;;
    --client-rcvbuf) CLIENT_RCVBUF=$2; shift ;;
    -h|--help) sed -n '2,46p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)" >&2; exit 1; }
for b in perfdhcp kea-dhcp$FAMILY ip ss; do command -v "$b" >/dev/null || { echo "missing $b" >&2; exit 1; }; done
case "$BACKEND" in
  memfile) ;;
  postgresql) DB_PORT=5432; DB_SOCKET=/var/run/postgresql/.s.PGSQL.5432
    for b in psql kea-admin socat; do command -v "$b" >/dev/null || { echo "missing $b" >&2; exit 1; }; done ;;
  mysql) DB_PORT=3306; DB_SOCKET=/run/mysqld/mysqld.sock
    for b in mysql kea-admin socat; do command -v "$b" >/dev/null || { echo "missing $b" >&2; exit 1; }; done ;;
  *) echo "unknown backend $BACKEND (memfile, postgresql, mysql)" >&2; exit 2 ;;
esac
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)
  export JAVA_HOME
fi

OUT=${OUT:-$(mktemp -d /tmp/tui-bench.XXXXXX)}
mkdir -p "$OUT"
chmod 755 "$OUT"
NS_S=tuib-s$$
NS_C=tuib-c$$
SRV_PID=

log() { echo "[$(date +%T)] $*" >&2; }
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

cleanup() {
  [ -n "$RMEM_DEFAULT_WAS" ] && echo "$RMEM_DEFAULT_WAS" > /proc/sys/net/core/rmem_default
  [ -n "$RMEM_MAX_WAS" ] && echo "$RMEM_MAX_WAS" > /proc/sys/net/core/rmem_max
  stop_server
  drop_db
  [ -n "$CG" ] && rmdir "$CG" 2>/dev/null || true
  for ns in $NS_S $NS_C; do ip netns pids $ns 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true; done
  ip netns del $NS_S 2>/dev/null || true
  ip netns del $NS_C 2>/dev/null || true
}
trap cleanup EXIT

topology() {
  ip netns del $NS_S 2>/dev/null || true
  ip netns del $NS_C 2>/dev/null || true
  ip netns add $NS_S
  ip netns add $NS_C
  ip link add b-srv netns $NS_S type veth peer name b-cli netns $NS_C
  nsx $NS_S ip link set lo up
  nsx $NS_C ip link set lo up
  nsx $NS_S ip link set b-srv up
  nsx $NS_C ip link set b-cli up
  nsx $NS_S ip addr add 10.77.0.1/16 dev b-srv
  nsx $NS_C ip addr add 10.77.0.2/16 dev b-cli
  nsx $NS_S ip -6 addr add 2001:db8:77::1/64 dev b-srv nodad
  nsx $NS_C ip -6 addr add 2001:db8:77::2/64 dev b-cli nodad
  # both ends must have their link-local addresses before perfdhcp -6 starts
  for _ in $(seq 50); do
    nsx $NS_C ip -6 addr show dev b-cli scope link | grep -q 'inet6 fe80' \
      && ! nsx $NS_C ip -6 addr show dev b-cli | grep -q tentative \
      && ! nsx $NS_S ip -6 addr show dev b-srv | grep -q tentative && break
    sleep 0.1
  done
}

v4_pool_end() { # first + size - 1 inside 10.64.0.0/10 starting at 10.77.1.0, capped below 10.127.255.255
  local size=$1 first=$(( (10<<24) | (77<<16) | (1<<8) ))
  local last=$(( first + size - 1 ))
  local max=$(( (10<<24) | (127<<16) | (255<<8) | 254 ))
  [ $last -gt $max ] && last=$max
  printf '%d.%d.%d.%d' $(( last>>24 & 255 )) $(( last>>16 & 255 )) $(( last>>8 & 255 )) $(( last & 255 ))
}

DB_NAME=
database_json() { # database_json LEASEFILE
  case "$BACKEND" in
    memfile) printf '{ "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 }' "$1" ;;
    postgresql) printf '{ "type": "postgresql", "name": "%s", "host": "127.0.0.1", "port": 5432, "user": "postgres" }' \
      "$DB_NAME" ;;
    mysql) printf '{ "type": "mysql", "name": "%s", "host": "127.0.0.1", "port": 3306, "user": "root" }' "$DB_NAME" ;;
  esac
}

db_sql() { # db_sql STATEMENT: as the database's administrator, on the host's 127.0.0.1
  case "$BACKEND" in
    postgresql) psql -q -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$1" >/dev/null ;;
    mysql) mysql -h 127.0.0.1 -u root -e "$1" ;;
  esac
}

# A fresh, empty database for one server run: Kea's schema by kea-admin db-init, Tui's by its migrations at start.
create_db() { # create_db NAME
  [ "$BACKEND" = memfile ] && return 0
  drop_db
  db_sql "CREATE DATABASE $DB_NAME"
  case "$1" in
    kea|kea-mt)
      local b=pgsql u=postgres
      [ "$BACKEND" = mysql ] && { b=mysql; u=root; }
      kea-admin db-init $b -n "$DB_NAME" -u $u -p '' -h 127.0.0.1 </dev/null > "$OUT/kea-admin-$DB_NAME.log" 2>&1 \
        || { log "kea-admin db-init failed:"; tail -20 "$OUT/kea-admin-$DB_NAME.log" >&2; return 1; } ;;
  esac
}

drop_db() {
  [ "$BACKEND" = memfile ] || [ -z "$DB_NAME" ] && return 0
  if [ "$BACKEND" = postgresql ]; then
    db_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$DB_NAME'" || true
  fi
  db_sql "DROP DATABASE IF EXISTS $DB_NAME" || true
}

# socat in the server namespace: its 127.0.0.1:port to the database's UNIX socket on the host.
db_bridge() {
  [ "$BACKEND" = memfile ] && return 0
  [ -S "$DB_SOCKET" ] || { echo "no $BACKEND socket at $DB_SOCKET" >&2; exit 1; }
  nsx $NS_S socat "TCP-LISTEN:$DB_PORT,bind=127.0.0.1,reuseaddr,fork" "UNIX-CONNECT:$DB_SOCKET" \
    > "$OUT/socat.log" 2>&1 &
  for _ in $(seq 50); do nsx $NS_S ss -tlnH "sport = :$DB_PORT" | grep -q . && return 0; sleep 0.1; done
  echo "the database bridge did not start" >&2; exit 1
}

write_config() { # write_config FILE DIR MT
  local file=$1 dir=$2 mt=$3
  local mtjson='"multi-threading": { "enable-multi-threading": false }'
  [ "$mt" = 1 ] && mtjson='"multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 64 }'
  if [ $FAMILY = 4 ]; then
    local size=${POOL_SIZE:-200000}
    cat > "$file" <<EOF
{
  // written by benchmarks/system/perfdhcp-vs-kea.sh; given unchanged to Kea and Tui
  "Dhcp4": {
    "interfaces-config": { "interfaces": [ "b-srv" ], "dhcp-socket-type": "udp" },
    "lease-database": $(database_json "$dir/leases4.csv"),
    $mtjson,
    "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
    "expired-leases-processing": { "reclaim-timer-wait-time": 10, "flush-reclaimed-timer-wait-time": 25,
                                   "hold-reclaimed-time": 3600 },
    "subnet4": [ {
      "id": 1, "subnet": "10.64.0.0/10",
      "pools": [ { "pool": "10.77.1.0 - $(v4_pool_end "$size")" } ],
      "option-data": [ { "name": "routers", "data": "10.77.0.1" },
                       { "name": "domain-name-servers", "data": "10.77.0.1" } ]
    } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
                   "output_options": [ { "output": "$dir/server.log" } ] } ]
  }
}
EOF
  else
    local pool='"pools": [ { "pool": "2001:db8:77::1000 - 2001:db8:77::ffff:ffff" } ]'
    local pdpool='"pd-pools": [ { "prefix": "2001:db8:7700::", "prefix-len": 40, "delegated-len": 56 } ]'
    local iface='"interface": "b-srv",'
    [ "$RELAYED" = 1 ] && iface='"relay": { "ip-addresses": [ "2001:db8:77::2", "fe80::1" ] }, "interface": "b-srv",'
    cat > "$file" <<EOF
{
  // written by benchmarks/system/perfdhcp-vs-kea.sh; given unchanged to Kea and Tui
  "Dhcp6": {
    "interfaces-config": { "interfaces": [ "b-srv" ] },
    "lease-database": $(database_json "$dir/leases6.csv"),
    "server-id": { "type": "LL", "persist": false },
    "data-directory": "$dir",
    $mtjson,
    "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
    "subnet6": [ {
      "id": 1, "subnet": "2001:db8:77::/64", $iface
      $pool, $pdpool,
      "option-data": [ { "name": "dns-servers", "data": "2001:db8:77::1" } ]
    } ],
    "loggers": [ { "name": "kea-dhcp6", "severity": "WARN",
                   "output_options": [ { "output": "$dir/server.log" } ] } ]
  }
}
EOF
  fi
}

# Pre-fills the v4 pool to $FILL percent with leases of other clients (Kea's CSV; expiring in a day).
fill_leases() { # fill_leases FILE
  local file=$1 size=${POOL_SIZE:-200000}
  [ "$FILL" = 0 ] && return 0
  [ $FAMILY = 4 ] || { echo "--fill is only for -4" >&2; exit 2; }
  python3 - "$file" "$size" "$FILL" <<'EOF'
import sys, time
path, size, fill = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
n = int(size * fill / 100)
first = (10 << 24) | (77 << 16) | (1 << 8)
expire = int(time.time()) + 86400
with open(path, "w") as f:
    f.write("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n")
    for i in range(n):
        a = first + i
        ip = "%d.%d.%d.%d" % (a >> 24 & 255, a >> 16 & 255, a >> 8 & 255, a & 255)
        mac = "0a:%02x:%02x:%02x:%02x:%02x" % (i >> 32 & 255, i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255)
        f.write("%s,%s,,86400,%d,1,0,0,,0,\n" % (ip, mac, expire))
EOF
}

start_server() { # start_server NAME DIR
  local name=$1 dir=$2 cmd
  case "$name" in
    tui|tui-st) cmd=("$ROOT/bin/tui-dhcp$FAMILY" -c "$dir/server.json") ;;
    kea|kea-mt) cmd=("kea-dhcp$FAMILY" -c "$dir/server.json") ;;
  esac
  local port=67
  [ $FAMILY = 6 ] && port=547
  local t0
  t0=$(date +%s%N)
  [ "$PIN" = 1 ] && cmd=(taskset -c 1 "${cmd[@]}")
  KEA_PIDFILE_DIR="$dir" KEA_LOCKFILE_DIR="$dir" ip netns exec $NS_S "${cmd[@]}" > "$dir/stdout.log" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 600); do
    if ! kill -0 $SRV_PID 2>/dev/null; then
      log "$name exited at start:"; tail -20 "$dir/stdout.log" >&2; tail -20 "$dir/server.log" 2>/dev/null >&2 || true
      SRV_PID=; return 1
    fi
    nsx $NS_S ss -ulnH "sport = :$port" | grep -q . && break
    sleep 0.05
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 0.5
}

stop_server() {
  [ -n "${SRV_PID:-}" ] || return 0
  kill -TERM $SRV_PID 2>/dev/null || true
  for _ in $(seq 100); do kill -0 $SRV_PID 2>/dev/null || break; sleep 0.1; done
  kill -KILL $SRV_PID 2>/dev/null || true
  wait $SRV_PID 2>/dev/null || true
  SRV_PID=
}

# A cgroup limited to QUOTA% of one CPU in 10 ms periods (v2: cpu.max; v1: the cpu controller's CFS quota).
make_quota_group() {
  [ "$QUOTA" = 0 ] && return 0
  local period=10000 quota=$(( QUOTA * 100 ))
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control || echo +cpu > /sys/fs/cgroup/cgroup.subtree_control
    CG=/sys/fs/cgroup/tuibench$$
    mkdir -p "$CG"
    echo "$quota $period" > "$CG/cpu.max"
  elif [ -d /sys/fs/cgroup/cpu ]; then
    CG=/sys/fs/cgroup/cpu/tuibench$$
    mkdir -p "$CG"
    echo $period > "$CG/cpu.cfs_period_us"
    echo $quota > "$CG/cpu.cfs_quota_us"
  else
    echo "no cgroup cpu controller for --cpu-quota" >&2; exit 1
  fi
}

limit_server() { # after a settling pause, moves the server (every thread) into the quota group
  [ -n "$CG" ] && [ -n "${SRV_PID:-}" ] || return 0
  sleep "$SETTLE"
  echo "$SRV_PID" > "$CG/cgroup.procs"
}

udp_counters() { # a namespace's UDP and UDP6 counters: InDatagrams RcvbufErrors OutDatagrams (summed)
  nsx "$1" awk '/^Udp:/ && h4++ { i += $2; r += $6; o += $5 }
    FILENAME ~ /snmp6/ && /^Udp6(InDatagrams|OutDatagrams|RcvbufErrors)/ { v[$1] = $2 }
    END { print i + v["Udp6InDatagrams"], r + v["Udp6RcvbufErrors"], o + v["Udp6OutDatagrams"] }' \
    /proc/net/snmp /proc/net/snmp6 2>/dev/null || echo "0 0 0"
}

udp_delta() { # udp_delta BEFORE AFTER
  local a b
  read -r -a a <<< "$1"
  read -r -a b <<< "$2"
  echo "in $(( b[0] - a[0] )), receive-buffer drops $(( b[1] - a[1] )), out $(( b[2] - a[2] ))"
}

proc_cpu_ticks() { # user + system CPU ticks of a process (all its threads) so far
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

server_rss_kb() { # resident set of the server process tree (java or kea), in KiB
  local pids
  pids=$(pgrep -P "$SRV_PID" 2>/dev/null || true)
  ps -o rss= -p "$SRV_PID" $pids 2>/dev/null | awk '{s+=$1} END {print s+0}'
}

perf_args() { # perf_args RATE SECONDS [CLIENTS]: the perfdhcp arguments of one run
  local rate=$1 secs=$2 clients=${3:-$CLIENTS}
  if [ $FAMILY = 4 ]; then
    echo -4 -l b-cli -r "$rate" -R "$clients" -p "$secs" -W 2000000 10.77.0.1
  else
    echo -6 -l b-cli -e "$LEASE_TYPE" -r "$rate" -R "$clients" -p "$secs" -W 2000000
    [ "$RELAYED" = 1 ] && echo -A1
  fi
}

# perfdhcp one step; prints "drops_pct avg_delay_ms completed_per_s"
step() { # step RATE LOGFILE
  local rate=$1 logf=$2 warm
  if [ "$WARMUP" -gt 0 ]; then
    # other identities than the measured clients (-b), so the measured run still allocates fresh leases
    warm=(-b mac=02:0c:01:02:03:04)
    [ $FAMILY = 6 ] && warm=(-b duid=0001000100000000020c01020304)
    nsx $NS_C timeout $(( WARMUP + 30 )) "${PERF[@]}" $(perf_args "${WARMUP_RATE:-$START_RATE}" "$WARMUP" 5000) "${warm[@]}" \
      > "$logf.warmup" 2>&1 || true
  fi
  limit_server
  local cpu0 cpu1 s0 c0
  s0=$(udp_counters $NS_S)
  c0=$(udp_counters $NS_C)
  cpu0=$(proc_cpu_ticks "$SRV_PID")
  nsx $NS_C timeout $(( DURATION + 30 )) "${PERF[@]}" $(perf_args "$rate" "$DURATION") > "$logf" 2>&1 || true
  cpu1=$(proc_cpu_ticks "$SRV_PID")
  # where datagrams were lost: a full receive buffer at the server (its socket) or at perfdhcp
  { echo "server namespace, UDP counters over the run: $(udp_delta "$s0" "$(udp_counters $NS_S)")"
    echo "client namespace, UDP counters over the run: $(udp_delta "$c0" "$(udp_counters $NS_C)")"
  } > "$logf.udp" || true
  # Sum both exchanges: drops ratio = dropped / sent, delay = the mean of the two exchanges' average delays; the
  # server's CPU time (user + system, all threads) over the measured run per completed exchange, in microseconds.
  awk -v d="$DURATION" -v ticks=$(( cpu1 - cpu0 )) -v hz="$(getconf CLK_TCK)" 'BEGIN { n = 0 }
    /sent packets:/ { sent[n] = $3 + 0 }
    /received packets:/ { recv[n] = $3 + 0 }
    /^drops:/ { drops[n] = $2 + 0 }
    /avg delay:/ { delay[n] = $3 + 0; n++ }
    END {
      if (n < 2) { print "100 0 0 0"; exit }
      ts = sent[0] + sent[1]; td = drops[0] + drops[1]
      pct = ts > 0 ? 100 * td / ts : 100
      cpu = recv[1] > 0 ? 1e6 * ticks / hz / recv[1] : 0
      printf "%.3f %.3f %.0f %.1f\n", pct, (delay[0] + delay[1]) / 2, recv[1] / d, cpu
    }' "$logf"
}

# Highest rate with < 1% drops for one server: doubling ladder, then bisection. Prints "rate delay completed cpu".
search() { # search NAME DIR
  local name=$1 dir=$2 rate=$START_RATE good=0 good_delay=0 good_done=0 good_cpu=0 bad=0 r res pct delay completed cpu
  while [ $rate -le $MAX_RATE ]; do
    res=$(one "$name" "$dir" $rate) || return 1
    read -r pct delay completed cpu <<< "$res"
    log "$name rate $rate: drops $pct% avg delay ${delay} ms, $completed acks/s, server CPU ${cpu} us/exchange"
    if awk -v p="$pct" 'BEGIN { exit !(p < 1) }'; then
      good=$rate; good_delay=$delay; good_done=$completed; good_cpu=$cpu; rate=$(( rate * 2 ))
    else
      bad=$rate; break
    fi
  done
  if [ $bad -gt 0 ]; then
    for _ in $(seq "$BISECT"); do
      r=$(( (good + bad) / 2 ))
      [ $r -le $good ] && break
      res=$(one "$name" "$dir" $r) || return 1
      read -r pct delay completed cpu <<< "$res"
      log "$name rate $r: drops $pct% avg delay ${delay} ms, $completed acks/s, server CPU ${cpu} us/exchange"
      if awk -v p="$pct" 'BEGIN { exit !(p < 1) }'; then
        good=$r; good_delay=$delay; good_done=$completed; good_cpu=$cpu
      else
        bad=$r
      fi
    done
  fi
  echo "$good $good_delay $good_done $good_cpu"
}

one() { # one NAME DIR RATE: fresh server (empty or pre-filled store), one perfdhcp step
  local name=$1 dir=$2 rate=$3
  rm -f "$dir"/leases*.csv* "$dir"/*.pid "$dir"/server.log*
  [ $FAMILY = 4 ] && fill_leases "$dir/leases4.csv"
  create_db "$name" || return 1
  start_server "$name" "$dir" || { drop_db; return 1; }
  local res
  res=$(step "$rate" "$dir/perfdhcp-$rate.log")
  stop_server
  drop_db
  echo "$res"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

[ "$BACKEND" = memfile ] || [ "$FILL" = 0 ] || { echo "--fill is only for memfile" >&2; exit 2; }
PERF=(perfdhcp)
[ "$PIN" = 1 ] && PERF=(taskset -c 0 perfdhcp)
if [ -n "$CLIENT_RCVBUF" ]; then
  RMEM_DEFAULT_WAS=$(cat /proc/sys/net/core/rmem_default)
  if [ "$(cat /proc/sys/net/core/rmem_max)" -lt "$CLIENT_RCVBUF" ]; then
    RMEM_MAX_WAS=$(cat /proc/sys/net/core/rmem_max)
    echo "$CLIENT_RCVBUF" > /proc/sys/net/core/rmem_max
  fi
  echo "$CLIENT_RCVBUF" > /proc/sys/net/core/rmem_default
fi
make_quota_group
topology
db_bridge
log "results in $OUT"
declare -A RATE DELAY DONE CPU STARTUP RSS
for name in ${SERVERS//,/ }; do
  dir="$OUT/$name"
  mkdir -p "$dir"
  chmod 755 "$dir"
  mt=0
  [ "$name" = kea-mt ] && mt=1
  [ "$name" = tui ] && mt=1
  DB_NAME="tuibench_${name//-/_}_$$"
  write_config "$dir/server.json" "$dir" $mt
  rates=(); delays=(); dones=(); cpus=()
  for i in $(seq "$REPEAT"); do
    read -r r dl dn c <<< "$(search "$name" "$dir")"
    rates+=("$r"); delays+=("$dl"); dones+=("$dn"); cpus+=("$c")
  done
  RATE[$name]=$(printf '%s\n' "${rates[@]}" | median)
  DELAY[$name]=$(printf '%s\n' "${delays[@]}" | median)
  DONE[$name]=$(printf '%s\n' "${dones[@]}" | median)
  CPU[$name]=$(printf '%s\n' "${cpus[@]}" | median)
  # start-up time and resident memory with the store as the runs left it (or pre-filled)
  rm -f "$dir"/*.pid
  [ $FAMILY = 4 ] && fill_leases "$dir/leases4.csv"
  create_db "$name" && start_server "$name" "$dir" \
    && { STARTUP[$name]=$STARTUP_MS; RSS[$name]=$(server_rss_kb); stop_server; }
  drop_db
done

echo
quota_text=""
[ "$QUOTA" != 0 ] && quota_text=", each server limited to ${QUOTA}% of one CPU after its warm-up"
[ -n "$CLIENT_RCVBUF" ] && quota_text="$quota_text, client receive buffers $CLIENT_RCVBUF bytes"
echo "perfdhcp -$FAMILY, backend $BACKEND, $CLIENTS clients, ${DURATION}s steps, fill ${FILL}%, $(nproc) cores$quota_text, $(date -u +%F)"
echo
echo "| server | highest rate with <1% drops (exchanges/s) | completed/s | avg delay at that rate (ms) | server CPU (us/exchange) | start-up (ms) | RSS (MiB) |"
echo "|---|---|---|---|---|---|---|"
for name in ${SERVERS//,/ }; do
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "${RATE[$name]}" "${DONE[$name]}" "${DELAY[$name]}" "${CPU[$name]}" \
    "${STARTUP[$name]:-?}" "$(( ${RSS[$name]:-0} / 1024 ))"
done
best_kea=0
for name in kea kea-mt; do
  [ -n "${RATE[$name]:-}" ] && [ "${RATE[$name]}" -gt $best_kea ] && best_kea=${RATE[$name]}
done
if [ -n "${RATE[tui]:-}" ] && [ $best_kea -gt 0 ]; then
  echo
  awk -v t="${RATE[tui]}" -v k=$best_kea 'BEGIN { printf "ratio tui / best kea: %.2fx\n", t / k }'
fi
echo "logs: $OUT"
