#!/usr/bin/env bash
# JMH: detection throughput for 10..10,000 rules over 100 orgs, the job's rule engine next to Esper.
#   ./bench/run-detection-bench.sh
# The two engines run in separate JVMs (Esper and CEL need different ANTLR versions); a last step prints the table.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench,bench-esper -am) >&2
OUT="$ROOT/bench/target/jmh"
mkdir -p "$OUT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JMH_OPTS=(-f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -jvmArgsAppend -Xmx4g)
"$JAVA" -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  org.openjdk.jmh.Main DetectionBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/coach.json"
"$JAVA" -cp "$ROOT/bench-esper/target/classes:$(cat "$ROOT/bench-esper/target/bench-classpath.txt")" \
  org.openjdk.jmh.Main EsperDetectionBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/esper.json"
"$JAVA" -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.DetectionBench "$OUT/coach.json" "$OUT/esper.json"
