#!/usr/bin/env bash
# The full test run, on a fresh machine too: installs what the browser tests need when it is
# missing (node, Chromium, GNU time, poppler-utils, the npm packages in tests/browser), then runs
# every test, the browser tests included. A plain `cargo test` lists those as ignored instead.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
# tests/it/safety/cost.rs measures peak memory with GNU time.
[ -x /usr/bin/time ] || missing+=(time)
# tests/it/print.rs reads the printed PDF with pdfinfo and pdftotext.
{ command -v pdfinfo && command -v pdftotext; } >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# axe-core and playwright-core drive the browser tests.
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  echo "test.sh: npm ci --prefix tests/browser" >&2
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi

exec cargo test "$@" -- --include-ignored
