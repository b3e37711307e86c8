#!/usr/bin/env bash
# Upload one document into the agency's SFTP drop box (inbox/) and print its receipt (receipts/<name>.receipt.json).
#   usage: examples/clients/sftp_send.sh [--host H] [--port P] [--login L] [--wait SECONDS] DOCUMENT
# Needs bash and curl (with SFTP, as Debian's). Options default to the environment (HUB_HOST, HUB_SFTP_PORT,
# AGENCY_LOGIN, RECEIPT_WAIT_SECONDS), then to README's Run: 127.0.0.1, 2222, mz, 60. The password comes from
# AGENCY_PASSWORD, never from the command line (where ps shows it), and reaches curl on its standard input; without
# it, the login's demo password from this checkout's config/demo-credentials.properties is used.
# HUB_SFTP_HOST_KEY_SHA256: the hub's host key fingerprint (`ssh-keygen -lf sftp-host-key.pub`, after "SHA256:");
# without it the host key is not checked (a demo only: the password would go to whoever answers).
# The receipt JSON goes to stdout, progress to stderr. Exit 0 with a receipt (whatever its status), 1 without one,
# 2 on wrong usage.
set -euo pipefail

usage() { echo "sftp_send.sh: $1" >&2; sed -n 3p "$0" | cut -c3- >&2; exit 2; }
fail() { echo "sftp_send.sh: $1" >&2; exit 1; }

host="${HUB_HOST:-127.0.0.1}"
port="${HUB_SFTP_PORT:-2222}"
login="${AGENCY_LOGIN:-mz}"
wait="${RECEIPT_WAIT_SECONDS:-60}"
document=""
while [ $# -gt 0 ]; do
  case "$1" in
    --host|--port|--login|--wait)
      [ $# -ge 2 ] || usage "$1 needs a value"
      declare "${1#--}=$2"
      shift 2 ;;
    -*) usage "unexpected argument $1" ;;
    *) [ -z "$document" ] || usage "unexpected argument $1"; document="$1"; shift ;;
  esac
done
[ -n "$document" ] || usage "no DOCUMENT given"
# Each of these becomes part of a URL: only what belongs there.
[[ "$host" =~ ^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])$ ]] || usage "--host is a host name or an address"
[[ "$port" =~ ^[0-9]{1,5}$ ]] || usage "--port is a number"
[[ "$login" =~ ^[a-z0-9][a-z0-9-]{0,63}$ ]] || usage "--login is an agency code in lower case (letters, digits, '-')"
[[ "$wait" =~ ^[0-9]{1,5}$ ]] || usage "--wait is a number of seconds"
[ -f "$document" ] && [ -r "$document" ] || fail "cannot read the document $document"
name="$(basename -- "$document")"
[[ "$name" =~ [[:cntrl:]] ]] && fail "the file name holds control characters: rename it"

password="${AGENCY_PASSWORD-}"
if [ -z "${AGENCY_PASSWORD+set}" ]; then
  credentials="$(cd "$(dirname -- "$0")/../.." && pwd)/config/demo-credentials.properties"
  [ -f "$credentials" ] && password="$(grep -m1 "^$login=" "$credentials" | cut -d= -f2-)" || true
  [ -n "$password" ] || fail "set AGENCY_PASSWORD to $login's password"
  echo "using $login's demo password from $credentials" >&2
fi

# The name in a URL: every byte but the unreserved ones percent-encoded.
encode() {
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9._~-]) out+="$c" ;;
      *) printf -v c '%%%02X' "'$c"; out+="$c" ;;
    esac
  done
  printf '%s' "$out"
}

hostkey=(--insecure)
if [ -n "${HUB_SFTP_HOST_KEY_SHA256-}" ]; then
  hostkey=(--hostpubsha256 "$HUB_SFTP_HOST_KEY_SHA256")
else
  echo "the hub's host key is not checked: set HUB_SFTP_HOST_KEY_SHA256 outside a demo" >&2
fi
# The login and password reach curl as a config file on stdin ("user = ..." with \ and " escaped), not as arguments.
user="$login:$password"
user="${user//\\/\\\\}"
user="${user//\"/\\\"}"
user="${user//$'\n'/\\n}"
sftp() { printf 'user = "%s"\n' "$user" | curl --silent --config - "${hostkey[@]}" "$@"; }

base="sftp://$host:$port"
receipt="$base/receipts/$(encode "$name").receipt.json"
# receipts/<name>.receipt.json is the latest for that name: an earlier upload of the same name may have left one.
before="$(sftp "$receipt" 2>/dev/null || true)"
sftp --show-error --upload-file "$document" "$base/inbox/$(encode "$name")" \
  || fail "the upload to $host:$port as $login failed (curl exit $?)"
echo "uploaded $name to inbox/ as $login; waiting up to ${wait}s for receipts/$name.receipt.json" >&2
deadline=$((SECONDS + wait))
while [ "$SECONDS" -lt "$deadline" ]; do
  now="$(sftp "$receipt" 2>/dev/null || true)"
  if [ -n "$now" ] && [ "$now" != "$before" ]; then
    printf '%s\n' "$now"
    exit 0
  fi
  sleep 1
done
fail "no receipt in receipts/ within ${wait}s"
