#!/bin/sh
# Runs one benchmark: sh test/bench/run.sh <name> runs test/bench/<name>.ts.
# vite-node (vitest's runner, already installed) executes the TypeScript as
# it is, so a benchmark never runs a stale dist/ and does not depend on the
# rest of the tree compiling.
set -eu
cd "$(dirname "$0")/../.."
name="${1:?usage: sh test/bench/run.sh <name>}"
shift
exec node node_modules/vite-node/vite-node.mjs "test/bench/${name}.ts" -- "$@"
