#!/bin/sh
# No-op client hook for tools/capture-vectors.sh: dhclient (-sf), udhcpc (-s) and dhcp6c
# call it on every state change. It records the call and changes nothing on the host.
echo "$0 $* reason=${reason:-} REASON=${REASON:-} ${interface:-}" >> "${TUIV_SCRIPT_LOG:-$(dirname "$0")/script.log}"
exit 0
