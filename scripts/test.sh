#!/usr/bin/env bash
# npm test — every layer, cheapest first; builds once, tests many:
#   type-check → lint and architecture rules → build (functions, weapp, H5)
#   → unit + cloud integration + WeChat fidelity (jest) → browser end-to-end (Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .test-artifacts
started=$(date +%s)
step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

step "type-check (tsc --strict: app, server, tools)"
npm run -s typecheck

step "lint, format and architecture rules (biome, dependency-cruiser)"
npm run -s lint

step "build: cloud functions, weapp, H5"
npm run -s build:functions
npm run -s build:weapp >.test-artifacts/build-weapp.log 2>&1 || { cat .test-artifacts/build-weapp.log; exit 1; }
npm run -s build:h5 >.test-artifacts/build-h5.log 2>&1 || { cat .test-artifacts/build-h5.log; exit 1; }

step "unit, cloud integration and WeChat fidelity tests"
npx jest --selectProjects unit cloud weapp --json --outputFile=.test-artifacts/jest-main.json

step "browser end-to-end tests (Debian Chromium)"
bash scripts/ensure-chromium.sh
# Two workers: each file has its own local cloud (free port, temp data dir) and its own Chromium
# profile, and a browser test spends much of its time waiting for the page — on 2 cores this takes
# the suite from ~580 s to ~330 s.
npx jest --selectProjects e2e --maxWorkers=2 --json --outputFile=.test-artifacts/jest-e2e.json

node -e '
const runs = [".test-artifacts/jest-main.json", ".test-artifacts/jest-e2e.json"].map((f) => require(require("path").resolve(f)));
const passed = runs.reduce((n, r) => n + r.numPassedTests, 0);
const failed = runs.reduce((n, r) => n + r.numFailedTests, 0);
console.log(`\nscreenshots: .test-artifacts/screenshots`);
console.log(`${passed} passed, ${failed} failed`);
'
echo "npm test took $(( $(date +%s) - started )) s"
