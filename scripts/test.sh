#!/bin/sh
# The README's test command: every test, on the machine's PostgreSQL.
set -e
. "$(dirname "$0")/env.sh"
export NODE_ENV=test
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules"
exec npx jest --runInBand --forceExit "$@"
