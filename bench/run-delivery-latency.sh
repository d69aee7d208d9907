#!/usr/bin/env bash
# Detection-to-delivered latency on the local receiver: ./bench/run-delivery-latency.sh [--copies 50]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && ./mvnw -B -q -DskipTests package -pl bench -am) >&2
read -r -a OPENS <<< "$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "${OPENS[@]}" -Xmx2g \
  -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")" \
  io.securitycoach.bench.DeliveryLatencyRun --home "$ROOT" "$@"
