#!/usr/bin/env bash
# A ten-minute tour of a running hub (README's Run command, demo logins): one report over each channel, each
# receipt printed, the agency x item matrix cell turning ACCEPTED, and a draft consolidated report.
#   usage: examples/tour.sh            (hub on 127.0.0.1 with the default ports)
# Needs bash, curl and python3 (standard library only). Every wait is a loop with a time-out, never a fixed sleep.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST="${HUB_HOST:-127.0.0.1}"
HTTP="http://$HOST:${HUB_HTTP_PORT:-8080}"
BROKER_PORT="${HUB_BROKER_PORT:-61616}"
SFTP_PORT="${HUB_SFTP_PORT:-2222}"
SMTP_PORT="${HUB_SMTP_PORT:-3025}"
IMAP_PORT="${HUB_IMAP_PORT:-3143}"
CREDENTIALS="${HUB_CREDENTIALS:-config/demo-credentials.properties}"
PLAN=safe-labor-2021-2025
YEAR=2022
WAIT="${TOUR_WAIT_SECONDS:-60}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

password() { grep "^$1=" "$CREDENTIALS" | cut -d= -f2-; }
say() { printf '\n== %s\n' "$*"; }

# A copy of an example document with a fresh reportId, so every run of the tour files new reports.
fresh() { # <example> <out>
  python3 - "$1" "$2" <<'PY'
import re, sys, uuid
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r'("reportId"\s*:\s*")[^"]+(")', lambda m: m.group(1) + str(uuid.uuid4()) + m.group(2), text, count=1)
text = re.sub(r'(<reportId>)[^<]+(</reportId>)', lambda m: m.group(1) + str(uuid.uuid4()) + m.group(2), text, count=1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
}

cell() { # <agency> <item>: the matrix cell's status, as MTSZN sees it
  curl -sf -u "mtszn:$(password mtszn)" "$HTTP/api/plans/$PLAN/years/$YEAR/matrix" | python3 -c '
import json, sys
agency, item = sys.argv[1], sys.argv[2]
print(next((c["status"] for c in json.load(sys.stdin)["cells"] if c["agency"] == agency and c["item"] == item), "NOT_OWED"))
' "$1" "$2"
}

say "Is the hub up?"
curl -sf "$HTTP/observe/health/ready" >/dev/null || { echo "The hub does not answer on $HTTP (start it with README's Run command)"; exit 1; }
echo "yes: $HTTP/observe/health/ready answers 200"

say "Matrix cell MZ x item 10 for $YEAR before the tour"
echo "$(cell MZ 10)"

say "1. STOMP: the Ministry of Health (mz) sends a report to reports.in"
fresh schemas/examples/valid/03-mz-2022.xml "$WORK/mz.xml"
HUB_HOST="$HOST" HUB_BROKER_PORT="$BROKER_PORT" PASS="$(password mz)" DOC="$WORK/mz.xml" WAIT="$WAIT" \
  python3 examples/clients/stomp_send.py

say "2. STOMP: the same ministry sends a document that breaks the rules (it names another agency and its item)"
fresh "schemas/examples/invalid/ITEM_NOT_ASSIGNED--ministry-item-21.json" "$WORK/bad.json"
HUB_HOST="$HOST" HUB_BROKER_PORT="$BROKER_PORT" PASS="$(password mz)" DOC="$WORK/bad.json" WAIT="$WAIT" \
  python3 examples/clients/stomp_send.py

say "3. SFTP: the Astana akimat uploads a report to its drop box"
# A name of its own per run: receipts/<name>.receipt.json is the latest receipt for that name.
NAME="astana-tour-$(date +%s).json"
fresh schemas/examples/valid/01-akimat-astana-2022.json "$WORK/$NAME"
SFTP="sftp://akimat-astana:$(password akimat-astana)@$HOST:$SFTP_PORT"
curl -sfk -T "$WORK/$NAME" "$SFTP/inbox/"
for _ in $(seq 1 "$WAIT"); do
  if curl -sfk "$SFTP/receipts/$NAME.receipt.json" -o "$WORK/sftp-receipt.json"; then break; fi
  sleep 1
done
[ -s "$WORK/sftp-receipt.json" ] || { echo "no SFTP receipt within ${WAIT}s"; exit 1; }
python3 -m json.tool "$WORK/sftp-receipt.json"

say "4. SMTP: MTSZN mails a report (SMTP AUTH as mtszn), the reply comes to its mailbox"
fresh schemas/examples/valid/04-mtszn-2022.json "$WORK/mtszn.json"
MESSAGE_ID="<tour-$(date +%s%N)@agency.hub.local>"
python3 examples/mail/make_eml.py mtszn@agency.hub.local "$MESSAGE_ID" "$WORK/mtszn.json" > "$WORK/report.eml"
curl -sf "smtp://$HOST:$SMTP_PORT" --user "mtszn:$(password mtszn)" \
  --mail-from mtszn@agency.hub.local --mail-rcpt reports@hub.local -T "$WORK/report.eml"
HUB_HOST="$HOST" HUB_IMAP_PORT="$IMAP_PORT" LOGIN=mtszn PASS="$(password mtszn)" IN_REPLY_TO="$MESSAGE_ID" WAIT="$WAIT" \
  python3 examples/mail/read_reply.py

say "Matrix cell MZ x item 10 for $YEAR after the tour"
for _ in $(seq 1 "$WAIT"); do
  status=$(cell MZ 10)
  case "$status" in ACCEPTED*|CORRECTED) break ;; esac
  sleep 1
done
echo "$status"

say "MTSZN builds a draft consolidated report for $YEAR"
curl -sf -u "mtszn:$(password mtszn)" -X POST "$HTTP/api/plans/$PLAN/years/$YEAR/consolidations" | python3 -c '
import json, sys
draft = json.load(sys.stdin)
print("consolidation", draft["id"], draft["status"], "version", draft["version"])
'
echo
echo "Tour done. The console: $HTTP/ (operator / $(password operator))"
