# The faults soak.sh injects, one function each (sourced by soak.sh, after lib.sh). Each logs one
# line to $W/faults.jsonl: kind, when it was injected, when the broken part was back (the checker
# measures recovery from then to the next completed checkpoint).

record_fault() {
  echo "{\"kind\":\"$1\",\"start_ms\":$2,\"end_ms\":$3}" >>"$W/faults.jsonl"
  log "fault $1: back after $(( ($3 - $2) / 1000 )) s"
}

# Waits until the submitted job (job-id) runs every task.
wait_job_running() {
  local jid state
  for _ in $(seq 1 600); do
    jid="$(cat "$STATE/job-id" 2>/dev/null || true)"
    state="$(curl -sf "$REST/jobs/$jid" 2>/dev/null | python3 -c '
import json, sys
j = json.load(sys.stdin)
busy = [v for v in j["vertices"] if v["status"] not in ("RUNNING", "FINISHED")]
print(j["state"] if not busy else "DEPLOYING")' 2>/dev/null || echo NONE)"
    [ "$state" = RUNNING ] && return 0
    sleep 0.5
  done
  echo "job $jid did not run again within 300 s (state $state); see $LOGS/jobmanager.log" >&2
  return 1
}

# The newest completed checkpoint of the job in job-id, as the path Flink restores from.
latest_checkpoint() {
  local jid n
  jid="$(cat "$STATE/job-id")"
  n="$(find "$STATE/s3/$BUCKET/checkpoints/$jid" -maxdepth 2 -path '*/chk-*/_metadata' 2>/dev/null \
    | sed 's:.*/chk-\([0-9]*\)/_metadata:\1:' | sort -n | tail -1)"
  [ -n "$n" ] || { echo "no retained checkpoint of job $jid" >&2; return 1; }
  echo "s3://$BUCKET/checkpoints/$jid/chk-$n/_metadata"
}

start_receiver() { # start_receiver [EXTRA OPTIONS]: as up.sh starts it, plus options (e.g. --fail-rate 1)
  start_bg receiver "$RECEIVER_PORT" "$ROOT/coach" receiver --port "$RECEIVER_PORT" --record "$STATE/receiver.jsonl" \
    --signing-secret-file "$STATE/secrets/webhook-signing-secret" "$@" >/dev/null
}

# kill -9 of a TaskManager (mid-checkpoint, whenever it falls), then started again.
fault_taskmanager_kill() {
  local start; start=$(now_ms)
  kill -9 "$(cat "$PIDS/taskmanager-1.pid")"; rm -f "$PIDS/taskmanager-1.pid"
  sleep 2
  restore_missing
  wait_job_running
  record_fault taskmanager_kill "$start" "$(now_ms)"
}

# kill -9 of the JobManager. Without HA the job is gone with it: an operator starts the JobManager
# again and resubmits the job from its latest retained checkpoint, as done here.
fault_jobmanager_loss() {
  local start checkpoint; start=$(now_ms)
  checkpoint="$(latest_checkpoint)"
  kill -9 "$(cat "$PIDS/jobmanager.pid")"; rm -f "$PIDS/jobmanager.pid"
  sleep 2
  restore_missing
  checkpoint="$(latest_checkpoint)" # a checkpoint may have completed just before the kill
  log "resubmitting from $checkpoint"
  submit "$checkpoint" >"$STATE/job-id"
  wait_job_running
  record_fault jobmanager_loss "$start" "$(now_ms)"
}

# kinesalite frozen (SIGSTOP) for the outage: every Kinesis call hangs, as when the service is
# unreachable. (kinesalite keeps its streams in memory: a real stop would lose them, which the real
# service never does.)
fault_kinesis_down() {
  local start; start=$(now_ms)
  kill -STOP "$(cat "$PIDS/kinesalite.pid")"
  sleep "$OUTAGE"
  kill -CONT "$(cat "$PIDS/kinesalite.pid")"
  record_fault kinesis_down "$start" "$(now_ms)"
}

# S3Proxy stopped for the outage: checkpoints, audit commits, drops and restores fail until it is back.
fault_s3_down() {
  local start; start=$(now_ms)
  stop s3proxy >/dev/null
  sleep "$OUTAGE"
  restore_missing
  record_fault s3_down "$start" "$(now_ms)"
}

# The receiver answers every request 503 for longer than the notifier's retry budget.
fault_receiver_503() {
  local start; start=$(now_ms)
  stop receiver >/dev/null
  start_receiver --fail-rate 1
  sleep "$RECEIVER_OUTAGE"
  stop receiver >/dev/null
  start_receiver
  record_fault receiver_503 "$start" "$(now_ms)"
}

# The receiver gone (connection refused) for longer than the retry budget.
fault_receiver_gone() {
  local start; start=$(now_ms)
  stop receiver >/dev/null
  sleep "$RECEIVER_OUTAGE"
  start_receiver
  record_fault receiver_gone "$start" "$(now_ms)"
}

# Stop with a savepoint and restore with another parallelism (an upgrade that rescales).
rescale() {
  local kind="$1" start; start=$(now_ms)
  export JOB_PARALLELISM="$2"
  SAVEPOINT_TIMEOUT=600 "$HERE/savepoint-restart.sh" >>"$W/up.log" 2>&1
  wait_job_running
  record_fault "$kind" "$start" "$(now_ms)"
}
fault_rescale_down() { rescale rescale_down 1; }
fault_rescale_up() { rescale rescale_up 2; }
