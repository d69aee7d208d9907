#!/usr/bin/env bash
# JMH: detection throughput for 10..10,000 rules, the job's rule engine next to Esper. ./bench/run-detection-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.DetectionBench "$@"
