#!/usr/bin/env bash
# Makes the PEM files the control-channel TLS tests use (control-channel/src/test/resources/tls): a test CA, a
# server certificate for 127.0.0.1/localhost, a client certificate, and a second ("rogue") CA with its own client
# certificate that the server must refuse. Valid for 100 years; test use only, never for a real server.
set -euo pipefail
out="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/control-channel/src/test/resources/tls"
mkdir -p "$out"
cd "$out"
days=36500
ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1-key.pem" -out "$1.pem" -days $days -subj "$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
}
leaf() { # name ca subject extfile-lines
  openssl req -newkey rsa:2048 -nodes -keyout "$1-key.pem" -out "$1.csr" -subj "$3" 2>/dev/null
  printf '%s\n' "$4" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -out "$1.pem" -days $days \
    -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
ca ca "/CN=Tui test CA"
ca rogue-ca "/CN=Rogue test CA"
leaf server ca "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
leaf client ca "/CN=tui-admin" "extendedKeyUsage=clientAuth"
leaf rogue-client rogue-ca "/CN=intruder" "extendedKeyUsage=clientAuth"
# PKCS#1 copy of the server key: the server must read that form too
openssl rsa -in server-key.pem -traditional -out server-key-rsa.pem 2>/dev/null
rm -f ./*.srl
