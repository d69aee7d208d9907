#!/usr/bin/env bash
# Micro-measurement: an enriched SecurityEvent through off-heap network buffers (Flink's record writer and spanning deserializer). ./bench/run-event-shuffle.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$ROOT/bench/target/event-shuffle-classpath.txt"
(cd "$ROOT" && ./mvnw -B -q -DskipTests compile dependency:build-classpath -pl bench -am \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE") >&2
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" io.securitycoach.bench.EventShuffleSerialization
