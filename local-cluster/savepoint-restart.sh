#!/usr/bin/env bash
# Stops the running job with a savepoint (in $STATE/savepoints, see up.sh) and submits the job jar again from it: what a
# version upgrade does. Kinesis shard offsets, S3 files already read, the directory, rules and
# per-user progress all come back from the savepoint; nothing is read twice.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JOB="$(running_job || true)"
[ -n "$JOB" ] || { echo "no running $JOB_NAME job at $REST; run local-cluster/up.sh" >&2; exit 1; }
REQUEST="$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"targetDirectory\": \"file://$STATE/savepoints\", \"drain\": false}" "$REST/jobs/$JOB/stop" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["request-id"])')"
log "stopping $JOB with a savepoint..."
SAVEPOINT=""
# A savepoint waits for its barriers to pass a backlog: SAVEPOINT_TIMEOUT seconds (default 150).
for _ in $(seq 1 $(( ${SAVEPOINT_TIMEOUT:-150} * 2 ))); do
  STATUS="$(curl -sf "$REST/jobs/$JOB/savepoints/$REQUEST" || echo '{"status": {"id": "IN_PROGRESS"}}')"
  SAVEPOINT="$(echo "$STATUS" | python3 -c '
import json, sys
s = json.load(sys.stdin)
if s["status"]["id"] == "COMPLETED":
    op = s.get("operation", {})
    if "failure-cause" in op:
        print("FAILED: " + op["failure-cause"].get("stack-trace", "").splitlines()[0])
    else:
        print(op["location"])')"
  [ -n "$SAVEPOINT" ] && break
  sleep 0.5
done
case "$SAVEPOINT" in
  ""|FAILED*) echo "savepoint did not complete: ${SAVEPOINT:-timeout}" >&2; exit 1 ;;
esac
log "savepoint: $SAVEPOINT"
echo "$SAVEPOINT" >"$STATE/last-savepoint"
# The metadata file itself: S3Proxy's file backend answers HEAD on the savepoint "folder" as an empty
# object, which Flink would take for the metadata.
NEW="$(submit "$SAVEPOINT/_metadata")"
echo "$NEW" >"$STATE/job-id"
log "job resumed from the savepoint: $NEW ($REST/#/job/running/$NEW/overview)"
