# Shared by up.sh, savepoint-restart.sh and down.sh. Everything runs on 127.0.0.1; every process this
# installation starts has a pid file under $STATE/pids, and only those are ever stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/local-cluster"
STATE="${COACH_LOCAL_STATE:-$ROOT/out/local-cluster}"
PIDS="$STATE/pids"
LOGS="$STATE/logs"
KINESIS_PORT="${KINESIS_PORT:-4567}"
S3_PORT="${S3_PORT:-9000}"
RECEIVER_PORT="${RECEIVER_PORT:-8787}"
REST_PORT="${REST_PORT:-8081}"
KINESIS_URL="http://127.0.0.1:$KINESIS_PORT"
S3_URL="http://127.0.0.1:$S3_PORT"
REST="http://127.0.0.1:$REST_PORT"
BUCKET=coach
JOB_NAME=security-coach
STREAMS_IN="coach-events-acme-okta coach-users coach-control"
STREAMS_OUT="coach-detections coach-delivery-status coach-rule-status"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$PIDS" "$LOGS"

log() { echo "[local-cluster] $*"; }

# is_running NAME: the process of this pid file is alive
is_running() {
  local f="$PIDS/$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_bg NAME PORT COMMAND...: start unless already running, wait until PORT answers
start_bg() {
  local name="$1" port="$2"; shift 2
  if is_running "$name"; then
    log "$name already running (pid $(cat "$PIDS/$name.pid"))"
    return 0
  fi
  if port_open "$port"; then
    echo "port $port is taken by a process this installation did not start; stop it or set another port" >&2
    exit 1
  fi
  nohup "$@" >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
  wait_port "$name" "$port"
  log "$name up (pid $(cat "$PIDS/$name.pid"), log $LOGS/$name.log)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local name="$1" port="$2"
  for _ in $(seq 1 300); do
    port_open "$port" && return 0
    if ! is_running "$name"; then
      echo "$name exited; see $LOGS/$name.log" >&2
      tail -20 "$LOGS/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  echo "$name: nothing on port $port after 60 s; see $LOGS/$name.log" >&2
  exit 1
}

# stop NAME: stop the process of this pid file (only ours), then remove the pid file
stop() {
  local f="$PIDS/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    log "$1 stopped"
  fi
  rm -f "$f"
}

coach() { "$ROOT/coach" "$@"; }

# The running job's id, or nothing
running_job() {
  curl -sf "$REST/jobs/overview" 2>/dev/null | python3 -c '
import json, sys
for j in json.load(sys.stdin).get("jobs", []):
    if j["name"] == sys.argv[1] and j["state"] in ("RUNNING", "CREATED", "INITIALIZING", "RESTARTING"):
        print(j["jid"]); break' "$JOB_NAME"
}

# submit [SAVEPOINT]: upload the job jar once, run it with the local-cluster configuration
# (parallelism JOB_PARALLELISM, default 2)
submit() {
  local savepoint="${1:-}" jar jar_id body
  jar="$(ls "$ROOT"/jobs/target/coach-jobs-*-job.jar | head -1)"
  jar_id="$(curl -sf -X POST -F "jarfile=@$jar" "$REST/jars/upload" | python3 -c 'import json,sys; print(json.load(sys.stdin)["filename"].split("/")[-1])')"
  body="$(python3 -c '
import json, sys
b = {"entryClass": "io.securitycoach.jobs.CoachJob", "parallelism": int(sys.argv[3]),
     "programArgsList": ["--config", sys.argv[1]]}
if sys.argv[2]:
    b["savepointPath"] = sys.argv[2]
    b["allowNonRestoredState"] = False
print(json.dumps(b))' "$STATE/job-config.json" "$savepoint" "${JOB_PARALLELISM:-2}")"
  curl -sf -X POST -H 'Content-Type: application/json' -d "$body" "$REST/jars/$jar_id/run" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobid"])'
}
