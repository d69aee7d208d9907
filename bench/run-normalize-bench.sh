#!/usr/bin/env bash
# JMH: normalization throughput per vendor next to bare Jackson parsing. ./bench/run-normalize-bench.sh [JMH options, e.g. -p vendor=okta,zscaler]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
OUT="$ROOT/bench/target/jmh"
mkdir -p "$OUT"
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main NormalizationBenchmark -f 2 -wi 8 -w 1s -i 8 -r 1s -t 1 \
  -jvmArgsAppend "-Dcoach.home=$ROOT" -rf json -rff "$OUT/normalize.json" "$@"
"$JAVA" -cp "$CP" io.securitycoach.bench.NormalizationBench "$OUT/normalize.json"
