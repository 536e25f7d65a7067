#!/usr/bin/env bash
# Runs the libFuzzer targets of `fieldagent-fuzz` one after another (never two at once).
#
#   Tests/Fuzz/run-fuzzers.sh [RUNS] [TARGET...]     RUNS defaults to 10000000 inputs per target;
#                                                    TARGETs default to json http page changes store.
#
# Builds in release with -DFUZZING -sanitize=fuzzer,address into .build/fuzz (apart from the normal
# build, under the shared build lock), seeds each corpus (.build/fuzz/corpus/TARGET) with the
# target's generated valid encodings and the golden examples in Fixtures/wire, and runs libFuzzer
# under `nice -n 10` and a timeout (FUZZ_TIMEOUT seconds per target, default 3600).
#
# Memory: libFuzzer's -malloc_limit_mb is absolute, not relative to the input. With inputs of at
# most -max_len=1048576 bytes (1 MiB) and -malloc_limit_mb=64, any single allocation over 64 times
# the largest input fails the run (as an "out-of-memory (malloc(N))" crash); a decoder that trusts a
# count from the input asks for far more than that. Most inputs are much smaller than 1 MiB, so for
# them the bound is looser than 64x; the seeded tests (DecodeCheck) cover the per-input relation.
# -rss_limit_mb=2048 bounds the whole process (corpus included).
#
# The http target reads at most 8 KiB (FUZZ_HTTP_MAX_LEN): its small-limits mode (even first byte)
# reaches every limit below that (512-byte head, 1 KiB body, 128-byte target, 8 fields), and feeding
# larger requests a byte at a time only slows it, to a few hundred inputs per second at 64 KiB.
#
# Leak detection is off by default (FUZZ_DETECT_LEAKS=1 turns it on): inputs that leave more
# mallocs than frees (the Swift runtime's lazily filled caches) make LSan scan the whole heap, which
# cuts the slower targets from ~50,000 to ~2,700 execs/s. Short runs with it on found no leak.
#
# Every crashing input (crash-*, oom-*, timeout-*, leak-*) is copied to Fixtures/fuzz/TARGET/,
# where the regression tests of the matching test target replay it. Replay any files with the
# normal build: swift run fieldagent-fuzz --target TARGET FILE|DIR...
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10000000}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json http page changes store)
scratch=.build/fuzz
timeout 900 flock /tmp/fieldagent-build.lock nice -n 10 swift build -c release --product fieldagent-fuzz \
    --scratch-path "$scratch" -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address > "$scratch-build.log" 2>&1 ||
    { tail -20 "$scratch-build.log"; exit 1; }
binary="$scratch/release/fieldagent-fuzz"
printf '%-8s %10s %9s %7s %8s %s\n' target inputs execs/s crashes peak-rss seconds
status=0
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target"
    artifacts="$scratch/artifacts/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    max_len=1048576
    [ "$target" = http ] && max_len="${FUZZ_HTTP_MAX_LEN:-8192}"
    start=$(date +%s)
    SWIFT_BACKTRACE=enable=no FIELDAGENT_FUZZ_TARGET="$target" FIELDAGENT_FUZZ_SEEDS="$corpus" FIELDAGENT_FUZZ_WIRE=Fixtures/wire \
        timeout "${FUZZ_TIMEOUT:-3600}" nice -n 10 "$binary" -runs="$runs" -max_len="$max_len" \
        -malloc_limit_mb=64 -rss_limit_mb=2048 -timeout=10 -detect_leaks="${FUZZ_DETECT_LEAKS:-0}" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$corpus" > "$log" 2>&1 || {
        code=$?
        # 124: the timeout ended the run (fewer inputs than asked, reported below); not a failure.
        [ "$code" -eq 124 ] || status=1
    }
    seconds=$(($(date +%s) - start))
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ -z "$executed" ]; then
        # No final stats (a crash, or the timeout): take the last progress line's count.
        executed=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    fi
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    [ -n "$rate" ] || rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    [ -n "$rss" ] || rss=$(grep -o 'rss: [0-9]*Mb' "$log" | tail -1 | grep -o '[0-9]*' || true)
    crashes=0
    for found in "$artifacts"/*; do
        [ -e "$found" ] || continue
        mkdir -p "Fixtures/fuzz/$target"
        cp "$found" "Fixtures/fuzz/$target/"
        crashes=$((crashes + 1))
    done
    printf '%-8s %10s %9s %7s %6sMB %s\n' "$target" "${executed:-?}" "${rate:-?}" "$crashes" "${rss:-?}" "$seconds"
done
exit $status
