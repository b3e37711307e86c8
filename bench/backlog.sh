#!/usr/bin/env bash
# A campaign's backlog against the packaged hub at -Xmx256m (issue 13, memory): N reports (default 100,000) are queued
# on reports.in behind the operator's suspension of the queue channel, then the intake is resumed and the hub drains
# them. Prints the live heap after a full GC (jcmd GC.class_histogram's total) idle, with the backlog waiting, and
# every PERIOD seconds while it drains, with the queue depths, until MTSZN's reader of mtszn.feed has read N messages
# (the agency reads its receipts meanwhile too). READERS=none leaves both unread: they then pile up as well.
# usage: bench/backlog.sh   (after mvn -B -DskipTests package; needs python3-qpid-proton, jcmd, curl)
# Last, MTSZN asks for a consolidation draft, and its answer and the heap after are printed.
# Environment: N [100000], PERIOD [60], WORK [a temp folder], HUB_JAVA_OPTS [extra -D settings].
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-100000}" PERIOD="${PERIOD:-60}" WORK="${WORK:-$(mktemp -d)}"
op=(-s -u "operator:$(sed -n 's/^operator=//p' "$repo/config/demo-credentials.properties")")
live() { jcmd "$pid" GC.class_histogram | awk '/^Total/ {printf "%d MiB", $3 / 1048576}'; }
# The embedded H2 file: with WRITE_DELAY=0 it grows with every commit (see README, Performance).
db() { if [[ -f "$WORK/data/db/hub.mv.db" ]]; then echo "$(du -m "$WORK/data/db/hub.mv.db" | cut -f1) MiB"; else echo "not used"; fi; }
queues() { curl "${op[@]}" http://127.0.0.1:8080/api/operator/queues | python3 -c '
import json, sys; print(" ".join("%s=%s" % (q["queue"], q["messages"]) for q in json.load(sys.stdin)))' 2> /dev/null \
    || echo "(the hub did not answer)"; }
channel() { curl "${op[@]}" -o /dev/null -H 'Content-Type: application/json' -d "$2" \
    "http://127.0.0.1:8080/api/operator/channels/jms/$1"; }
mkdir -p "$WORK" && cd "$WORK"
# shellcheck disable=SC2086
java -Xmx256m -XX:+ExitOnOutOfMemoryError -Dhub.config-dir="$repo/config" -Dhub.data-dir="$WORK/data" \
    -Dhub.broker.address-max-size-bytes=2147483648 ${HUB_JAVA_OPTS:-} -jar "$repo/hub/target/safework-hub.jar" \
    > hub.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf http://127.0.0.1:8080/observe/health/ready > /dev/null && break; sleep 1; done
echo "$(date -u +%T) hub ready (log $WORK/hub.log); idle: live heap $(live)"
channel suspend '{"reason": "backlog benchmark"}'
t0=$(date +%s)
/usr/bin/python3 "$repo/bench/backlog_send.py" "$repo/schemas/examples/valid/01-akimat-astana-2022.json" "$N"
echo "$(date -u +%T) $N reports queued in $(( $(date +%s) - t0 )) s: $(queues); live heap $(live)"
if [[ "${READERS:-both}" != none ]]; then
    pw() { sed -n "s/^$1=//p" "$repo/config/demo-credentials.properties"; }
    /usr/bin/python3 "$repo/bench/backlog_read.py" mtszn "$(pw mtszn)" mtszn.feed "$WORK/feed.count" &
    feed_reader=$!
    /usr/bin/python3 "$repo/bench/backlog_read.py" akimat-astana "$(pw akimat-astana)" receipts.AKIMAT-ASTANA \
        "$WORK/receipts.count" &
    receipt_reader=$!
    trap 'kill $pid $feed_reader $receipt_reader 2>/dev/null || true' EXIT
fi
channel resume '{}'
t0=$(date +%s)
while kill -0 "$pid" 2> /dev/null; do
    sleep "$PERIOD"
    q="$(queues)"
    if [[ "${READERS:-both}" != none ]]; then
        fed="$(cat "$WORK/feed.count" 2> /dev/null || echo 0)"
        q="$q; read: feed $fed, receipts $(cat "$WORK/receipts.count" 2> /dev/null || echo 0)"
    else
        fed="$(sed -n 's/.*mtszn.feed=\([0-9]*\).*/\1/p' <<< "$q")"
    fi
    echo "$(date -u +%T) +$(( $(date +%s) - t0 )) s: $q; live heap $(live); H2 file $(db)"
    [[ "${fed:-0}" -ge "$N" ]] && break
done
kill -0 "$pid" 2> /dev/null || { echo "the hub exited: $(grep -m1 -E 'OutOfMemoryError|Terminating' hub.log)"; exit 1; }
echo "$(date -u +%T) drained in $(( $(date +%s) - t0 )) s; live heap $(live); H2 file $(db); WARN/ERROR lines in the log: $(grep -cE ' (WARN|ERROR) ' hub.log)"
# What the hourly consolidation draft does at :30 (cron cycle/consolidation), asked for now by MTSZN: it reads the
# year's matrix, every version of every cell (run 10 of bench/results/2026-12-03-backlog.md ran out of memory there).
mtszn=(-s -u "mtszn:$(sed -n 's/^mtszn=//p' "$repo/config/demo-credentials.properties")")
t0=$(date +%s%N)
code=$(curl "${mtszn[@]}" -o "$WORK/draft.json" -w '%{http_code}' -X POST \
    http://127.0.0.1:8080/api/plans/safe-labor-2021-2025/years/2022/consolidations || echo "no answer")
echo "$(date -u +%T) consolidation draft: HTTP $code in $(( ($(date +%s%N) - t0) / 1000000 )) ms; live heap $(live)"
kill -0 "$pid" 2> /dev/null || { echo "the hub exited: $(grep -m1 -E 'OutOfMemoryError|Terminating' hub.log)"; exit 1; }
