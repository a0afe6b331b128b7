#!/bin/sh
# Brings up a single-node skiff on this host with the embedded SQLite store
# and deploys the example app (examples/hello). Idempotent: a running server
# is reused, and applying the example again changes nothing.
#
# usage: npm run up      (as root, or with sudo available)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
data_dir=${SKIFF_DATA_DIR:-/var/lib/skiff}
kubeconfig="$data_dir/admin.kubeconfig"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

sh systemd/install-prereqs.sh
# The example's image, built locally: no registry is reachable from here.
sh test/images/build.sh

server_answers() { curl -fsS --max-time 2 -k https://127.0.0.1:6443/readyz >/dev/null 2>&1; }

if ! server_answers; then
  as_root mkdir -p "$data_dir"
  echo "skiff: starting the server (data: $data_dir, log: $data_dir/server.log)" >&2
  as_root sh -c "setsid node '$top/dist/src/cli/main.js' server --data-dir '$data_dir' >>'$data_dir/server.log' 2>&1 < /dev/null &"
  i=0
  until server_answers; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then echo "skiff: the server did not start; see $data_dir/server.log" >&2; exit 1; fi
    sleep 0.5
  done
fi

as_root node dist/src/cli/main.js apply --kubeconfig "$kubeconfig" -f examples/hello
echo "skiff is up. kubectl works with: export KUBECONFIG=$kubeconfig" >&2
