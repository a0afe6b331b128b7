#!/bin/sh
# The whole test suite: installs and starts what it needs (see
# systemd/install-prereqs.sh), builds the test images, then runs every unit,
# integration and end-to-end test once. Extra arguments go to vitest
# (e.g. a path to run one file).
#
# usage: npm test [-- vitest args]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sh systemd/install-prereqs.sh
sh test/images/build.sh

export SKIFF_LOG_LEVEL=${SKIFF_LOG_LEVEL:-silent}
exec npx vitest run --config test/vitest.config.ts "$@"
