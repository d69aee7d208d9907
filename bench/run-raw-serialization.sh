#!/usr/bin/env bash
# Micro-measurement: a ~600-byte vendor line (RawEvent) through the POJO serializer and RawEventSerializer. ./bench/run-raw-serialization.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CP_FILE="$ROOT/bench/target/raw-serialization-classpath.txt"
(cd "$ROOT" && ./mvnw -B -q -DskipTests compile dependency:build-classpath -pl bench -am \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE") >&2
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -cp "$ROOT/bench/target/classes:$(cat "$CP_FILE")" io.securitycoach.bench.RawEventSerialization
