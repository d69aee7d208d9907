#!/usr/bin/env bash
# End-to-end load run of the whole job on the standard workload, with its two yardsticks and a latency run:
#   ./bench/run-pipeline-load.sh [--quick] [--json FILE] [--orgs N --users-per-org N --events N --rules-per-org N ...]
# --help lists every knob. Generation and the directory load are not measured.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -o -DskipTests package -pl bench -am) >&2
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- . ':!bench/results' || echo '+dirty')"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${OPENS[@]}" -Xmx${BENCH_HEAP:-3g} -XX:FlightRecorderOptions:stackdepth=256 \
  -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.pipeline.PipelineLoadRun --home "$ROOT" --commit "$COMMIT" "$@"
