#!/usr/bin/env bash
# `npm test`: static checks, every test runner (unit, real LiveKit server, real keychain,
# end-to-end in Chromium), then one summary line counting every test.
set -uo pipefail
cd "$(dirname "$0")/.."
results=out/test-results
rm -rf "$results"
mkdir -p "$results"
status=0

run() {
  local name=$1
  shift
  printf '\n== %s\n' "$name"
  "$@" || { status=1; printf '== %s failed\n' "$name"; }
}

run "type check" npm run -s typecheck
run "lint" npx eslint . --max-warnings 0
run "format" npx prettier --check . --log-level warn
run "build (Electron shell)" npx electron-vite build --logLevel warn
run "unit and server tests" npx vitest run --project unit --project server \
  --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
run "keychain tests" bash scripts/with-keychain.sh npx vitest run --project keychain \
  --reporter=default --reporter=json --outputFile.json="$results/vitest-keychain.json"
run "end-to-end tests" npx playwright test

printf '\n'
./node_modules/.bin/tsx scripts/test-summary.ts "$results" || status=1
exit "$status"
