#!/usr/bin/env bash
# Stops what up.sh started (and nothing else): the Flink cluster, the receiver, S3Proxy and kinesalite.
# The job is cancelled first; its last retained checkpoint stays in S3. --purge also deletes
# out/local-cluster (S3 data, logs, secrets).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JOB="$(running_job || true)"
if [ -n "$JOB" ]; then
  curl -sf -X PATCH "$REST/jobs/$JOB?mode=cancel" >/dev/null && log "job $JOB cancelled"
  for _ in $(seq 1 50); do [ -z "$(running_job || true)" ] && break; sleep 0.2; done
fi
for name in taskmanager-1 taskmanager-2 jobmanager receiver s3proxy kinesalite; do
  stop "$name"
done
rm -f "$STATE/fed" "$STATE/job-id"
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$STATE"
  log "purged $STATE"
fi
log "down"
