#!/usr/bin/env bash
# Brings up a whole installation on this machine: kinesalite (Kinesis), S3Proxy (S3, files under
# out/local-cluster/s3), the notification receiver, and a standalone Flink cluster (a JobManager with
# the Web UI and two TaskManagers) started from the Flink jars Maven resolved; then submits the job
# jar, feeds the samples into Kinesis and S3, and prints where to look. Safe to run again: what is up
# stays up, and a running job is not submitted twice. NO_SUBMIT=1 leaves the job to the caller and
# SKIP_SAMPLES=1 feeds no samples (soak.sh brings its own job configuration and input).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# --- build (job jar, Flink classpath, S3Proxy, S3 plugin) and kinesalite
if [ ! -f "$ROOT/jobs/target/flink-classpath.txt" ] || ! ls "$ROOT"/jobs/target/coach-jobs-*-job.jar >/dev/null 2>&1 \
   || [ ! -f "$ROOT/devkit/target/infra/s3proxy.jar" ]; then
  log "building (./mvnw package)..."
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi
[ -d "$HERE/kinesalite/node_modules/kinesalite" ] || (cd "$HERE/kinesalite" && npm install --no-audit --no-fund --loglevel=error)

# --- local AWS
start_bg kinesalite "$KINESIS_PORT" node "$HERE/kinesalite/server.js" "$KINESIS_PORT"
mkdir -p "$STATE/s3"
cat >"$STATE/s3proxy.properties" <<PROPS
s3proxy.endpoint=$S3_URL
s3proxy.authorization=none
jclouds.identity=local
jclouds.credential=local
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$STATE/s3
PROPS
start_bg s3proxy "$S3_PORT" "$JAVA" -Xmx256m -jar "$ROOT/devkit/target/infra/s3proxy.jar" --properties "$STATE/s3proxy.properties"
curl -sf -X PUT "$S3_URL/$BUCKET" >/dev/null || true
# FileSource needs an object under a prefix before it can list it; names starting with _ are skipped.
curl -sf -X PUT --data-binary '' "$S3_URL/$BUCKET/events/_keep" >/dev/null
coach kinesis create-stream --endpoint "$KINESIS_URL" $STREAMS_IN $STREAMS_OUT >/dev/null

# --- notification receiver and development secrets (referenced by file, like production ones)
mkdir -p "$STATE/secrets"
[ -f "$STATE/secrets/slack-bot-token" ] || echo "xoxb-local-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')" >"$STATE/secrets/slack-bot-token"
[ -f "$STATE/secrets/webhook-signing-secret" ] || od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$STATE/secrets/webhook-signing-secret"
start_bg receiver "$RECEIVER_PORT" "$ROOT/coach" receiver --port "$RECEIVER_PORT" --record "$STATE/receiver.jsonl" \
  --signing-secret-file "$STATE/secrets/webhook-signing-secret"

# --- Flink configuration: checkpoints on S3, savepoints in a local folder (below), RocksDB, everything on 127.0.0.1
CONF="$STATE/flink-conf"
mkdir -p "$CONF"
cat >"$CONF/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.memory.process.size: 1280m
taskmanager.numberOfTaskSlots: 2
parallelism.default: 2
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
state.backend.type: rocksdb
execution.checkpointing.incremental: true
execution.checkpointing.dir: s3://$BUCKET/checkpoints
execution.checkpointing.savepoint-dir: file://$STATE/savepoints
execution.checkpointing.interval: 10s
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
# Restarts back off and never run out: a fixed-delay budget counts every restart of the job's life,
# and with 10 attempts 5 s apart one 60 s S3 outage (soak.sh) could use them all up by itself.
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1s
restart-strategy.exponential-delay.max-backoff: 30s
restart-strategy.exponential-delay.backoff-multiplier: 2.0
restart-strategy.exponential-delay.reset-backoff-threshold: 5min
restart-strategy.exponential-delay.jitter-factor: 0.1
s3.endpoint: $S3_URL
s3.path.style.access: true
s3.access-key: local
s3.secret-key: local
s3.directory.marker.retention: keep
# S3Proxy's file backend answers HEAD on a folder as an empty object. Restoring a savepoint, Flink
# looks the savepoint folder up again and, taking it for a file, resolves the savepoint's state files
# (relative paths) against its parent: "No such file or directory: s3://coach/savepoints/<uuid>".
# State chunks up to 1 MB are kept inside _metadata, and savepoints (whose state files are relative
# paths) go to a local folder all processes here share; checkpoints (absolute paths) stay on S3.
# The default soak's state outgrew the 1 MB workaround at its first rescale (soak.sh found both).
state.storage.fs.memory-threshold: 1mb
YAML
cat >"$CONF/log4j.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.akka.name = org.apache.pekko
logger.akka.level = WARN
LOG

FLINK_CP="$(cat "$ROOT/jobs/target/flink-classpath.txt"):$(cat "$ROOT/jobs/target/flink-classpath-shared.txt")"
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
# CBOR off: kinesalite speaks JSON only (both relocated AWS SDKs of the Kinesis connector).
EXTRA=(-Dorg.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor=true -Daws.cborEnabled=false)
export FLINK_PLUGINS_DIR="$ROOT/jobs/target/plugins"
export FLINK_CONF_DIR="$CONF"

# The memory flags and -D settings Flink's own scripts compute (BashJavaUtils), one line each.
resource_params() {
  local out
  out="$("$JAVA" -cp "$FLINK_CP" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$CONF" 2>&1)" || {
    echo "BashJavaUtils $1 failed (is jobs/target/flink-classpath*.txt complete?):" >&2
    echo "$out" | tail -5 >&2
    exit 1
  }
  echo "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

if ! is_running jobmanager; then
  mapfile -t JM < <(resource_params GET_JM_RESOURCE_PARAMS)
  read -r -a JM_JVM <<< "${JM[0]}"; read -r -a JM_D <<< "${JM[1]:-}"
  start_bg jobmanager "$REST_PORT" "$JAVA" "${JM_JVM[@]}" "${OPENS[@]}" "${EXTRA[@]}" \
    -Dlog.file="$LOGS/jobmanager.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -cp "$FLINK_CP" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$CONF" --executionMode cluster "${JM_D[@]}"
else
  log "jobmanager already running"
fi
mapfile -t TM < <(resource_params GET_TM_RESOURCE_PARAMS)
read -r -a TM_JVM <<< "${TM[0]}"; read -r -a TM_D <<< "${TM[1]:-}"
for n in 1 2; do
  if ! is_running "taskmanager-$n"; then
    nohup "$JAVA" "${TM_JVM[@]}" "${OPENS[@]}" "${EXTRA[@]}" \
      -Dlog.file="$LOGS/taskmanager-$n.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
      -cp "$FLINK_CP" org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" "${TM_D[@]}" \
      >>"$LOGS/taskmanager-$n.out" 2>&1 &
    echo $! >"$PIDS/taskmanager-$n.pid"
    log "taskmanager-$n started (pid $!)"
  fi
done
for _ in $(seq 1 150); do
  slots="$(curl -sf "$REST/overview" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slots-total"])' 2>/dev/null || echo 0)"
  [ "$slots" -ge 4 ] && break
  sleep 0.4
done
[ "${slots:-0}" -ge 4 ] || { echo "TaskManagers did not register; see $LOGS" >&2; exit 1; }
log "Flink cluster up: $slots slots"

# --- the job's configuration (docs/configuration.md), in Managed Flink's property-group shape
cat >"$STATE/job-config.json" <<JSON
[
  {"PropertyGroupId": "Job", "PropertyMap": {"state.backend": "rocksdb", "checkpoint.interval": "10s"}},
  {"PropertyGroupId": "Kinesis", "PropertyMap": {"endpoint": "$KINESIS_URL", "access-key": "local", "secret-key": "local",
      "poll.interval": "500ms", "shard-discovery.interval": "5s"}},
  {"PropertyGroupId": "Events", "PropertyMap": {"paths": "s3://$BUCKET/events", "monitor.interval": "5s",
      "kinesis.streams": "coach-events-acme-okta=acme/okta"}},
  {"PropertyGroupId": "Directory", "PropertyMap": {"kinesis.stream": "coach-users", "warm-up": "20s"}},
  {"PropertyGroupId": "Rules", "PropertyMap": {"path": "s3://$BUCKET/rules", "parsers.path": "s3://$BUCKET/parsers",
      "kinesis.stream": "coach-control"}},
  {"PropertyGroupId": "Audit", "PropertyMap": {"path": "s3://$BUCKET/audit"}},
  {"PropertyGroupId": "Outputs", "PropertyMap": {"detections.stream": "coach-detections",
      "delivery-status.stream": "coach-delivery-status", "rule-status.stream": "coach-rule-status"}},
  {"PropertyGroupId": "Notify", "PropertyMap": {"receiver.url": "http://127.0.0.1:$RECEIVER_PORT",
      "slack.token-ref": "file:$STATE/secrets/slack-bot-token",
      "webhook.signing-secret-ref": "file:$STATE/secrets/webhook-signing-secret",
      "modules": "$ROOT/samples/modules.yaml"}}
]
JSON

# --- rules and orgs' parsing configurations: the initial set on S3 (read at submission); live changes go to coach-control
for kind in rules parsers; do
  for f in "$ROOT/samples/$kind"/*; do
    curl -sf -X PUT --data-binary "@$f" "$S3_URL/$BUCKET/$kind/$(basename "$f")" >/dev/null
  done
done

# Checked here as the job checks it at start (S3 settings added for this JVM; the cluster has its own).
coach config check --config "$STATE/job-config.json" --S3.endpoint "$S3_URL" --S3.access-key local --S3.secret-key local \
  --S3.plugins.dir "$ROOT/jobs/target/plugins" >/dev/null

# --- submit (once)
JOB="$(running_job || true)"
if [ -n "$JOB" ]; then
  log "job already running: $JOB"
elif [ "${NO_SUBMIT:-}" = 1 ]; then
  log "not submitting the job (NO_SUBMIT=1)"
else
  JOB="$(submit)"
  echo "$JOB" >"$STATE/job-id"
  log "job submitted: $JOB"
fi

# --- feed the samples once: users and acme's Okta feed through Kinesis, the other drops through S3
if [ ! -f "$STATE/fed" ] && [ "${SKIP_SAMPLES:-}" != 1 ]; then
  coach kinesis put --endpoint "$KINESIS_URL" --stream coach-users "$ROOT/samples/users/directory.jsonl"
  coach kinesis put --endpoint "$KINESIS_URL" --stream coach-events-acme-okta "$ROOT"/samples/events/acme/okta/*.jsonl
  for dir in "$ROOT"/samples/events/*/*/; do
    drop="$(basename "$(dirname "$dir")")/$(basename "$dir")"
    [ "$drop" = "acme/okta" ] && continue # that feed goes through Kinesis
    for f in "$dir"*; do
      curl -sf -X PUT --data-binary "@$f" "$S3_URL/$BUCKET/events/$drop/$(basename "$f")" >/dev/null
    done
  done
  touch "$STATE/fed"
  log "samples fed (Kinesis: coach-users, coach-events-acme-okta; S3: s3://$BUCKET/events/...)"
fi

cat <<INFO

Security coach runs on a local Flink cluster.
  Flink Web UI:     $REST  (job $JOB)
  Audit trail:      s3://$BUCKET/audit  ->  files under $STATE/s3/$BUCKET/audit (committed every checkpoint)
  Deliveries:       $STATE/receiver.jsonl  (receiver http://127.0.0.1:$RECEIVER_PORT)
  Output streams:   ./coach kinesis read coach-detections | coach-delivery-status | coach-rule-status
  More events:      ./coach kinesis put --stream coach-events-acme-okta FILE   or   curl -X PUT --data-binary @FILE $S3_URL/$BUCKET/events/<org>/<vendor>/NAME.jsonl
  Logs:             $LOGS
Next: local-cluster/savepoint-restart.sh (stop with a savepoint and resume), local-cluster/down.sh (stop everything).
INFO
