#!/bin/sh
# The README's test command: every test, on the machine's PostgreSQL.
set -e
export MEDUSA_DISABLE_TELEMETRY=true
export NODE_ENV=test
# Medusa logs every migration at info; tests only need errors.
export LOG_LEVEL="${LOG_LEVEL:-error}"
# With 127.0.0.1 the test runner asks for SSL and hangs; localhost does not.
export DB_HOST="${DB_HOST:-localhost}"
export DB_PORT="${DB_PORT:-5432}"
export DB_USERNAME="${DB_USERNAME:-postgres}"
export DB_PASSWORD="${DB_PASSWORD:-}"
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules"
exec npx jest --runInBand --forceExit "$@"
