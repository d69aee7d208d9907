#!/usr/bin/env bash
# JMH: normalization throughput per vendor next to bare Jackson tree parsing of the same records, as a ratio.
#   ./bench/run-normalize-bench.sh [--rounds N] [vendor ...]     (default: every vendor, 3 rounds)
#   ./bench/run-normalize-bench.sh -p vendor=okta,zscaler          (JMH's spelling also works)
# Each round measures each vendor in one JMH run: Jackson then normalization, a fresh JVM each, back to
# back. The table gives the median of the rounds' ratios: this machine's speed drifts by up to 1.7x within
# an hour, so a ratio is only fair between runs seconds apart. Run it on a quiet machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=3
VENDORS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    -p) IFS=, read -r -a more <<< "${2#vendor=}"; VENDORS+=("${more[@]}"); shift 2 ;;
    *) VENDORS+=("$1"); shift ;;
  esac
done
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ${#VENDORS[@]} -eq 0 ]; then
  mapfile -t VENDORS < <("$JAVA" -cp "$CP" io.securitycoach.bench.NormalizationBench --vendors)
fi
OUT="$ROOT/bench/target/jmh/normalize"
rm -rf "$OUT" && mkdir -p "$OUT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/load.txt"
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VENDORS[@]}"; do
    echo "round $round of $ROUNDS: $v" >&2
    "$JAVA" -cp "$CP" org.openjdk.jmh.Main NormalizationBenchmark -f 1 -wi 8 -w 1s -i 5 -r 1s -t 1 \
      -p vendor="$v" -jvmArgsAppend "-Dcoach.home=$ROOT" -rf json -rff "$OUT/$v.round$round.json" \
      > "$OUT/$v.round$round.log"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
"$JAVA" -cp "$CP" io.securitycoach.bench.NormalizationBench "$OUT"
