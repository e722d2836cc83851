#!/usr/bin/env bash
# Runs tui-dhcp4 on the shipped memfile example (examples/kea-dhcp4-memfile.json) where it cannot touch a real
# network: in a network namespace whose interface veth-tui0 (the one the example names) is joined by a veth pair to a
# client namespace. perfdhcp then gets leases from it as a relay would (4-way exchanges), the lease file is printed,
# and the server is stopped with SIGTERM. Needs root (network namespaces) and perfdhcp (Debian's kea-admin package)
# for the client side; without perfdhcp the server runs until Ctrl-C.
#
#   examples/run-example.sh [SECONDS]      (default: 5 seconds of client traffic)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-5}
[ "$(id -u)" = 0 ] || { echo "run as root: the example runs in network namespaces" >&2; exit 1; }
srv=tuiex-srv-$$
cli=tuiex-cli-$$
work=$(mktemp -d /tmp/tui-example.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  ip netns del "$srv" 2>/dev/null || true
  ip netns del "$cli" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$srv"
ip netns add "$cli"
ip link add veth-tui0 netns "$srv" type veth peer name veth-tui1 netns "$cli"
ip -n "$srv" link set lo up
ip -n "$cli" link set lo up
ip -n "$srv" addr add 198.51.100.1/24 dev veth-tui0
ip -n "$cli" addr add 198.51.100.2/24 dev veth-tui1
ip -n "$srv" link set veth-tui0 up
ip -n "$cli" link set veth-tui1 up

rm -f /tmp/tui-example-leases4.csv*
echo "== tui-dhcp4 -c examples/kea-dhcp4-memfile.json (in namespace $srv)"
KEA_PIDFILE_DIR=$work ip netns exec "$srv" "$root/bin/tui-dhcp4" -c "$root/examples/kea-dhcp4-memfile.json" &
pid=$!
for _ in $(seq 100); do
  ip netns exec "$srv" ss -ulnH 'sport = :67' | grep -q . && break
  kill -0 "$pid" 2>/dev/null || { echo "tui-dhcp4 did not start" >&2; exit 1; }
  sleep 0.1
done

if ! command -v perfdhcp >/dev/null; then
  echo "== perfdhcp is not installed (apt-get install kea-admin); the server runs until Ctrl-C"
  wait "$pid"
  exit $?
fi
echo "== perfdhcp: 10 clients, 4-way exchanges for $secs s (relayed: giaddr 198.51.100.2 selects the subnet)"
ip netns exec "$cli" perfdhcp -4 -l veth-tui1 -R 10 -r 10 -p "$secs" 198.51.100.1 \
  | grep -E 'Statistics for|sent packets|received packets|rejected leases|non unique' || true
echo "== the lease file Tui wrote (Kea's CSV)"
echo "($(($(wc -l < /tmp/tui-example-leases4.csv) - 1)) rows; every renewal is a row, the last row of an address wins; the last 12:)"
tail -n 12 /tmp/tui-example-leases4.csv
kill -TERM "$pid"
wait "$pid" && echo "== tui-dhcp4 stopped cleanly on SIGTERM"
pid=
