#!/usr/bin/env bash
# Explanation benchmark (not part of `make bench`): GET /api/v1/images/:id/explanation of the 640x480 bench
# picture through nginx on the release build, against the model's own single-run latency measured just before
# in the same round (`mlp bench inference --threads 1`: an explanation runs its grid² + 1 passes on one thread).
# Prints, per round and grid, the median of BENCH_EXPLAIN_REQUESTS (5) sequential requests (each for another class,
# so that none is answered from the server's cache of explanations) and its ratio to (grid² + 1) single runs, and
# the time of one request asked again (answered from that cache). Settings: BENCH_EXPLAIN_ROUNDS (3),
# BENCH_EXPLAIN_GRIDS ("7 4 10"), BENCH_PORT (18090; uses the 8th port from there).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${BENCH_EXPLAIN_ROUNDS:-3}
REQUESTS=${BENCH_EXPLAIN_REQUESTS:-5}
GRIDS=${BENCH_EXPLAIN_GRIDS:-7 4 10}
PICTURE=$ROOT_DIR/bench/fixtures/coffee-640x480.jpg
MLP=$ROOT_DIR/.build/release/mlp

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
bench_database mlp_test_bench_explain
bench_start_mlp explanation $((BENCH_PORT + 7))
BASE=http://127.0.0.1:$((BENCH_PORT + 7))
token=$(bench_token "$BASE" bench@example.org)
id=$(curl -s -H "Authorization: Bearer $token" -F "file=@$PICTURE" "$BASE/api/v1/images" | sed -E 's/.*"id":([0-9]+).*/\1/')
[ -n "$id" ] || die "the upload failed"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    single=$(cd "$ROOT_DIR" && "$MLP" bench inference --models "$MLP_MODELS_DIR" --threads 1 --runs 30 --rounds 1 \
        | awk '/^  threads=1 / {for (i = 1; i <= NF; i++) if ($i ~ /^median=/) {sub("median=", "", $i); print $i}}')
    for grid in $GRIDS; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$BASE/api/v1/images/$id/explanation?grid=$grid")
        [ "$status" = 200 ] || die "explanation with grid=$grid answered $status"
        # A class of its own per request: the server keeps explanations it has made, and a repeat would not run the model.
        median=$(for i in $(seq "$REQUESTS"); do
            curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
                "$BASE/api/v1/images/$id/explanation?grid=$grid&class_index=$(((round - 1) * REQUESTS + i))"
        done | sort -n | sed -n "$(((REQUESTS + 1) / 2))p")
        again=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
            "$BASE/api/v1/images/$id/explanation?grid=$grid&class_index=$(((round - 1) * REQUESTS + 1))")
        echo "$round $grid $median $single $again" | awk '{runs = $2 * $2 + 1; ms = $3 * 1000;
            printf "round %d grid %d: %.0f ms; %d single runs of %.3f ms = %.0f ms; ratio %.2f; asked again: %.1f ms\n",
                $1, $2, ms, runs, $4, runs * $4, ms / (runs * $4), $5 * 1000}'
    done
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
