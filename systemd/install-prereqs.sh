#!/bin/sh
# Installs and starts what skiff and its tests need on a Debian-family host,
# idempotently: Debian's Docker Engine, etcd, iptables, busybox-static,
# docker-registry and apache2-utils (htpasswd, for the test registry); the npm packages; a build of the TypeScript. Starts dockerd
# and a loopback etcd when they are not running. Downloads nothing but Debian
# and npm packages.
#
# usage: sh systemd/install-prereqs.sh
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
state=${SKIFF_DEV_STATE:-/var/lib/skiff-dev}

say() { printf 'skiff-prereqs: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  missing=""
  for pkg in docker.io etcd-server iptables busybox-static docker-registry apache2-utils iproute2 curl; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  say "installing Debian packages:$missing"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

install_npm_packages() {
  cd "$top"
  # Only when the lock file changed since the last install. `npm install`
  # rather than `npm ci`: the npm here writes lock files without other
  # platforms' optional packages and then refuses them in `npm ci`; `npm
  # install` still installs the locked versions.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm install --no-audit --no-fund --loglevel=error
  fi
  say "building"
  npx tsc -p tsconfig.json
}

docker_answers() { docker info >/dev/null 2>&1; }

start_dockerd() {
  docker_answers && return 0
  if [ -d /run/systemd/system ] && ! as_root systemctl start docker; then
    say "systemctl could not start docker; starting dockerd directly"
  fi
  if ! docker_answers; then
    say "starting dockerd (log: $state/dockerd.log)"
    as_root mkdir -p "$state"
    as_root sh -c "setsid dockerd >'$state/dockerd.log' 2>&1 < /dev/null &"
  fi
  i=0
  until docker_answers; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then say "dockerd did not start; see $state/dockerd.log"; exit 1; fi
    sleep 0.5
  done
}

etcd_answers() { curl -fsS --max-time 2 http://127.0.0.1:2379/health >/dev/null 2>&1; }

start_etcd() {
  etcd_answers && return 0
  say "starting etcd on 127.0.0.1:2379 (log: $state/etcd.log)"
  as_root mkdir -p "$state/etcd"
  as_root sh -c "setsid etcd --name skiff-dev --data-dir '$state/etcd' \
    --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster skiff-dev=http://127.0.0.1:2380 >'$state/etcd.log' 2>&1 < /dev/null &"
  i=0
  until etcd_answers; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then say "etcd did not start; see $state/etcd.log"; exit 1; fi
    sleep 0.5
  done
}

install_debian_packages
install_npm_packages
start_dockerd
start_etcd
