#!/usr/bin/env bash
# Load run of identity resolution + enrichment: ./bench/run-directory-load.sh [--backend rocksdb] [--users N] ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${OPENS[@]}" -Xmx${BENCH_HEAP:-10g} \
  -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.DirectoryLoadRun "$@"
