#!/bin/sh
# Chromium with window.gc() (and exact performance.memory) for caseload-board.bench.ts's heap numbers:
#   CHROME_PATH=packages/elements/bench/chromium-expose-gc.sh pnpm exec wtr --config packages/devtools/web-test-runner.config.mjs \
#     --static-logging --files packages/elements/bench/caseload-board.bench.ts
exec "${CHROMIUM:-/usr/bin/chromium}" --js-flags=--expose-gc --enable-precise-memory-info "$@"
