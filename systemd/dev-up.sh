#!/bin/sh
# Brings up a single-node skiff on this host with the embedded SQLite store:
# the server, then an agent that joins it as this host's Node; deploys the
# example app (examples/hello), whose Deployment's pods the scheduler places
# on that node and the agent runs. Idempotent: a running server and agent are
# reused (the agent keeps its node credential, so it joins only once), and
# applying the examples again changes nothing.
#
# usage: npm run up      (as root, or with sudo available)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
data_dir=${SKIFF_DATA_DIR:-/var/lib/skiff}
agent_dir=${SKIFF_AGENT_DATA_DIR:-/var/lib/skiff-agent}
kubeconfig="$data_dir/admin.kubeconfig"
# The agent's default node name: the hostname, lowercased.
node_name=$(hostname | tr '[:upper:]' '[:lower:]')

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

sh systemd/install-prereqs.sh
# The example's image, built locally: no registry is reachable from here.
sh test/images/build.sh

server_answers() { curl -fsS --max-time 2 -k https://127.0.0.1:6443/readyz >/dev/null 2>&1; }

# Waits until the check passes, polling every 0.5 s; after `tries` polls, says what failed and stops.
# usage: wait_until TRIES MESSAGE CHECK [ARGS...]
wait_until() {
  tries=$1 message=$2
  shift 2
  i=0
  until "$@"; do
    i=$((i + 1))
    if [ "$i" -gt "$tries" ]; then echo "skiff: $message" >&2; exit 1; fi
    sleep 0.5
  done
}

if ! server_answers; then
  as_root mkdir -p "$data_dir"
  echo "skiff: starting the server (data: $data_dir, log: $data_dir/server.log)" >&2
  as_root sh -c "setsid node '$top/dist/src/cli/main.js' server --data-dir '$data_dir' >>'$data_dir/server.log' 2>&1 < /dev/null &"
  wait_until 60 "the server did not start; see $data_dir/server.log" server_answers
fi

skiff() { as_root node "$top/dist/src/cli/main.js" "$@"; }

agent_running() {
  [ -f "$agent_dir/agent.pid" ] || return 1
  pid=$(cat "$agent_dir/agent.pid")
  as_root grep -qa -- "main.js.agent" "/proc/$pid/cmdline" 2>/dev/null
}

# True when the object (kind, name) satisfies a JavaScript predicate on it, e.g. '(o) => o.status?.phase === "Running"'.
object_matches() {
  skiff get "$1" "$2" --kubeconfig "$kubeconfig" -o json 2>/dev/null | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => {
      try {
        process.exit(eval(process.argv[1])(JSON.parse(text)) ? 0 : 1);
      } catch {
        process.exit(1);
      }
    });' "$3"
}
node_ready() { object_matches node "$node_name" '(o) => (o.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")'; }

if ! agent_running; then
  as_root mkdir -p "$agent_dir"
  token=""
  # A join token only for the first start: later ones reuse the node credential kept in the data dir.
  if ! as_root test -f "$agent_dir/node-credential.json"; then
    token=$(skiff token create --kubeconfig "$kubeconfig" --ttl 10m --description "npm run up: the agent on $node_name")
  fi
  echo "skiff: starting the agent (node: $node_name, data: $agent_dir, log: $agent_dir/agent.log)" >&2
  # The token travels in the environment, not on the command line that ps shows.
  as_root env SKIFF_TOKEN="$token" sh -c "setsid node '$top/dist/src/cli/main.js' agent --server https://127.0.0.1:6443 \
    --data-dir '$agent_dir' --node-name '$node_name' --pause-image skiff-test/pause:1 \
    >>'$agent_dir/agent.log' 2>&1 < /dev/null & echo \$! >'$agent_dir/agent.pid'"
fi
wait_until 120 "the node $node_name is not Ready; see $agent_dir/agent.log" node_ready

skiff apply --kubeconfig "$kubeconfig" -f examples/hello
hello_available() { object_matches deployment hello '(o) => (o.status?.availableReplicas ?? 0) >= (o.spec?.replicas ?? 1) && o.status?.updatedReplicas === o.spec?.replicas'; }
wait_until 240 "the hello Deployment's pods are not available; see $agent_dir/agent.log and $data_dir/server.log" hello_available
skiff get pods --kubeconfig "$kubeconfig" >&2
echo "skiff is up. kubectl works with: export KUBECONFIG=$kubeconfig" >&2
