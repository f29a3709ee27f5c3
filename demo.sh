#!/usr/bin/env bash
# The main job: builds what is needed and runs the two-process demo (a service process and a
# client process talking through a native transport). Exits 0 when the demo succeeded.
# Transport: SERVICECALL_TRANSPORT=jna|jnr (default: jna).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v mvn >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q maven openjdk-17-jdk-headless
fi
mvn -B -q -DskipTests -pl demo -am package
exec java -Dservicecall.transport="${SERVICECALL_TRANSPORT:-jna}" \
    -cp "demo/target/classes:$(cat demo/target/demo.classpath)" dev.servicecall.demo.TwoProcessDemo
