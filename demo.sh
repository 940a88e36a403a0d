#!/usr/bin/env bash
# Builds tablesync and runs the demo: tablestore-local + a local Elasticsearch (8.17 by default;
# pass ES_6, ES_7, ES_8, ES_9, OPENSEARCH_2 or OPENSEARCH_3), the seed's DataX job file run continuously
# with `bin/tablesync sync` while rows are written, updated, deleted and a shard splits; each step is
# checked (every document equals its Tablestore row) and the write->searchable latency is measured.
# Everything then keeps running for you to try (Ctrl-C stops it); pass --exit to stop at the end.
# The first build downloads the Elasticsearch/OpenSearch test distributions through Maven (100-160 MB
# each). ES_9 and OPENSEARCH_3 need a JDK 21+ beside the Java 17 that runs tablesync, or one named by
# TABLESYNC_ES_JAVA21_HOME.
set -euo pipefail
cd "$(dirname "$0")"
echo "== building (mvn -q -DskipTests package)"
mvn -q -B -ntp -DskipTests package
repo="$(mvn -q -B -ntp help:evaluate -Dexpression=settings.localRepository -DforceStdout)"
exec java -Xmx512m -Dmaven.repo.local="$repo" -Dtablesync.es.workdir="$PWD/tablesync-testkit/target" \
  -cp "tablesync-testkit/target/classes:tablesync-dist/target/tablesync/lib/*" \
  io.tablesync.testkit.demo.Demo tablesync-dist/target/tablesync "$@"
