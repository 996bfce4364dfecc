#!/usr/bin/env bash
# Sets up and runs every test on a fresh machine. The differential tests need Debian's
# redis-server 7.0 (and the client checks redis-cli and python3-redis): they are installed with
# apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
/usr/bin/python3 -c 'import redis' 2>/dev/null || need+=(python3-redis)
if [ ${#need[@]} -gt 0 ]; then
  echo "test: installing ${need[*]} with apt-get (the differential tests compare against the real Redis)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "test: typecheck"
npm run --silent typecheck
echo "test: unit and differential tests (vitest)"
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json || status=$?
# One plain closing line that any CI reads: "N passed, N failed, N skipped".
node -e '
const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' || true
exit $status
