#!/usr/bin/env bash
# The performance benchmark (README, "Performance"): builds the deployment package and the benchmark, then runs
# every figure against its floor. Options: --size full|small (default full), --out FILE (default
# bench/results.json); --help lists the others.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl bench -am package -DskipTests
export DDB_LOCAL_TELEMETRY=0
exec java -Dsqlite4java.library.path=bench/target/native-libs \
    -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.glueorch.bench.Benchmark "$@"
