#!/usr/bin/env bash
# The playbooks against real hosts: Debian containers running systemd on a network of their
# own, 2 racks (3 masters, 4 chunkservers, 1 monitoring host), driven with Ansible's
# community.docker.docker connection. Steps:
#   1. ansible-lint --profile production
#   2. site.yml, then site.yml again: the second run must change nothing
#   3. a file written and read back through the deployed cluster from this machine; Prometheus
#      scrapes every master and chunkserver
#   4. rolling-restart.yml while a client writes and reads: no operation fails, nothing is lost
#   5. decommission-chunkserver.yml on one host: its chunks have their replicas elsewhere
#      before it stops; add-chunkserver.yml takes it back
#   6. upgrade.yml to a second release while the client works, then again: nothing changes
# Needs root, Docker, Ansible (with community.docker), ansible-lint and debootstrap; .ci/run
# installs them. Run alone: bash ansible/tests/run.sh (after mvn -B install -DskipTests).
# Everything it makes is under ansible/tests/work and in containers named gfs-ansible-*;
# KEEP=1 leaves the containers running for a look afterwards.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
ansible_dir="$root/ansible"
work="$ansible_dir/tests/work"
image="gfs-ansible-host:bookworm-2"
network="gfs-ansible"
subnet_prefix="172.31.240"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
tarball="$root/shell/target/gfs-$version.tar.gz"
upgrade_version="$version-upgrade-test"

# name ip-suffix group... (the rack groups first: a host is in one rack)
hosts=(
  "gfs-ansible-m1 11 rack1 masters"
  "gfs-ansible-m2 12 rack2 masters"
  "gfs-ansible-m3 13 rack2 masters"
  "gfs-ansible-cs1 21 rack1 chunkservers"
  "gfs-ansible-cs2 22 rack1 chunkservers"
  "gfs-ansible-cs3 23 rack2 chunkservers"
  "gfs-ansible-cs4 24 rack2 chunkservers"
  "gfs-ansible-mon 31 rack2 monitoring"
)
masters="$subnet_prefix.11:7100,$subnet_prefix.12:7100,$subnet_prefix.13:7100"
prometheus="http://$subnet_prefix.31:9090"

started=$(date +%s)
step() { echo; echo "=== [$(( $(date +%s) - started )) s] $*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
gfs() { "$root/gfs" --masters "$masters" "$@"; }

remove_hosts() {
  for h in "${hosts[@]}"; do docker rm -f "${h%% *}" >/dev/null 2>&1 || true; done
  docker network rm "$network" >/dev/null 2>&1 || true
}

cleanup() {
  if [[ "${KEEP:-0}" == 1 ]]; then
    echo "KEEP=1: containers left running (docker ps --filter name=gfs-ansible-)"
  else
    remove_hosts
  fi
}

build_image() {
  if docker image inspect "$image" >/dev/null 2>&1; then
    return
  fi
  step "building image $image (debootstrap of Debian 12 with systemd, python3, Java 17, prometheus)"
  local rootfs="$work/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,sudo,python3,python3-apt,openjdk-17-jre-headless,prometheus,iproute2,procps,ca-certificates \
    bookworm "$rootfs" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; fail "debootstrap (log: $work/debootstrap.log)"; }
  # sudo: the playbooks become root as on real hosts. The packages are in the image because the containers reach no package mirror; the roles
  # still declare them (state: present). Prometheus runs on the monitoring host only.
  chroot "$rootfs" systemctl disable prometheus >/dev/null 2>&1
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/sbin/init"]' - "$image" >/dev/null
  rm -rf "$rootfs"
}

start_hosts() {
  step "starting ${#hosts[@]} hosts on network $network ($subnet_prefix.0/24)"
  docker network create --subnet "$subnet_prefix.0/24" "$network" >/dev/null
  for h in "${hosts[@]}"; do
    read -r name suffix _ <<< "$h"
    docker run -d --name "$name" --hostname "$name" --network "$network" --ip "$subnet_prefix.$suffix" \
      --tmpfs /run --tmpfs /run/lock -v /sys/fs/cgroup:/sys/fs/cgroup:ro "$image" /sbin/init >/dev/null
  done
  for h in "${hosts[@]}"; do
    local name="${h%% *}" state=""
    for _ in $(seq 1 60); do
      state="$(docker exec "$name" systemctl is-system-running 2>/dev/null || true)"
      [[ "$state" == running || "$state" == degraded ]] && break
      sleep 1
    done
    [[ "$state" == running || "$state" == degraded ]] || fail "$name: systemd not up ($state)"
    # A container cannot make user namespaces: Debian's prometheus unit asks for one
    # (PrivateUsers=true). Real hosts keep the unit as packaged.
    docker exec "$name" sh -c 'mkdir -p /etc/systemd/system/prometheus.service.d \
      && printf "[Service]\nPrivateUsers=false\n" > /etc/systemd/system/prometheus.service.d/container.conf \
      && systemctl daemon-reload'
  done
}

write_inventory() {
  local inv="$work/inventory"
  rm -rf "$inv"
  mkdir -p "$inv/group_vars/all"
  {
    echo "# Made by ansible/tests/run.sh: the test's containers."
    for group in rack1 rack2 masters chunkservers monitoring; do
      echo "[$group]"
      for h in "${hosts[@]}"; do
        read -r name suffix groups <<< "$h"
        if [[ " $groups " == *" $group "* ]]; then
          echo "$name gfs_host=$subnet_prefix.$suffix"
        fi
      done
      echo
    done
  } > "$inv/hosts.ini"
  # The example's settings, then what this test changes (the later file wins).
  cp "$ansible_dir/inventory/example/group_vars/all.yml" "$inv/group_vars/all/00-example.yml"
  cat > "$inv/group_vars/all/10-test.yml" <<EOF
---
ansible_connection: community.docker.docker
gfs_cluster_name: ansible-test
gfs_version: "$version"
gfs_release_tarball: "$tarball"
gfs_chunk_size: 1MB
gfs_master_heap: 256m
gfs_chunkserver_heap: 192m
gfs_prometheus_scrape_interval: 2s
gfs_grafana_install: false
gfs_master_settings:
  # Eight JVMs share two cores here: elections wait a little longer than on real hosts.
  raft.election.timeout.min.ms: 1000
  raft.election.timeout.max.ms: 2000
  chunkserver.dead.after.ms: 6000
  replication.scan.interval.ms: 2000
  lease.duration.ms: 10000
gfs_chunkserver_settings:
  chunkserver.scrub.interval.ms: 0
EOF
}

playbook() {
  local log="$work/$1.log"
  shift
  echo "ansible-playbook $* (log: $log)"
  (cd "$ansible_dir" && ANSIBLE_FORCE_COLOR=0 ansible-playbook -i "$work/inventory/hosts.ini" "$@") > "$log" 2>&1 \
    || { tail -60 "$log"; fail "ansible-playbook $* (log: $log)"; }
  sed -n '/^PLAY RECAP/,$p' "$log"
}

# Every host's recap line of a playbook log says changed=0.
assert_nothing_changed() {
  local log="$work/$1.log"
  local changed
  changed="$(sed -n '/^PLAY RECAP/,$p' "$log" | grep -E 'changed=[1-9]' || true)"
  [[ -z "$changed" ]] || { grep -E '^(changed|TASK)' "$log" | grep -B1 '^changed' | head -40; fail "$1 changed something: $changed"; }
}

# A client on this machine writing files and reading each back while a playbook runs. Each
# operation is one ./gfs command (its own retries and failovers, up to --timeout).
workload_start() {
  local name="$1"
  mkdir -p "$work/$name"
  : > "$work/$name/ops"
  (
    i=0
    while [[ ! -f "$work/$name/stop" ]]; do
      i=$((i + 1))
      local_file="$work/$name/file-$i"
      head -c $(( (i % 5 + 1) * 300000 )) /dev/urandom > "$local_file"
      t0=$(date +%s%N)
      if gfs --timeout 60000 put "$local_file" "/$name/file-$i" > "$work/$name/put-$i.out" 2>&1; then
        echo "put $i ok $(( ($(date +%s%N) - t0) / 1000000 ))" >> "$work/$name/ops"
      else
        echo "put $i FAILED $(( ($(date +%s%N) - t0) / 1000000 )) $(tr '\n' ' ' < "$work/$name/put-$i.out")" >> "$work/$name/ops"
        continue
      fi
      t0=$(date +%s%N)
      if gfs --timeout 60000 cat "/$name/file-$i" > "$work/$name/read-$i" 2> "$work/$name/cat-$i.out" \
          && cmp -s "$local_file" "$work/$name/read-$i"; then
        echo "read $i ok $(( ($(date +%s%N) - t0) / 1000000 ))" >> "$work/$name/ops"
      else
        echo "read $i FAILED $(( ($(date +%s%N) - t0) / 1000000 )) $(tr '\n' ' ' < "$work/$name/cat-$i.out")" >> "$work/$name/ops"
      fi
      rm -f "$work/$name/read-$i"
    done
  ) &
  echo $! > "$work/$name/pid"
}

workload_stop() {
  local name="$1"
  touch "$work/$name/stop"
  wait "$(cat "$work/$name/pid")" || true
  local ok failed slowest
  ok=$(grep -c ' ok ' "$work/$name/ops" || true)
  failed=$(grep -c ' FAILED ' "$work/$name/ops" || true)
  slowest=$(awk '{ if ($4 > m) m = $4 } END { print m + 0 }' "$work/$name/ops")
  echo "$name workload: $ok operations succeeded, $failed failed, slowest $slowest ms"
  [[ "$ok" -gt 0 ]] || fail "$name: the workload made no operation"
  [[ "$failed" -eq 0 ]] || { grep FAILED "$work/$name/ops" | head; fail "$name: $failed operations failed"; }
}

# Every file a workload was told was written reads back byte for byte.
verify_written() {
  local name="$1" count=0
  for i in $(awk '$1 == "put" && $3 == "ok" { print $2 }' "$work/$name/ops"); do
    gfs cat "/$name/file-$i" > "$work/$name/check" || fail "/$name/file-$i was acknowledged and cannot be read"
    cmp -s "$work/$name/file-$i" "$work/$name/check" || fail "/$name/file-$i reads back different bytes"
    count=$((count + 1))
  done
  rm -f "$work/$name/check"
  echo "$name: all $count acknowledged files read back identical"
}

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

check_prometheus() {
  local expected=$1 last=""
  for _ in $(seq 1 60); do
    last="$(curl -sf "$prometheus/api/v1/targets" | json "' '.join(sorted(t['labels']['job'] + '=' + t['health'] for t in d['data']['activeTargets']))" || true)"
    if [[ "$(wc -w <<< "$last")" -eq "$expected" && "$last" != *"=down"* && "$last" != *"=unknown"* ]]; then
      echo "prometheus scrapes $expected targets, all up: $last"
      return
    fi
    sleep 2
  done
  fail "prometheus targets not all up: $last"
}

chunks_on() {
  gfs admin chunkservers --json | json "[c['chunks'] for c in d['chunkservers'] if c['id'] == '$1'][0]"
}

main() {
  [[ $(id -u) == 0 ]] || fail "run as root (debootstrap, docker)"
  for tool in docker ansible-playbook ansible-lint debootstrap curl python3; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
  done
  docker info >/dev/null 2>&1 || fail "no Docker engine (start dockerd)"
  [[ -f "$tarball" ]] || fail "no release tarball $tarball: run mvn -B install -DskipTests first"
  rm -rf "$work"
  mkdir -p "$work"
  remove_hosts
  trap cleanup EXIT

  step "ansible-lint --profile production"
  (cd "$ansible_dir" && ansible-lint --profile production --nocolor) || fail "ansible-lint"

  build_image
  start_hosts
  write_inventory

  step "site.yml"
  playbook site-1 site.yml
  step "site.yml again: nothing may change"
  playbook site-2 site.yml
  assert_nothing_changed site-2

  step "writing and reading a file through the deployed cluster"
  head -c 3500000 /dev/urandom > "$work/smoke"
  gfs mkdir -p /smoke
  gfs put "$work/smoke" /smoke/file
  gfs cat /smoke/file > "$work/smoke.read"
  cmp "$work/smoke" "$work/smoke.read" || fail "/smoke/file reads back different bytes"
  gfs ls -l /smoke
  gfs admin report
  check_prometheus 8

  step "rolling-restart.yml while a client writes and reads"
  workload_start rolling
  sleep 5
  playbook rolling-restart rolling-restart.yml
  sleep 5
  workload_stop rolling
  verify_written rolling

  step "decommission-chunkserver.yml on gfs-ansible-cs4"
  local held
  held=$(chunks_on gfs-ansible-cs4)
  [[ "$held" -gt 0 ]] || fail "gfs-ansible-cs4 holds no chunk: nothing to drain"
  playbook decommission decommission-chunkserver.yml -e gfs_decommission=gfs-ansible-cs4
  [[ "$(docker exec gfs-ansible-cs4 systemctl is-active gfs-chunkserver || true)" == inactive ]] \
    || fail "gfs-ansible-cs4's chunkserver still runs"
  # Right after the stop, before the masters could even notice it is gone: every chunk must
  # already have its replicas on the other chunkservers.
  local fsck
  fsck="$(gfs admin fsck / --json)"
  echo "fsck after the drain: $(json "d['summary']" <<< "$fsck")"
  [[ "$(json "d['summary']['under_replicated_chunks'] + d['summary']['missing_chunks']" <<< "$fsck")" == 0 ]] \
    || fail "chunks under-replicated or missing after the drain of gfs-ansible-cs4 ($held chunks)"
  echo "gfs-ansible-cs4 held $held chunks; all have their replicas elsewhere"
  verify_written rolling
  playbook decommission-2 decommission-chunkserver.yml -e gfs_decommission=gfs-ansible-cs4
  assert_nothing_changed decommission-2

  step "add-chunkserver.yml takes gfs-ansible-cs4 back"
  playbook add add-chunkserver.yml -e gfs_new_chunkservers=gfs-ansible-cs4
  [[ "$(gfs admin chunkservers --json | json "[c['state'] for c in d['chunkservers'] if c['id'] == 'gfs-ansible-cs4'][0]")" == LIVE ]] \
    || fail "gfs-ansible-cs4 is not LIVE after add-chunkserver.yml"
  check_prometheus 8

  step "upgrade.yml to $upgrade_version while a client writes and reads"
  rm -rf "$work/upgrade" && mkdir -p "$work/upgrade"
  tar -xzf "$tarball" -C "$work/upgrade"
  mv "$work/upgrade/gfs-$version" "$work/upgrade/gfs-$upgrade_version"
  tar -czf "$work/gfs-$upgrade_version.tar.gz" -C "$work/upgrade" "gfs-$upgrade_version"
  workload_start upgrade
  sleep 5
  playbook upgrade upgrade.yml -e "gfs_version=$upgrade_version" -e "gfs_release_tarball=$work/gfs-$upgrade_version.tar.gz"
  sleep 5
  workload_stop upgrade
  verify_written upgrade
  verify_written rolling
  for h in "${hosts[@]}"; do
    read -r name _ groups <<< "$h"
    local unit=""
    [[ "$groups" == *masters* ]] && unit=gfs-master
    [[ "$groups" == *chunkservers* ]] && unit=gfs-chunkserver
    [[ -n "$unit" ]] || continue
    local pid
    pid="$(docker exec "$name" systemctl show -p MainPID --value "$unit")"
    docker exec "$name" cat "/proc/$pid/cmdline" | tr '\0' ' ' | grep -q "/opt/gfs/gfs-$upgrade_version/" \
      || fail "$name: $unit (pid $pid) does not run the new release"
  done
  echo "every master and chunkserver runs /opt/gfs/gfs-$upgrade_version"
  playbook upgrade-2 upgrade.yml -e "gfs_version=$upgrade_version" -e "gfs_release_tarball=$work/gfs-$upgrade_version.tar.gz"
  assert_nothing_changed upgrade-2

  step "all passed"
}

main "$@"
