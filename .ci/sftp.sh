#!/usr/bin/env bash
# Starts a throwaway OpenSSH server on loopback for the remote-SFTP polling tests
# (RemoteSftpOpenSshTest). Idempotent: running it twice reuses the user and keys and restarts sshd.
# Writes what the test needs to /tmp/safework-ci/sftp.properties. Needs root.
#   usage: bash .ci/sftp.sh [port]      (default port 2200)
set -euo pipefail

PORT="${1:-${SAFEWORK_SFTP_PORT:-2200}}"
OUT=/tmp/safework-ci
CI_USER=swremote
DIR="$OUT/sshd"

if ! command -v /usr/sbin/sshd >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null
fi

mkdir -p "$DIR" /run/sshd
chmod 755 "$OUT" "$DIR"

# Throwaway user; its home holds the remote folders the hub polls.
if ! id "$CI_USER" >/dev/null 2>&1; then
  useradd --create-home --shell /bin/sh "$CI_USER"
fi
# sshd refuses to log in a locked account even with a key: give it an unusable but unlocked password.
usermod -p '*' "$CI_USER"
HOME_DIR="$(getent passwd "$CI_USER" | cut -d: -f6)"
install -d -o "$CI_USER" -m 700 "$HOME_DIR/.ssh"
install -d -o "$CI_USER" -m 755 "$HOME_DIR/outbox" "$HOME_DIR/receipts"

# Client key (the hub's key for this agency) and the server's own host key.
[ -f "$DIR/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C safework-ci -f "$DIR/client_key"
[ -f "$DIR/host_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C safework-ci-host -f "$DIR/host_key"
# A second, unrelated key: one the server does not accept.
[ -f "$DIR/stranger_key" ] || ssh-keygen -q -t ed25519 -N '' -C stranger -f "$DIR/stranger_key"
install -o "$CI_USER" -m 600 "$DIR/client_key.pub" "$HOME_DIR/.ssh/authorized_keys"

cat > "$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
AllowUsers $CI_USER
UsePAM no
StrictModes yes
Subsystem sftp internal-sftp
LogLevel VERBOSE
CONF

# A previous run's sshd (same pid file) is replaced, so the config above always applies.
if [ -f "$DIR/sshd.pid" ]; then
  OLD_PID="$(cat "$DIR/sshd.pid")"
  if kill -0 "$OLD_PID" 2>/dev/null; then
    kill "$OLD_PID"
    while kill -0 "$OLD_PID" 2>/dev/null; do sleep 0.1; done
  fi
fi
/usr/sbin/sshd -t -f "$DIR/sshd_config"
/usr/sbin/sshd -f "$DIR/sshd_config" -E "$DIR/sshd.log"

# Wait until it answers.
for _ in $(seq 1 50); do
  if ssh-keyscan -p "$PORT" -t ecdsa 127.0.0.1 >/dev/null 2>&1; then break; fi
  sleep 0.2
done
KNOWN_HOSTS="[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$DIR/host_key.pub")"

# The tests run as root but must read the private keys: keep them root-only.
chmod 600 "$DIR/client_key" "$DIR/stranger_key"

cat > "$OUT/sftp.properties" <<PROPS
# Written by .ci/sftp.sh: a real OpenSSH server for RemoteSftpOpenSshTest.
host=127.0.0.1
port=$PORT
user=$CI_USER
privateKey=$DIR/client_key
strangerKey=$DIR/stranger_key
knownHosts=$KNOWN_HOSTS
inbox=outbox
receipts=receipts
home=$HOME_DIR
PROPS
echo "OpenSSH for SFTP tests listening on 127.0.0.1:$PORT (user $CI_USER); wrote $OUT/sftp.properties"
