#!/usr/bin/env bash
# Sets up and runs every test on a fresh machine. The differential tests need Debian's
# redis-server 7.0 (and the client checks redis-cli and python3-redis); the end-to-end tests
# need Debian's Chromium; the Lua interpreter's tests compare with Debian's lua5.1. Whatever is
# missing is installed with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
/usr/bin/python3 -c 'import redis' 2>/dev/null || need+=(python3-redis)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v lua5.1 >/dev/null || need+=(lua5.1)
if [ ${#need[@]} -gt 0 ]; then
  echo "test: installing ${need[*]} with apt-get (the differential tests compare against the real Redis; the end-to-end tests drive Chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "test: typecheck"
npm run --silent typecheck
echo "test: lint (the layers' import fences, ESLint's and typescript-eslint's type-aware rules, React's rules of hooks)"
npm run --silent lint
echo "test: format (Prettier; npm run format rewrites what differs)"
npm run --silent format:check
mkdir -p .tmp
reports=(.tmp/vitest-unit.json .tmp/vitest-diff.json .tmp/playwright-e2e.json)
rm -f "${reports[@]}"
status=0
echo "test: unit tests (vitest, Node only)"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=.tmp/vitest-unit.json || status=$?
echo "test: differential tests against redis-server, redis-cli and redis-py (vitest)"
npx vitest run --project diff --reporter=default --reporter=json --outputFile.json=.tmp/vitest-diff.json || status=$?
echo "test: build the site, then end-to-end tests in Chromium (Playwright; its JSON report is set in playwright.config.ts)"
if npx vite build --logLevel warn; then
  npx playwright test || status=$?
else
  status=1
fi
# One plain closing line that any CI reads: "N passed, N failed, N skipped", after the names of
# the tests that failed (a CI that keeps only the end of the output still says which).
node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
const names = [];
const playwright = (suite, at) => {
  for (const spec of suite.specs ?? []) for (const t of spec.tests ?? []) if (t.status === "unexpected" || t.status === "flaky") names.push(`${at}${spec.file}:${spec.line} ${spec.title}`);
  for (const child of suite.suites ?? []) playwright(child, at);
};
for (const f of process.argv.slice(1)) {
  if (!fs.existsSync(f)) { failed++; names.push(`${f}: no report (the run stopped before writing it)`); continue; }
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  if (r.stats) {
    // Playwright: expected passed, unexpected failed, flaky passed only on a retry (there are none).
    passed += r.stats.expected; failed += r.stats.unexpected + r.stats.flaky; skipped += r.stats.skipped;
    for (const suite of r.suites ?? []) playwright(suite, "");
    // Errors outside any test (the web server would not start, a file would not load).
    if (r.errors && r.errors.length > 0 && r.stats.unexpected === 0) { failed++; names.push(`${f}: ${String(r.errors[0].message).split("\n")[0]}`); }
  } else {
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    for (const file of r.testResults) {
      for (const a of file.assertionResults) if (a.status === "failed") names.push(`${file.name.replace(process.cwd() + "/", "")} > ${a.fullName}: ${String(a.failureMessages[0] ?? "").split("\n")[0]}`);
      // A file that failed to load has no assertions.
      if (file.status === "failed" && file.assertionResults.length === 0) { failed++; names.push(`${file.name.replace(process.cwd() + "/", "")}: ${String(file.message).split("\n")[0]}`); }
    }
  }
}
for (const n of names) console.log(`failed: ${n}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
' "${reports[@]}" || true
exit $status
