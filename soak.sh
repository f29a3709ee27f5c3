#!/usr/bin/env bash
# The full resource soak of docs/reliability.md: 1,000,000 calls (null calls and 64 KiB buffers,
# 4 client threads) against a service process, for every native transport, then the figures:
# descriptors, threads and heap after GC of client and service, before and after.
# Usage: ./soak.sh [CALLS]   (default 1000000; `mvn verify` runs 100000)
set -euo pipefail
cd "$(dirname "$0")"
CALLS="${1:-1000000}"
FIGURES=reliability/target/reliability-figures
mkdir -p "$FIGURES"
rm -f "$FIGURES"/soak-*.txt
echo "== resource soak: $CALLS calls per native transport (builds what it needs; a few minutes)"
mvn -B -q -pl reliability -am verify -Dtest=ResourceSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.calls="$CALLS" > reliability/target/soak.log 2>&1 || {
    echo "== the soak FAILED; the end of the log (reliability/target/soak.log):"
    tail -60 reliability/target/soak.log
    exit 1
}
echo "== passed: no growth in descriptors or threads, heap growth within bounds"
cat "$FIGURES"/soak-*.txt
