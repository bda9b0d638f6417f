#!/usr/bin/env bash
# Fuzzes the strict JSON reader and the ledger line reader / verifier / repair with libFuzzer, for a bounded time.
#
# The harnesses are Tests/Fuzz/*.swift; they are not SwiftPM targets. This script compiles the module sources
# directly with `swiftc -sanitize=fuzzer,address` (CSHA256 with clang), seeds the JSON fuzzer with JSONTestSuite's
# test_parsing files and the ledger fuzzer with Tests/Fuzz/corpus/ledger, and runs each for
# LIGGARE_FUZZ_SECONDS seconds (default 120). Any crash, memory error, hang (>10 s on one input) or broken
# invariant fails the script (exit 1) and prints the input; add it as a regression test in the Swift suite.
# A crash file can be replayed with: .build-fuzz/bin/fuzz-json FILE (or fuzz-ledger FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${LIGGARE_FUZZ_SECONDS:-120}
OUT=$ROOT/.build-fuzz
BIN=$OUT/bin
MOD=$OUT/modules
mkdir -p "$BIN" "$MOD" "$OUT/artifacts" "$OUT/corpus-json" "$OUT/corpus-ledger"

if ! command -v swiftc >/dev/null; then echo "fuzz: swiftc not found" >&2; exit 1; fi
SWIFT_FLAGS=(-O -parse-as-library -sanitize=fuzzer,address -swift-version 6 -package-name liggare -I "$MOD")

echo "fuzz: building the harnesses (swiftc -sanitize=fuzzer,address)"
# CSHA256: the C file with the same sanitizers, and a module map so that LiggareHash can import it.
clang -O2 -fsanitize=fuzzer-no-link,address -c "$ROOT/Sources/CSHA256/sha256_shani.c" \
    -I "$ROOT/Sources/CSHA256/include" -o "$MOD/csha256.o"
cat > "$MOD/module.modulemap" <<MAP
module CSHA256 {
    header "$ROOT/Sources/CSHA256/include/csha256.h"
    export *
}
MAP
build_module() { # NAME
    local name=$1
    swiftc "${SWIFT_FLAGS[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$MOD/$name.swiftmodule" \
        -c "$ROOT"/Sources/"$name"/*.swift -o "$MOD/$name.o" 2> >(grep -v "warning: Cannot export local symbol" >&2)
}
build_module LiggareJSON
build_module LiggareHash
build_module LiggareLog
link() { # OUTPUT HARNESS OBJECTS...
    local output=$1 harness=$2; shift 2
    swiftc "${SWIFT_FLAGS[@]}" -module-name "$(basename "$output" | tr -d '-')" "$harness" "$@" -o "$output" \
        2> >(grep -v "warning: Cannot export local symbol" >&2)
}
link "$BIN/fuzz-json" "$ROOT/Tests/Fuzz/JSONFuzzer.swift" "$MOD/LiggareJSON.o"
link "$BIN/fuzz-ledger" "$ROOT/Tests/Fuzz/LedgerFuzzer.swift" "$MOD/LiggareLog.o" "$MOD/LiggareHash.o" \
    "$MOD/LiggareJSON.o" "$MOD/csha256.o"

export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:symbolize=1
status=0
run_fuzzer() { # NAME MAX_LEN DICT CORPUS...
    local name=$1 max_len=$2 dict=$3; shift 3
    local log=$OUT/$name.log
    echo "fuzz: running $name for ${SECONDS_EACH}s"
    set +e
    "$BIN/$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -max_len="$max_len" \
        -dict="$dict" -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$name-" "$@" >"$log" 2>&1
    local code=$?
    set -e
    grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)" "$log" \
        | sed "s/^/fuzz: $name: /" || true
    grep -E "Done [0-9]+ runs in [0-9]+ second" "$log" | sed "s/^/fuzz: $name: /" || true
    if [ $code -ne 0 ]; then
        echo "fuzz: $name FAILED (exit $code); the end of its log:" >&2
        tail -n 60 "$log" >&2
        for crash in "$OUT"/artifacts/"$name"-*; do
            [ -e "$crash" ] || continue
            echo "fuzz: input $crash (base64): $(base64 -w0 "$crash")" >&2
        done
        status=1
    else
        echo "fuzz: $name passed: no crash, no hang, no broken invariant"
    fi
}
rm -f "$OUT"/artifacts/*
run_fuzzer fuzz-json 16384 "$ROOT/Tests/Fuzz/json.dict" "$OUT/corpus-json" \
    "$ROOT/Tests/Fixtures/JSONTestSuite/test_parsing" "$ROOT/Tests/Fuzz/corpus/json"
run_fuzzer fuzz-ledger 8192 "$ROOT/Tests/Fuzz/ledger.dict" "$OUT/corpus-ledger" "$ROOT/Tests/Fuzz/corpus/ledger"
rm -rf /dev/shm/liggare-fuzz-* /tmp/liggare-fuzz-* 2>/dev/null || true
exit $status
