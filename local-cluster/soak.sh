#!/usr/bin/env bash
# Fault soak on the real local cluster (issue 17): up.sh's installation, a steady stream of generated
# events (six vendors, several orgs; some feeds through Kinesis, the others as S3 drops; the
# directory first; canary rule changes on the control stream), faults injected on a schedule, then a
# drain, a fault-free reference run of the same input (the embedded job, ./coach run --bounded) and
# the checker (./coach soak check). Exit 0 when the checker finds nothing wrong.
#
#   local-cluster/soak.sh [--quick] [--events N] [--rate N] [--orgs N] [--users-per-org N] [--seed N]
#                         [--faults kind,kind,...] [--outage S] [--receiver-outage S] [--notify-attempts N]
#                         [--first-fault S]
#                         [--fault-gap S] [--drain-timeout S] [--json FILE] [--keep]
#
# Fault kinds: taskmanager_kill, jobmanager_loss, kinesis_down, s3_down, receiver_503, receiver_gone,
# rescale_down (stop with savepoint, restore at parallelism 1), rescale_up (back to 2). See README.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EVENTS=1000000; RATE=1000; ORGS=3; USERS_PER_ORG=200; SEED=17; OUTAGE=60; RECEIVER_OUTAGE=90
FAULTS="taskmanager_kill,receiver_503,kinesis_down,rescale_down,s3_down,receiver_gone,rescale_up,jobmanager_loss,taskmanager_kill,kinesis_down,s3_down"
FIRST_FAULT=60; FAULT_GAP=30; DRAIN_TIMEOUT=900; JSON=""; KEEP=0
# The receiver outages must outlast the notifier's retry budget: NOTIFY_ATTEMPTS attempts, 1 s backoff
# doubling, and an attempt that finds the circuit open (5 failures in a row) waits for it (30 s):
# at most about 1 + 2 + ... + (attempts - 2) x 30 s. 3 attempts: about 61 s, under the 90 s outage.
NOTIFY_ATTEMPTS=3; NOTIFY_BACKOFF=1s
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) EVENTS=40000; RATE=250; OUTAGE=20; RECEIVER_OUTAGE=30; NOTIFY_ATTEMPTS=2; FIRST_FAULT=30; FAULT_GAP=15
             DRAIN_TIMEOUT=300
             FAULTS="taskmanager_kill,receiver_503,kinesis_down,rescale_down,receiver_gone,rescale_up,s3_down,jobmanager_loss" ;;
    --events) EVENTS="$2"; shift ;;
    --rate) RATE="$2"; shift ;;
    --orgs) ORGS="$2"; shift ;;
    --users-per-org) USERS_PER_ORG="$2"; shift ;;
    --seed) SEED="$2"; shift ;;
    --faults) FAULTS="$2"; shift ;;
    --outage) OUTAGE="$2"; shift ;;
    --receiver-outage) RECEIVER_OUTAGE="$2"; shift ;;
    --notify-attempts) NOTIFY_ATTEMPTS="$2"; shift ;;
    --first-fault) FIRST_FAULT="$2"; shift ;;
    --fault-gap) FAULT_GAP="$2"; shift ;;
    --drain-timeout) DRAIN_TIMEOUT="$2"; shift ;;
    --json) JSON="$2"; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
KINESIS_VENDORS="okta crowdstrike zscaler" # the other three vendors come as S3 drops
W="${SOAK_DIR:-$ROOT/out/soak}"
AUDIT="$STATE/s3/$BUCKET/audit"
source "$HERE/soak-faults.sh"

now_ms() { date +%s%3N; }
load() { echo "$(date -u +%FT%TZ) $(cut -d' ' -f1-3 /proc/loadavg) (load 1/5/15 min, $(nproc) cores)"; }

# The soak's rules: every rule of rules-library/ for each generated org (org-0, org-1, ...).
write_rules() {
  mkdir -p "$W/rules"
  for ((o = 0; o < ORGS; o++)); do
    for r in "$ROOT"/rules-library/*/rule.yaml; do
      sed "s/^org: .*/org: org-$o/" "$r" >"$W/rules/org-$o-$(basename "$(dirname "$r")").yaml"
    done
  done
}

soak_streams() {
  for ((o = 0; o < ORGS; o++)); do for v in $KINESIS_VENDORS; do echo "coach-soak-org-$o-$v=org-$o/$v"; done; done
}

# up.sh writes the job configuration afresh: add the soak's streams and notifier settings each time.
soak_config() {
  python3 - "$STATE/job-config.json" "$(soak_streams | paste -sd, -)" "$NOTIFY_ATTEMPTS" "$NOTIFY_BACKOFF" <<'PY'
import json, sys
path, streams, attempts, backoff = sys.argv[1:5]
groups = json.load(open(path))
for g in groups:
    m = g["PropertyMap"]
    if g["PropertyGroupId"] == "Events":
        m["kinesis.streams"] = ",".join([s for s in m.get("kinesis.streams", "").split(",") if s] + streams.split(","))
    if g["PropertyGroupId"] == "Notify":
        m.update({"max-attempts": attempts, "initial-backoff": backoff, "daily-cap": "20"})
json.dump(groups, open(path, "w"), indent=1)
PY
}

# Starts what is missing (after a fault took it away) without feeding samples or submitting.
restore_missing() { SKIP_SAMPLES=1 NO_SUBMIT=1 "$HERE/up.sh" >>"$W/up.log" 2>&1; soak_config; }

start_cluster() {
  "$HERE/down.sh" --purge >/dev/null 2>&1 || true
  rm -rf "$W"; mkdir -p "$W"
  load >"$W/load.txt"
  log "soak: $EVENTS events at $RATE/s, $ORGS orgs, seed $SEED; faults $FAULTS; outage ${OUTAGE}s; load $(cat "$W/load.txt")"
  restore_missing
  coach kinesis create-stream --endpoint "$KINESIS_URL" $(soak_streams | cut -d= -f1) >/dev/null
  write_rules
  for f in "$W"/rules/*.yaml; do curl -sf -X PUT --data-binary "@$f" "$S3_URL/$BUCKET/rules/$(basename "$f")" >/dev/null; done
  export JOB_PARALLELISM=2
  submit >"$STATE/job-id"
  wait_job_running
  log "job $(cat "$STATE/job-id") running"
}

start_feeder() {
  coach soak feed --out "$W/input" --events "$EVENTS" --rate "$RATE" --orgs "$ORGS" --users-per-org "$USERS_PER_ORG" \
    --seed "$SEED" --kinesis-vendors "$(echo $KINESIS_VENDORS | tr ' ' ,)" --kinesis-endpoint "$KINESIS_URL" \
    --s3-endpoint "$S3_URL" --bucket "$BUCKET" --progress "$W/progress" >"$W/feeder.log" 2>&1 &
  FEEDER=$!
  FEED_START=$(date +%s)
}

run_faults() {
  local i=0 kind due
  IFS=, read -r -a KINDS <<< "$FAULTS"
  local spacing=$(( (EVENTS / ${RATE%.*}) / (${#KINDS[@]} + 1) ))
  [ "$spacing" -ge "$FAULT_GAP" ] || spacing="$FAULT_GAP"
  for kind in "${KINDS[@]}"; do
    due=$((FEED_START + FIRST_FAULT + i * spacing))
    while [ "$(date +%s)" -lt "$due" ]; do sleep 1; done
    log "fault $((i + 1))/${#KINDS[@]}: $kind (sent so far: $(cut -d' ' -f1 "$W/progress" 2>/dev/null || echo 0))"
    "fault_$kind"
    sleep "$FAULT_GAP"
    i=$((i + 1))
  done
}

audit_lines() { # audit_lines [STAGE]: committed lines of a stage (or all stages) in the S3 audit trail
  find "$AUDIT/${1:-}" -type f -name 'part-*' ! -name '*tmp*' 2>/dev/null | xargs -r cat | grep -c . || true
}

# The feeder is done; wait until every input record is audited and the audit trail stops growing.
wait_drained() {
  local target stable=0 last=-1 raw total deadline=$(( $(date +%s) + DRAIN_TIMEOUT ))
  target=$(find "$W/input/events" -type f | xargs cat | grep -c .)
  while [ "$(date +%s)" -lt "$deadline" ]; do
    raw=$(audit_lines raw); total=$(audit_lines)
    if [ "$raw" -ge "$target" ] && [ "$total" -eq "$last" ]; then
      stable=$((stable + 1)); [ "$stable" -ge 3 ] && { log "drained: $raw raw of $target input, $total audit lines"; return 0; }
    else
      stable=0
    fi
    last=$total
    log "draining: $raw raw of $target input, $total audit lines"
    sleep 10
  done
  log "drain timeout after ${DRAIN_TIMEOUT}s: the checker will say what is missing"
}

read_outputs() {
  mkdir -p "$W/kinesis"
  coach kinesis read --endpoint "$KINESIS_URL" coach-detections >"$W/kinesis/detections.jsonl"
  coach kinesis read --endpoint "$KINESIS_URL" coach-delivery-status >"$W/kinesis/delivery-status.jsonl"
}

reference_run() {
  log "reference run: the same input without faults (embedded job, bounded)"
  coach run --bounded --events "$W/input/events" --users "$W/input/users" --rules "$W/rules" \
    --parsers "$ROOT/samples/parsers" --out "$W/reference" --parallelism 2 --web-port 8181 >"$W/reference.log" 2>&1
}

check() {
  local args=(--input "$W/input/events" --audit "$AUDIT" --reference "$W/reference/audit"
    --receiver-log "$STATE/receiver.jsonl" --kinesis-outputs "$W/kinesis" --faults "$W/faults.jsonl"
    --checkpoints "$LOGS/jobmanager.log" --json "${JSON:-$W/soak.json}")
  coach soak check "${args[@]}" | tee "$W/check.txt"
  return "${PIPESTATUS[0]}"
}

T0=$(date +%s)
cleanup() {
  set +e
  [ -z "${FEEDER:-}" ] || kill "$FEEDER" 2>/dev/null
  [ "$KEEP" = 1 ] || "$HERE/down.sh" >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_cluster
start_feeder
run_faults
wait "$FEEDER" || { echo "FAIL: the feeder stopped: $(tail -3 "$W/feeder.log")" >&2; exit 1; }
FEEDER=""
log "all $EVENTS events sent in $(( $(date +%s) - FEED_START )) s"
wait_drained
read_outputs
load >>"$W/load.txt"
JOB="$(running_job || true)"
[ -z "$JOB" ] || curl -sf -X PATCH "$REST/jobs/$JOB?mode=cancel" >/dev/null
"$HERE/down.sh" >/dev/null 2>&1
reference_run
status=0
check || status=$?
log "soak took $(( $(date +%s) - T0 )) s; load at start and end: $(paste -sd'|' "$W/load.txt"); results in $W"
exit "$status"
