#!/usr/bin/env bash
# Capture real DHCPv4/DHCPv6 exchanges between Debian's Kea 2.2 and real clients as test
# vectors for Tui's wire codecs.
#
# Usage (as root):  tools/capture-vectors.sh [output-dir]
#   output-dir defaults to dhcp-core/src/test/resources/vectors (pcaps go to v4/ and v6/).
#   Needs iproute2, util-linux (unshare, setsid), ethtool, tcpdump, Kea 2.2 and the clients.
#   Environment: TUIV_ONLY="v4_dhclient v6_relay ..." runs only those scenarios (the function
#   names below); TUIV_KEEP_TMP=1 keeps the temp dir with all logs; TUIV_HOLD=<s> pauses after
#   the topology is up, for debugging by hand.
#
# Topology (all inside network namespaces created here and removed on exit):
#
#   tuiv-cli                         tuiv-srv                        tuiv-rel
#   c-srv  <------ veth ------>  s-cli 192.0.2.1/25
#                                      2001:db8:1::1/64
#                                s-rel 198.51.100.1/24  <-- veth --> r-srv 198.51.100.2/24
#                                      2001:db8:ff::1/64                   2001:db8:ff::2/64
#   c-rel  <------------------------ veth ------------------------> r-cli 192.0.2.129/25
#                                                                          2001:db8:2::1/64
#
# Kea runs in tuiv-srv, relays in tuiv-rel, clients in tuiv-cli. Every client runs inside a
# private mount namespace in which its compiled-in state directories (/var/lib/dhcp,
# /var/lib/dhcpcd, /var/lib/dhcpv6, /run) are replaced by directories in the temp dir, and
# gets its lease, pid and DUID files in the temp dir on the command line where it has flags
# for them. Hooks are a no-op script. No traffic leaves the namespaces.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CONF="$REPO/tools/vectors"
OUT=${1:-"$REPO/dhcp-core/src/test/resources/vectors"}
NS_SRV=tuiv-srv
NS_REL=tuiv-rel
NS_CLI=tuiv-cli

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
for bin in kea-dhcp4 kea-dhcp6 perfdhcp dhclient dhcpcd udhcpc dhcrelay dhcp6c tcpdump ethtool ip unshare setsid timeout; do
  command -v "$bin" >/dev/null || { echo "missing $bin" >&2; exit 1; }
done

T=$(mktemp -d /tmp/tuiv.XXXXXX)
chmod 755 "$T"
LOG="$T/capture.log"
PIDS=()

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$LOG" >&2; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for ns in $NS_CLI $NS_REL $NS_SRV; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns"); do kill "$pid" 2>/dev/null; done
    fi
  done
  sleep 0.5
  for ns in $NS_CLI $NS_REL $NS_SRV; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns"); do kill -9 "$pid" 2>/dev/null; done
      ip netns del "$ns"
    fi
  done
  if [ "$rc" != 0 ]; then
    echo "capture failed (rc=$rc); logs kept in $T" >&2
  elif [ -z "${TUIV_KEEP_TMP:-}" ]; then
    rm -rf "$T"
  fi
  exit "$rc"
}
trap cleanup EXIT INT TERM

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Runs a command in namespace $1 inside a private mount namespace whose client state
# directories are bind-mounted from the temp dir, so no client can write a host file.
ISO_BODY='set -e
  mount --bind "$0/state/var-lib-dhcp" /var/lib/dhcp
  mount --bind "$0/state/var-lib-dhcpcd" /var/lib/dhcpcd
  mount --bind "$0/state/var-lib-dhcpv6" /var/lib/dhcpv6
  mount -t tmpfs -o size=4m tuiv-run /run
  mkdir -p /run/dhcpcd
  exec "$@"'
iso() {
  local ns=$1; shift
  ip netns exec "$ns" unshare --mount --propagation private bash -c "$ISO_BODY" "$T" "$@"
}
# Background variants: setsid gives each daemon its own process group, so signals sent to
# it (and the ones timeout forwards) never reach this script; $! is the daemon's pid.
bg_ns() { # bg_ns NS LOGFILE cmd...   -> sets BG_PID
  local ns=$1 out=$2; shift 2
  setsid ip netns exec "$ns" "$@" > "$out" 2>&1 &
  BG_PID=$!; PIDS+=("$BG_PID")
}
bg_iso() { # bg_iso NS LOGFILE cmd... -> sets BG_PID
  local ns=$1 out=$2; shift 2
  setsid ip netns exec "$ns" unshare --mount --propagation private bash -c "$ISO_BODY" "$T" "$@" > "$out" 2>&1 &
  BG_PID=$!; PIDS+=("$BG_PID")
}
stop_bg() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

wait_for() { # wait_for SECONDS description command...
  local secs=$1 what=$2; shift 2
  local end=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $end ]; then log "timeout waiting for $what"; return 1; fi
    sleep 0.2
  done
}

render() { sed "s#@TMP@#$T#g" "$1" > "$2"; }

# ---------------------------------------------------------------- topology
topology() {
  for ns in $NS_SRV $NS_REL $NS_CLI; do
    ip netns add "$ns"
    nsx "$ns" ip link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 \
      net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.all.accept_ra=0
  done
  ip link add c-srv netns $NS_CLI type veth peer name s-cli netns $NS_SRV
  ip link add s-rel netns $NS_SRV type veth peer name r-srv netns $NS_REL
  ip link add c-rel netns $NS_CLI type veth peer name r-cli netns $NS_REL
  nsx $NS_SRV ip link set s-cli address 02:00:5e:00:53:01
  nsx $NS_SRV ip link set s-rel address 02:00:5e:00:53:02
  nsx $NS_REL ip link set r-srv address 02:00:5e:00:53:03
  nsx $NS_REL ip link set r-cli address 02:00:5e:00:53:04
  nsx $NS_SRV ip addr add 192.0.2.1/25 dev s-cli
  nsx $NS_SRV ip addr add 2001:db8:1::1/64 dev s-cli nodad
  nsx $NS_SRV ip addr add 198.51.100.1/24 dev s-rel
  nsx $NS_SRV ip addr add 2001:db8:ff::1/64 dev s-rel nodad
  nsx $NS_REL ip addr add 198.51.100.2/24 dev r-srv
  nsx $NS_REL ip addr add 2001:db8:ff::2/64 dev r-srv nodad
  nsx $NS_REL ip addr add 192.0.2.129/25 dev r-cli
  nsx $NS_REL ip addr add 2001:db8:2::1/64 dev r-cli nodad
  for l in "$NS_SRV s-cli" "$NS_SRV s-rel" "$NS_REL r-srv" "$NS_REL r-cli"; do
    set -- $l; nsx "$1" ip link set "$2" up
  done
  # the client's static address is outside the pool; it only gives unicast RELEASE a route
  set_client_mac c-srv 02:00:5e:00:53:10
  nsx $NS_CLI ip addr add 192.0.2.126/25 dev c-srv
  set_client_mac c-rel 02:00:5e:00:53:20
  # veth leaves UDP checksums to "hardware"; compute them in software so the pcaps hold
  # the checksums a real wire would carry
  for l in "$NS_SRV s-cli" "$NS_SRV s-rel" "$NS_REL r-srv" "$NS_REL r-cli" "$NS_CLI c-srv" "$NS_CLI c-rel"; do
    set -- $l; nsx "$1" ethtool -K "$2" tx off >/dev/null
  done
  nsx $NS_SRV ip route add 192.0.2.128/25 via 198.51.100.2
  nsx $NS_SRV ip -6 route add 2001:db8:2::/64 via 2001:db8:ff::2
  sleep 1
}

set_client_mac() { # set_client_mac IFACE MAC: new MAC, new link-local address
  nsx $NS_CLI ip link set "$1" down
  nsx $NS_CLI ip link set "$1" address "$2"
  # dhcpcd switches the kernel's link-local generation off; switch it back on
  nsx $NS_CLI ip link set "$1" addrgenmode eui64
  nsx $NS_CLI ip link set "$1" up
  wait_for 10 "link-local on $1" bash -c \
    "ip netns exec $NS_CLI ip -6 addr show dev $1 scope link | grep -q inet6"
}

# ---------------------------------------------------------------- Kea
KEA_PID=
start_kea() { # start_kea 4|6 config-template
  local v=$1 tpl=$2 name; name=$(basename "$tpl" .json)
  render "$tpl" "$T/$name.json"
  mkdir -p "$T/kea-run"
  bg_ns $NS_SRV "$T/$name.log" env KEA_PIDFILE_DIR="$T/kea-run" KEA_LOCKFILE_DIR="$T/kea-run" \
    timeout 600 kea-dhcp$v -c "$T/$name.json"
  KEA_PID=$BG_PID
  wait_for 15 "kea-dhcp$v start" grep -q "DHCP${v}_STARTED" "$T/$name.log" \
    || { cat "$T/$name.log" >&2; return 1; }
  log "kea-dhcp$v started with $name"
}
stop_kea() {
  stop_bg "$KEA_PID"
  rm -f "$T"/kea-leases*.csv*
}

# ---------------------------------------------------------------- capture
CAP_PID=
CAP_FILE=
start_cap() { # start_cap OUTFILE NS IFACE FILTER
  CAP_FILE=$1
  mkdir -p "$(dirname "$CAP_FILE")"
  local name; name=$(basename "$CAP_FILE" .pcap)
  rm -f "$T/cap.pcap"
  bg_ns "$2" "$T/tcpdump-$name.log" timeout 300 tcpdump -i "$3" -s 0 -U -n -w "$T/cap.pcap" "$4"
  CAP_PID=$BG_PID
  wait_for 10 "tcpdump on $3" grep -q "listening on" "$T/tcpdump-$name.log"
}
stop_cap() {
  sleep 1
  stop_bg "$CAP_PID"
  cp "$T/cap.pcap" "$CAP_FILE"
  log "wrote $CAP_FILE ($(tcpdump -r "$CAP_FILE" -n 2>/dev/null | wc -l) packets)"
  # a decoded text next to each pcap, for readers and for writing assertions
  tcpdump -r "$CAP_FILE" -n -vv 2>/dev/null | sed -E 's/^[0-9:.]+ //' > "${CAP_FILE%.pcap}.txt" || true
}

# A second capture, in the relay namespace on the "any" pseudo-interface, holds both legs of
# a relayed exchange in Linux cooked framing (SLL or SLL2), to exercise the pcap reader.
EXTRA_PID=
EXTRA_FILE=
start_extra_cap() { # start_extra_cap OUTFILE NS FILTER LINKTYPE
  EXTRA_FILE=$1
  local name; name=$(basename "$EXTRA_FILE" .pcap)
  rm -f "$T/extra.pcap"
  bg_ns "$2" "$T/tcpdump-$name.log" timeout 300 tcpdump -i any -y "$4" -s 0 -U -n -w "$T/extra.pcap" "$3"
  EXTRA_PID=$BG_PID
  wait_for 10 "tcpdump on any" grep -q "listening on" "$T/tcpdump-$name.log"
}
stop_extra_cap() {
  stop_bg "$EXTRA_PID"
  cp "$T/extra.pcap" "$EXTRA_FILE"
  log "wrote $EXTRA_FILE ($(tcpdump -r "$EXTRA_FILE" -n 2>/dev/null | wc -l) packets)"
  tcpdump -r "$EXTRA_FILE" -n -vv 2>/dev/null | sed -E 's/^[0-9:.]+ //' > "${EXTRA_FILE%.pcap}.txt" || true
}

F4='udp and (port 67 or port 68)'
F6='udp and (port 546 or port 547)'
NOOP="$T/noop-script.sh"

# ---------------------------------------------------------------- v4 scenarios
v4_dhclient() {
  set_client_mac c-srv 02:00:5e:00:53:11
  start_cap "$OUT/v4/dhclient-dora-release.pcap" $NS_SRV s-cli "$F4"
  local args=(-4 -v -sf "$NOOP" -lf "$T/dhclient4.leases" -pf "$T/dhclient4.pid" -cf "$T/empty.conf")
  iso $NS_CLI timeout 30 dhclient -1 "${args[@]}" c-srv >> "$LOG" 2>&1
  sleep 1
  iso $NS_CLI timeout 15 dhclient -r "${args[@]}" c-srv >> "$LOG" 2>&1
  stop_cap
}

v4_dhcpcd() {
  set_client_mac c-srv 02:00:5e:00:53:12
  start_cap "$OUT/v4/dhcpcd-dora-release.pcap" $NS_SRV s-cli "$F4"
  bg_iso $NS_CLI "$T/dhcpcd4.log" timeout 60 dhcpcd -B -4 -f "$CONF/dhcpcd4.conf" -c /bin/true c-srv
  local pid=$BG_PID
  wait_for 30 "dhcpcd v4 lease" bash -c "ls $T/state/var-lib-dhcpcd/ | grep -q 'c-srv.*lease$'"
  sleep 1
  stop_bg "$pid"
  stop_cap
  nsx $NS_CLI ip -4 addr flush dev c-srv
  nsx $NS_CLI ip addr add 192.0.2.126/25 dev c-srv
}

v4_udhcpc() {
  set_client_mac c-srv 02:00:5e:00:53:13
  start_cap "$OUT/v4/udhcpc-dora-release.pcap" $NS_SRV s-cli "$F4"
  # udhcpc sends its RELEASE from the leased address, so its script adds that address to
  # c-srv (inside tuiv-cli only) when bound; SIGTERM with -R makes it send the RELEASE.
  bg_iso $NS_CLI "$T/udhcpc.log" timeout 30 udhcpc -f -i c-srv -n -R -t 5 -T 2 -s "$T/udhcpc-script.sh" \
    -p "$T/udhcpc.pid" -x hostname:tui-udhcpc
  local pid=$BG_PID
  wait_for 20 "udhcpc bound" grep -q "udhcpc-script.sh bound" "$T/script.log"
  sleep 1
  stop_bg "$pid"
  cat "$T/udhcpc.log" >> "$LOG"
  stop_cap
}

# perfdhcp stops sending once -n exchanges are started, so now and then the last REQUEST
# is never sent; repeat such a run (at most 3 times) until every exchange completed.
perf_capture() { # perf_capture PCAP IFACE FILTER EXPECTED-PACKETS perfdhcp-args...
  local pcap=$1 iface=$2 filter=$3 want=$4 try got; shift 4
  for try in 1 2 3; do
    start_cap "$pcap" $NS_SRV "$iface" "$filter"
    nsx $NS_CLI timeout 60 perfdhcp "$@" >> "$LOG" 2>&1 || true
    stop_cap
    got=$(tcpdump -r "$pcap" -n 2>/dev/null | wc -l)
    [ "$got" = "$want" ] && return 0
    log "perfdhcp run $try gave $got packets, want $want; again"
  done
  return 1
}

v4_perfdhcp() {
  set_client_mac c-srv 02:00:5e:00:53:16
  perf_capture "$OUT/v4/perfdhcp-dora.pcap" s-cli "$F4" 12 \
    -4 -l c-srv -R 3 -n 3 -r 10 -p 10 -W 1000000 -s 1 192.0.2.1
}

v4_perfdhcp_opt82() {
  set_client_mac c-srv 02:00:5e:00:53:17
  # perfdhcp acts as a relay (giaddr set); -o adds option 82 with circuit-id "tor-1/07"
  # and remote-id 00:00:5e:00:53:99
  perf_capture "$OUT/v4/perfdhcp-option82.pcap" s-cli "$F4" 12 \
    -4 -l c-srv -R 3 -n 3 -r 10 -p 10 -W 1000000 -s 2 -o 82,0108746f722d312f3037020600005e005399 192.0.2.1
}

v4_relay() {
  set_client_mac c-rel 02:00:5e:00:53:21
  bg_ns $NS_REL "$T/dhcrelay4.log" timeout 120 dhcrelay -4 -d -a -i r-cli -i r-srv -pf "$T/dhcrelay4.pid" 198.51.100.1
  local rpid=$BG_PID
  sleep 1
  start_cap "$OUT/v4/dhcrelay-option82-server-side.pcap" $NS_SRV s-rel "$F4"
  start_extra_cap "$OUT/v4/dhcrelay-both-legs-sll.pcap" $NS_REL "$F4" LINUX_SLL
  local args=(-4 -v -sf "$NOOP" -lf "$T/dhclient4r.leases" -pf "$T/dhclient4r.pid" -cf "$T/empty.conf")
  iso $NS_CLI timeout 30 dhclient -1 "${args[@]}" c-rel >> "$LOG" 2>&1
  sleep 1
  # no address on c-rel, so the client cannot unicast a RELEASE; just stop it
  kill "$(cat "$T/dhclient4r.pid")" 2>/dev/null || true
  stop_cap
  stop_extra_cap
  stop_bg "$rpid"
}

v4_vendor() {
  set_client_mac c-srv 02:00:5e:00:53:14
  start_cap "$OUT/v4/kea-vendor-options.pcap" $NS_SRV s-cli "$F4"
  local args=(-4 -v -sf "$NOOP" -lf "$T/dhclient4v.leases" -pf "$T/dhclient4v.pid" -cf "$CONF/dhclient4-vendor.conf")
  iso $NS_CLI timeout 30 dhclient -1 "${args[@]}" c-srv >> "$LOG" 2>&1
  sleep 1
  iso $NS_CLI timeout 15 dhclient -r "${args[@]}" c-srv >> "$LOG" 2>&1
  stop_cap
}

v4_options() {
  set_client_mac c-srv 02:00:5e:00:53:15
  start_cap "$OUT/v4/kea-many-options.pcap" $NS_SRV s-cli "$F4"
  local args=(-4 -v -sf "$NOOP" -lf "$T/dhclient4o.leases" -pf "$T/dhclient4o.pid" -cf "$CONF/dhclient4-options.conf")
  iso $NS_CLI timeout 30 dhclient -1 "${args[@]}" c-srv >> "$LOG" 2>&1
  sleep 1
  iso $NS_CLI timeout 15 dhclient -r "${args[@]}" c-srv >> "$LOG" 2>&1
  stop_cap
}

# ---------------------------------------------------------------- v6 scenarios
v6_dhclient_na() {
  set_client_mac c-srv 02:00:5e:00:53:31
  start_cap "$OUT/v6/dhclient-ia-na.pcap" $NS_SRV s-cli "$F6"
  local args=(-6 -v -sf "$NOOP" -lf "$T/dhclient6.leases" -pf "$T/dhclient6.pid" -cf "$T/empty.conf")
  iso $NS_CLI timeout 30 dhclient -1 -N "${args[@]}" c-srv >> "$LOG" 2>&1
  sleep 7   # renew-timer is 5 s: wait for one RENEW/REPLY
  iso $NS_CLI timeout 15 dhclient -r -N "${args[@]}" c-srv >> "$LOG" 2>&1
  stop_cap
}

v6_dhclient_pd() {
  set_client_mac c-srv 02:00:5e:00:53:32
  start_cap "$OUT/v6/dhclient-ia-pd.pcap" $NS_SRV s-cli "$F6"
  local args=(-6 -v -D LL -sf "$NOOP" -lf "$T/dhclient6p.leases" -pf "$T/dhclient6p.pid" -cf "$T/empty.conf")
  iso $NS_CLI timeout 30 dhclient -1 -P "${args[@]}" c-srv >> "$LOG" 2>&1
  sleep 1
  iso $NS_CLI timeout 15 dhclient -r -P "${args[@]}" c-srv >> "$LOG" 2>&1
  stop_cap
}

v6_dhcpcd() {
  set_client_mac c-srv 02:00:5e:00:53:33
  start_cap "$OUT/v6/dhcpcd-ia-na-pd.pcap" $NS_SRV s-cli "$F6"
  bg_iso $NS_CLI "$T/dhcpcd6.log" timeout 60 dhcpcd -B -6 -f "$CONF/dhcpcd6.conf" -c /bin/true c-srv
  local pid=$BG_PID
  wait_for 30 "dhcpcd v6 lease" bash -c "ls $T/state/var-lib-dhcpcd/ | grep -q 'c-srv.*lease6$'"
  sleep 1
  stop_bg "$pid"
  stop_cap
  nsx $NS_CLI ip -6 addr flush dev c-srv scope global
}

v6_dhcp6c() {
  set_client_mac c-srv 02:00:5e:00:53:34
  render "$CONF/dhcp6c.conf" "$T/dhcp6c.conf"
  start_cap "$OUT/v6/wide-dhcp6c-ia-na-pd.pcap" $NS_SRV s-cli "$F6"
  bg_iso $NS_CLI "$T/dhcp6c.log" timeout 60 dhcp6c -f -D -c "$T/dhcp6c.conf" -p "$T/dhcp6c.pid" c-srv
  local pid=$BG_PID
  wait_for 30 "dhcp6c script" grep -q "REASON=NBI" "$T/script.log"
  sleep 1
  stop_bg "$pid"   # SIGTERM: dhcp6c sends RELEASE
  stop_cap
  nsx $NS_CLI ip -6 addr flush dev c-srv scope global
}

v6_perfdhcp() {
  set_client_mac c-srv 02:00:5e:00:53:35
  perf_capture "$OUT/v6/perfdhcp-address-and-prefix.pcap" s-cli "$F6" 12 \
    -6 -l c-srv -e address-and-prefix -R 3 -n 3 -r 10 -p 10 -W 1000000 -s 3
}

v6_relay() {
  set_client_mac c-rel 02:00:5e:00:53:41
  bg_ns $NS_REL "$T/dhcrelay6.log" timeout 120 dhcrelay -6 -d -I -l r-cli -u 2001:db8:ff::1%r-srv -pf "$T/dhcrelay6.pid"
  local rpid=$BG_PID
  sleep 1
  start_cap "$OUT/v6/dhcrelay-relay-forw-server-side.pcap" $NS_SRV s-rel "$F6"
  start_extra_cap "$OUT/v6/dhcrelay-both-legs-sll2.pcap" $NS_REL "$F6" LINUX_SLL2
  local args=(-6 -v -sf "$NOOP" -lf "$T/dhclient6r.leases" -pf "$T/dhclient6r.pid" -cf "$T/empty.conf")
  iso $NS_CLI timeout 30 dhclient -1 -N "${args[@]}" c-rel >> "$LOG" 2>&1
  sleep 1
  iso $NS_CLI timeout 15 dhclient -r -N "${args[@]}" c-rel >> "$LOG" 2>&1
  stop_cap
  stop_extra_cap
  stop_bg "$rpid"
}

# ---------------------------------------------------------------- main
mkdir -p "$T/state/var-lib-dhcp" "$T/state/var-lib-dhcpcd" "$T/state/var-lib-dhcpv6" "$OUT/v4" "$OUT/v6"
cp "$CONF/noop-script.sh" "$NOOP"
cp "$CONF/udhcpc-script.sh" "$T/udhcpc-script.sh"
: > "$T/empty.conf"
export TUIV_SCRIPT_LOG="$T/script.log"
ONLY=${TUIV_ONLY:-all}
run() { if [ "$ONLY" = all ] || [[ " $ONLY " == *" $1 "* ]]; then log "scenario $1"; "$1"; fi; }

topology

start_kea 4 "$CONF/kea4-basic.json"
if [ -n "${TUIV_HOLD:-}" ]; then log "holding for $TUIV_HOLD s (debug), tmp $T"; sleep "$TUIV_HOLD"; fi
run v4_dhclient
run v4_dhcpcd
run v4_udhcpc
run v4_perfdhcp
run v4_perfdhcp_opt82
run v4_relay
stop_kea

start_kea 4 "$CONF/kea4-vendor.json"
run v4_vendor
stop_kea

start_kea 4 "$CONF/kea4-options.json"
run v4_options
stop_kea

start_kea 6 "$CONF/kea6.json"
run v6_dhclient_na
run v6_dhclient_pd
run v6_dhcpcd
run v6_dhcp6c
run v6_perfdhcp
run v6_relay
stop_kea

# the Kea configs next to the pcaps they produced (paths under @TMP@ are irrelevant there)
cp "$CONF/kea4-basic.json" "$CONF/kea4-vendor.json" "$CONF/kea4-options.json" "$OUT/v4/"
cp "$CONF/kea6.json" "$OUT/v6/"
log "done; versions:"
dpkg-query -W kea-dhcp4-server kea-dhcp6-server kea-admin isc-dhcp-client isc-dhcp-relay dhcpcd-base \
  udhcpc wide-dhcpv6-client tcpdump | tee -a "$LOG" >&2
