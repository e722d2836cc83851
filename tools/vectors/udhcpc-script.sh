#!/bin/sh
# udhcpc hook for tools/capture-vectors.sh. It runs inside the tuiv-cli namespace only:
# on bound it puts the leased address on the interface (udhcpc sends its RELEASE from that
# address), on deconfig it removes it again. It touches no host file.
echo "$0 $1 ip=${ip:-} interface=${interface:-}" >> "${TUIV_SCRIPT_LOG:-$(dirname "$0")/script.log}"
case "$1" in
  bound|renew) ip addr replace "$ip/${mask:-24}" dev "$interface" ;;
  deconfig) [ -n "$ip" ] && ip addr del "$ip/${mask:-24}" dev "$interface" 2>/dev/null ;;
esac
exit 0
