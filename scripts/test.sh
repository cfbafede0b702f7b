#!/bin/sh
# The README's test command: every test, or the spec files given, with the
# servers and programs they need (scripts/test.js).
set -e
. "$(dirname "$0")/env.sh"
export NODE_ENV=test
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules"
exec node "$(dirname "$0")/test.js" "$@"
