#!/usr/bin/env bash
# Load run of one integration against its vendor stand-in (the whole job, no faults):
#   ./bench/run-integration-load.sh [--vendor okta|graph|crowdstrike|proofpoint|netskope] [--events N] [--page-size N] [--json FILE]
# --help lists every knob. Generating the stand-in's events and starting the job are not measured.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -o -DskipTests package -pl bench -am) >&2
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
COMMIT="$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- . ':!bench/results' || echo '+dirty')"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${OPENS[@]}" -Xmx${BENCH_HEAP:-3g} \
  -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.pipeline.IntegrationLoadRun --home "$ROOT" --commit "$COMMIT" "$@"
