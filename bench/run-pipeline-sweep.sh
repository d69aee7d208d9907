#!/usr/bin/env bash
# Sweeps of the pipeline load run at a fixed number of events (no yardsticks, no latency run):
#   ./bench/run-pipeline-sweep.sh rules [harness options]   # 10, 100, 1,000, 10,000 rules over 100 orgs
#   ./bench/run-pipeline-sweep.sh users [harness options]   # 10k, 100k, 1M users over 100 orgs
# Defaults per point: 100 orgs, 200,000 events, 100,000 users (rules sweep), 1,000 rules (users sweep).
# Prints one line per point; each point's JSON is in bench/target/sweep/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KIND="${1:?rules or users}"; shift
OUT="$ROOT/bench/target/sweep"; mkdir -p "$OUT"
case "$KIND" in
  rules) POINTS=(10 100 1000 10000) ;;
  users) POINTS=(100 1000 10000) ;;  # users per org, 100 orgs
  *) echo "rules or users" >&2; exit 2 ;;
esac
for p in "${POINTS[@]}"; do
  if [ "$KIND" = rules ]; then ARGS=(--rules "$p" --users-per-org 1000); else ARGS=(--rules 1000 --users-per-org "$p"); fi
  "$ROOT/bench/run-pipeline-load.sh" --quick --orgs 100 "${ARGS[@]}" --skip-yardsticks --skip-latency --no-profile \
    --json "$OUT/$KIND-$p.json" "$@" > "$OUT/$KIND-$p.log" 2>&1
  EPCS=$(sed -n 's/.*"events_per_cpu_second" : \([0-9]*\).*/\1/p' "$OUT/$KIND-$p.json")
  EPS=$(sed -n 's/.*"events_per_second" : \([0-9]*\).*/\1/p' "$OUT/$KIND-$p.json")
  LABEL="$p rules"; [ "$KIND" = users ] && LABEL="$((p * 100)) users"
  echo "$LABEL: $EPCS events per CPU-second, $EPS events/s (wall)"
done
