#!/usr/bin/env bash
# Savepoint scale run (RocksDB): bootstrap N users, restore a job from it, take a savepoint of it.
#   ./bench/run-savepoint-scale.sh [--users 1000000] [--work DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${OPENS[@]}" -Xmx${BENCH_HEAP:-6g} -Dcoach.home="$ROOT" \
  -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.SavepointScaleRun "$@"
