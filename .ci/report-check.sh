#!/usr/bin/env bash
# Renders the HTML status report of the sample ledger in headless Chromium to a PNG and a PDF, fails on any
# console message, and checks the rendered DOM for key facts. Run by .ci/run after `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/debug/liggare
[ -x "$BIN" ] || swift build --product liggare
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then echo "report-check: chromium is not installed" >&2; exit 1; fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export LIGGARE_ACTOR=ci
"$BIN" init --organization "Inköp Sörmland-Västmanland" --ledger "$out/ledger.jsonl" >/dev/null
"$BIN" import docs/sample/inkop-sormland-vastmanland.jsonl --ledger "$out/ledger.jsonl" >/dev/null
"$BIN" report --ledger "$out/ledger.jsonl" --at 2025-10-01 --out "$out/report.html"
url="file://$out/report.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --enable-logging=stderr --v=0)
"$CHROMIUM" "${flags[@]}" --window-size=1200,3000 --screenshot="$out/report.png" "$url" 2>"$out/png.log" >/dev/null
"$CHROMIUM" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" 2>"$out/pdf.log" >/dev/null
"$CHROMIUM" "${flags[@]}" --dump-dom "$url" 2>"$out/dom.log" >"$out/dom.html"
# The report has no scripts: any console message means something in the page went wrong.
if grep -h "CONSOLE" "$out"/*.log; then echo "report-check: the page logged to the console" >&2; exit 1; fi
[ -s "$out/report.png" ] || { echo "report-check: no PNG" >&2; exit 1; }
head -c 4 "$out/report.pdf" | grep -q "%PDF" || { echo "report-check: no PDF" >&2; exit 1; }
for fact in 'lang="sv"' 'Inköp Sörmland-Västmanland: status per 2025-10-01' 'Att uppmärksamma' 'U-2025-01' \
            'Riskmatris: sannolikhet × konsekvens' 'IN-2025-K1' '<svg' 'Bilaga: händelserna bakom rapporten'; do
  grep -qF "$fact" "$out/dom.html" || { echo "report-check: the rendered DOM lacks: $fact" >&2; exit 1; }
done
mkdir -p .build/report-check && cp "$out/report.png" "$out/report.pdf" "$out/report.html" .build/report-check/
echo "report-check: rendered $(wc -c <"$out/report.html") bytes of HTML to PNG and PDF; DOM has every key fact"
