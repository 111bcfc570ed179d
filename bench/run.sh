#!/usr/bin/env bash
# bench/run.sh [flags]: gfs against HDFS on this machine (docs/benchmarks.md, "gfs against
# HDFS"). Builds the bench module and the ./gfs launcher's jars when missing, then runs
# gfs.bench.CompareCommand with the module's runtime classpath. The table goes to stdout,
# progress to stderr; --help lists the flags. JAVA_OPTS: extra options of the benchmark's JVM.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
classes="$root/bench/target/classes"
classpath_file="$root/bench/target/runtime-classpath.txt"

# The classpath must name this checkout's shell jar: the benchmark finds ./gfs above it.
if [[ ! -d "$classes" || ! -f "$classpath_file" || ! -f "$root/shell/target/gfs-shell.jar" ]] \
    || ! grep -q "$root/shell/target/gfs-shell.jar" "$classpath_file"; then
  echo "building the benchmark (first run)..." >&2
  # Maven's output goes to stderr so that stdout stays the table.
  (cd "$root" && mvn -B -q -DskipTests package -pl bench -am) >&2
fi

# The same JVM flags as ./gfs bench: lmdbjava's add-opens (the client library does not need
# them, the shell's classes on the classpath may), STACK.md's common-pool fix, quiet logs.
exec java --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err \
  ${JAVA_OPTS:-} -cp "$classes:$(cat "$classpath_file")" gfs.bench.CompareCommand "$@"
