#!/usr/bin/env bash
# Builds the bench module and runs the benchmark: every ServiceCall transport on the class path
# against a JDK NIO Unix-socket ping-pong and Java RMI on loopback, one table on the console and
# in bench/target/bench-table.md (logs in bench/target/bench-logs/).
#   ./bench.sh            quick mode (a few minutes at most; wider error)
#   ./bench.sh full       the documented run (about 3 minutes per row)
#   ./bench.sh quick --rows nio,rmi,jna     only some rows
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven openjdk-17-jdk-headless
fi
mode="${1:-quick}"
[ $# -gt 0 ] && shift
mvn -B -q -DskipTests -pl bench -am package
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
    dev.servicecall.bench.BenchMain "$mode" --out bench/target "$@"
