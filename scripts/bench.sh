#!/bin/sh
# `npm run bench`: the sweep benchmark (the plugin, its bare SQL floor and the
# per-row loop) on the machine's PostgreSQL; writes bench/RESULTS.md and
# bench/results.json. `npm run bench -- --smoke` is the quick run (also part
# of `npm test`). `npm run bench:http` measures what booking adds to Medusa's
# checkout, and the plugin's store routes beside Medusa's; `npm run
# bench:profile` profiles the same requests; `npm run bench:rush` a ticket
# rush on one key behind a latency proxy (RUSH_DELAY_MS, RUSH_SECONDS); `npm run bench:load` is the
# 5-minute load run (LOAD_SECONDS, LOAD_CLIENTS); `npm run bench -- --schedule`
# only the weekly-schedule section, `-- --stays` only the stays section. Each run's databases carry
# its id and are dropped at the end.
set -e
. "$(dirname "$0")/env.sh"
if [ "$1" = "--http" ]; then
  exec node -r ts-node/register bench/http.ts
fi
if [ "$1" = "--rush" ]; then
  exec node -r ts-node/register bench/rush.ts
fi
if [ "$1" = "--profile" ]; then
  exec node -r ts-node/register bench/profile.ts
fi
if [ "$1" = "--load" ]; then
  exec node -r ts-node/register bench/load/run.ts
fi
exec node --expose-gc -r ts-node/register bench/run.ts "$@"
