#!/usr/bin/env bash
# Writes the state fixtures of the current state layout (heap and RocksDB savepoints of the upgrade
# scenario's part one) to savepoints/src/test/resources/state-fixtures/LAYOUT/. Run it from the
# build whose state layout must stay restorable (a release tag), then commit the folder:
#   git checkout <tag> && savepoints/write-state-fixtures.sh layout-2
set -euo pipefail
cd "$(dirname "$0")/.."
layout="${1:?usage: savepoints/write-state-fixtures.sh LAYOUT (e.g. layout-2)}"
./mvnw -B -q verify -pl savepoints -am -Dtest=WriteStateFixtures -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcoach.writeStateFixtures="$layout"
du -sh "savepoints/src/test/resources/state-fixtures/$layout"/*
echo "Record the commit in savepoints/src/test/resources/state-fixtures/$layout/README.md: $(git rev-parse HEAD)"
