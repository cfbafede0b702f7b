# Environment shared by the test and bench scripts (sourced, not run).
export MEDUSA_DISABLE_TELEMETRY=true
# Medusa logs every migration at info; tests and benchmarks only need errors.
export LOG_LEVEL="${LOG_LEVEL:-error}"
# With 127.0.0.1 the test runner asks for SSL and hangs; localhost does not.
export DB_HOST="${DB_HOST:-localhost}"
export DB_PORT="${DB_PORT:-5432}"
export DB_USERNAME="${DB_USERNAME:-postgres}"
export DB_PASSWORD="${DB_PASSWORD:-}"
# Redis for the topology test (scripts/test.js starts one here if none answers).
export TEST_REDIS_HOST="${TEST_REDIS_HOST:-127.0.0.1}"
export TEST_REDIS_PORT="${TEST_REDIS_PORT:-6379}"
