#!/usr/bin/env bash
# Starts a throwaway Dovecot IMAP server for the mail channel's system test (MailDovecotSystemTest):
# Debian's dovecot-imapd, one user with a plain password, maildir under /tmp, IMAP on 127.0.0.1:10143,
# and one agency mail with a report attached, placed with Dovecot's own `doveadm save`.
# The hub believes a mail's From: only when the receiving MTA vouches for it in an Authentication-Results
# header with the authserv-id the hub trusts (hub.mail.trusted-authserv-id). doveadm save bypasses any MTA, so
# the script writes that header itself, as the MTA in front of Dovecot (Postfix + OpenDKIM) would, with the id
# mx.safework-ci.test; the test configures the hub to trust that id (authservId in mail.properties).
# Writes what the test needs to /tmp/safework-ci/mail.properties. Idempotent: a second run replaces the
# instance and places a fresh mail. Run as root (CI is root). Stop with: .ci/mail.sh stop
set -euo pipefail

ROOT=/tmp/safework-dovecot
PORT="${SAFEWORK_DOVECOT_PORT:-10143}"
USER_NAME=hubmail
PASSWORD=hubmail-secret
SYSTEM_USER=swmail
OUT_DIR=/tmp/safework-ci
CONF="$ROOT/dovecot.conf"
AUTHSERV_ID=mx.safework-ci.test

stop_instance() {
  if [ -f "$ROOT/run/master.pid" ]; then
    kill "$(cat "$ROOT/run/master.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [ -f "$ROOT/run/master.pid" ] && kill -0 "$(cat "$ROOT/run/master.pid")" 2>/dev/null || break
      sleep 0.1
    done
  fi
}

if [ "${1:-}" = "stop" ]; then
  stop_instance
  exit 0
fi

if ! command -v dovecot >/dev/null || ! command -v doveadm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq dovecot-imapd >/dev/null
fi
# The package starts a system-wide instance on 143/993 where an init system runs; ours is separate.

id "$SYSTEM_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SYSTEM_USER"
MAIL_UID="$(id -u "$SYSTEM_USER")"
MAIL_GID="$(id -g "$SYSTEM_USER")"

stop_instance
rm -rf "$ROOT"
mkdir -p "$ROOT/run" "$ROOT/state" "$ROOT/mail" "$OUT_DIR"
chown "$SYSTEM_USER:$SYSTEM_USER" "$ROOT/mail"

echo "$USER_NAME:{PLAIN}$PASSWORD:$MAIL_UID:$MAIL_GID::$ROOT/mail/$USER_NAME::" > "$ROOT/users"
chmod 640 "$ROOT/users"
chgrp dovecot "$ROOT/users" 2>/dev/null || true

cat > "$CONF" <<CONF
# Throwaway instance for tests: loopback only, plaintext login allowed (no TLS on loopback).
base_dir = $ROOT/run
state_dir = $ROOT/state
log_path = $ROOT/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = $MAIL_UID
last_valid_uid = $MAIL_UID
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $ROOT/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $ROOT/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF

# Detached from our stdout/stderr, so a caller reading them is not kept waiting by the daemon.
dovecot -c "$CONF" </dev/null >/dev/null 2>&1
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done

MESSAGE_ID="<dovecot-$(date +%s%N)@agency.hub.local>"
FILE_NAME="otchet-2024.xml"
REPORT='<?xml version="1.0" encoding="UTF-8"?><progressReport><agency>MZ</agency></progressReport>'
MAIL="$ROOT/mail.eml"
{
  printf 'Authentication-Results: %s;\r\n\tdkim=pass (2048-bit key) header.d=agency.hub.local header.s=mail\r\n' "$AUTHSERV_ID"
  printf 'From: =?UTF-8?B?0JzQuNC90LfQtNGA0LDQsg==?= <mz@agency.hub.local>\r\n'
  printf 'To: %s@hub.local\r\n' "$USER_NAME"
  printf 'Subject: =?UTF-8?B?0J7RgtGH0ZHRgiAyMDI0?=\r\n'
  printf 'Message-ID: %s\r\n' "$MESSAGE_ID"
  printf 'Date: %s\r\n' "$(LC_ALL=C date -R)"
  printf 'MIME-Version: 1.0\r\n'
  printf 'Content-Type: multipart/mixed; boundary="sw-boundary"\r\n\r\n'
  printf -- '--sw-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nReport attached.\r\n'
  printf -- '--sw-boundary\r\nContent-Type: application/xml\r\nContent-Transfer-Encoding: base64\r\n'
  printf 'Content-Disposition: attachment; filename="%s"\r\n\r\n' "$FILE_NAME"
  printf '%s' "$REPORT" | base64 | sed 's/$/\r/'
  printf -- '--sw-boundary--\r\n'
} > "$MAIL"
doveadm -c "$CONF" save -u "$USER_NAME" -m INBOX < "$MAIL"
COUNT="$(doveadm -c "$CONF" search -u "$USER_NAME" mailbox INBOX all | wc -l)"

cat > "$OUT_DIR/mail.properties" <<PROPS
# Written by .ci/mail.sh for MailDovecotSystemTest
host=127.0.0.1
port=$PORT
user=$USER_NAME
password=$PASSWORD
sender=mz@agency.hub.local
# authserv-id of the Authentication-Results header the script wrote (the hub must trust it)
authservId=$AUTHSERV_ID
messageId=$MESSAGE_ID
fileName=$FILE_NAME
# Places the same mail again (the test runs it when an earlier run already consumed the first one)
placeCommand=doveadm -c $CONF save -u $USER_NAME -m INBOX $MAIL
PROPS
echo "dovecot IMAP on 127.0.0.1:$PORT, user $USER_NAME, $COUNT mail(s) in INBOX; wrote $OUT_DIR/mail.properties"
