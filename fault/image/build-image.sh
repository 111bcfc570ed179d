#!/usr/bin/env bash
# Builds the fault suite's server image locally (no registry is reachable, see STACK.md):
# FROM scratch, holding a jlinked JRE, the glibc/libstdc++/libgcc/libz shared libraries it
# needs, and the shell's jars (shell/target/gfs-shell.jar + shell/target/lib). The jlinked JRE
# is cached in fault/target/image-jre; `docker build` caches the layers, so a rebuild with
# unchanged jars takes about a second.
# Usage: fault/image/build-image.sh TAG   (needs `mvn install -DskipTests` first)
set -euo pipefail
tag="${1:?usage: build-image.sh TAG}"
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
jars="$root/shell/target"
if [[ ! -f "$jars/gfs-shell.jar" || ! -d "$jars/lib" ]]; then
  echo "build-image.sh: no $jars/gfs-shell.jar: run mvn install -DskipTests first" >&2
  exit 1
fi
jre="$root/fault/target/image-jre"
ctx="$root/fault/target/image-context"
jdk_bin="$(dirname "$(readlink -f "$(command -v jlink)")")"

if [[ ! -x "$jre/bin/java" ]]; then
  rm -rf "$jre"
  "$jdk_bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.unsupported,jdk.crypto.ec,jdk.management \
    --strip-debug --no-header-files --no-man-pages --output "$jre"
fi

rm -rf "$ctx"
mkdir -p "$ctx/rootfs/lib/x86_64-linux-gnu" "$ctx/rootfs/lib64" "$ctx/rootfs/app/lib" "$ctx/rootfs/tmp"
chmod 1777 "$ctx/rootfs/tmp"
cp -a "$jre" "$ctx/rootfs/jre"
# The shared libraries the JVM, lmdbjava's liblmdb and netty's epoll library link against.
for lib in libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1 \
    libstdc++.so.6 libgcc_s.so.1 ld-linux-x86-64.so.2; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$ctx/rootfs/lib/x86_64-linux-gnu/$lib"
done
cp -L /lib64/ld-linux-x86-64.so.2 "$ctx/rootfs/lib64/ld-linux-x86-64.so.2"
cp "$jars/gfs-shell.jar" "$ctx/rootfs/app/"
cp "$jars"/lib/*.jar "$ctx/rootfs/app/lib/"

# The JVM flags of ./gfs for servers (lmdbjava's add-opens, STACK.md's common-pool fix), with a
# small heap, the serial collector and C1 only: nine server JVMs share two cores.
cat > "$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY rootfs/ /
WORKDIR /data
ENTRYPOINT ["/jre/bin/java", "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4", "-Xmx192m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/tmp", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.org.apache.ratis=warn", "-Dorg.slf4j.simpleLogger.log.io.grpc=warn", "-Dorg.slf4j.simpleLogger.log.io.netty=warn", "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS", "-Dorg.slf4j.simpleLogger.logFile=System.err", "-cp", "/app/gfs-shell.jar:/app/lib/*", "gfs.shell.Main"]
DOCKERFILE
docker build -q -t "$tag" "$ctx" >/dev/null
echo "$tag"
