#!/usr/bin/env bash
# `make bench`: every benchmark of the project in one run, each figure next to a reference measured in the
# same run, then docs/benchmarks.md rendered from bench/benchmarks.md.in.
#   1. bench/http-hello.sh  nginx static file, C libfcgi hello, mlp GET /healthz
#   2. bench/inference.sh   mlp forward pass vs onnxruntime (bench/inference-reference.py), 1 and 2 threads
#   3. bench/images.sh      pure inference, uploads of a 640x480 JPEG, GET /api/v1/images/:id vs C hello
#   4. bench/mixed.sh       the mixed API scenario (wrk + bench/mixed.lua)
# Settings: BENCH_SECONDS (10 per wrk run), BENCH_MIXED_SECONDS (60), BENCH_INFERENCE_ROUNDS (3),
# BENCH_CONNECTIONS (64), MLP_WORKERS (16), BENCH_PORT (18090; six ports from there), BENCH_DOC
# (docs/benchmarks.md; empty: write no document), BENCH_PARTS (all: "http inference images mixed"). Quick run: BENCH_SECONDS=3 BENCH_MIXED_SECONDS=10 make bench
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export BENCH_SECONDS=$SECONDS_PER_RUN BENCH_CONNECTIONS=$CONNECTIONS MLP_WORKERS=$WORKERS BENCH_PORT
export BENCH_RESULTS=$BENCH_DIR/results.env
BENCH_DOC=${BENCH_DOC-$ROOT_DIR/docs/benchmarks.md}
ROUNDS=${BENCH_INFERENCE_ROUNDS:-3}
PARTS=${BENCH_PARTS:-http inference images mixed}
started=$(date +%s)
: >"$BENCH_RESULTS"
rm -f "$BENCH_DIR"/{http,inference,images,mixed}.log

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
export BENCH_BUILT=1
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

failed=()
# part NAME COMMAND...: runs one benchmark script, its output also in run/bench/NAME.log; a failure is
# reported and the remaining parts still run.
part() {
    local name=$1; shift
    say ""; say "==== $name"
    if ! "$@" 2>&1 | tee "$BENCH_DIR/$name.log"; then
        failed+=("$name"); say "==== $name FAILED (see run/bench/$name.log)"
    fi
}
for name in $PARTS; do
    case $name in
    http) part http bash "$ROOT_DIR/bench/http-hello.sh" ;;
    inference) part inference bash "$ROOT_DIR/bench/inference.sh" --rounds "$ROUNDS" --runs 50 ;;
    images) part images bash "$ROOT_DIR/bench/images.sh" ;;
    mixed) part mixed bash "$ROOT_DIR/bench/mixed.sh" ;;
    *) die "unknown part $name (BENCH_PARTS: http inference images mixed)" ;;
    esac
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The summary lines of `mlp bench inference --compare-onnxruntime`.
for threads in 1 2; do
    line=$(grep -E "^  threads=$threads mlp median=" "$BENCH_DIR/inference.log" 2>/dev/null || true)
    [ -n "$line" ] || continue
    bench_record "inference_mlp_${threads}_ms" "$(echo "$line" | sed -nE 's/.* mlp median=([0-9.]+) ms.*/\1/p')"
    bench_record "inference_ort_${threads}_ms" "$(echo "$line" | sed -nE 's/.*onnxruntime median=([0-9.]+) ms.*/\1/p')"
done

# value KEY: a recorded figure, or n/a.
value() { local v; v=$(awk -F= -v k="$1" '$1 == k {v = substr($0, length(k) + 2)} END {print v}' "$BENCH_RESULTS"); echo "${v:-n/a}"; }
# ratio A B: A / B with two decimals, n/a when either is missing.
ratio() { if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]]; then bench_ratio "$1" "$2"; else echo n/a; fi; }
# meets VALUE OP LIMIT: yes / no / n/a.
meets() {
    [[ $1 =~ ^-?[0-9.]+$ ]] || { echo n/a; return; }
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = (op == ">=") ? v >= l : v <= l; print ok ? "yes" : "**no**"}'
}
ms() { [ "$1" = n/a ] && echo n/a || echo "$1 ms"; }

FIGURES=$BENCH_DIR/figures.md
{
    echo "| figure | value | reference (same run) | reference value | ratio | target | met |"
    echo "|---|---|---|---|---|---|---|"
    static=$(value static_rps); hello=$(value hello_rps); healthz=$(value healthz_rps)
    r=$(ratio "$hello" "$static")
    echo "| C libfcgi hello through nginx, req/s | $hello | nginx static file (335 B) | $static | $r | (ceiling) | |"
    r=$(ratio "$healthz" "$hello")
    echo "| mlp GET /healthz, req/s | $healthz | C libfcgi hello | $hello | $r | ≥ 0.7 | $(meets "$r" '>=' 0.7) |"
    get=$(value get_image_rps); ihello=$(value images_hello_rps)
    r=$(ratio "$get" "$ihello")
    echo "| mlp GET /api/v1/images/:id (JSON, $(value get_image_bytes) B), req/s | $get | C libfcgi hello | $ihello | $r | ≥ 0.5 | $(meets "$r" '>=' 0.5) |"
    same=$(value same_answer_rps)
    echo "| C libfcgi answering the same $(value get_image_bytes) B, req/s | $same | C libfcgi hello | $ihello | $(ratio "$same" "$ihello") | (ceiling of the 0.5 target) | |"
    echo "| mlp GET /api/v1/images/:id, req/s | $get | C libfcgi, same answer | $same | $(ratio "$get" "$same") | | |"
    p=$(value get_image_p50); hp=$(value images_hello_p50)
    echo "| GET /api/v1/images/:id p50 | $(ms "$p") | C hello p50 | $(ms "$hp") | $(ratio "$p" "$hp") | | |"
    p=$(value get_image_p99); hp=$(value images_hello_p99)
    echo "| GET /api/v1/images/:id p99 | $(ms "$p") | C hello p99 | $(ms "$hp") | $(ratio "$p" "$hp") | ≤ 25 ms | $(meets "$p" '<=' 25) |"
    me=$(value users_me_rps)
    echo "| mlp GET /api/v1/users/me (auth floor), req/s | $me | C libfcgi hello | $ihello | $(ratio "$me" "$ihello") | | |"
    thumb=$(value thumbnail_rps)
    echo "| mlp GET /api/v1/images/:id/thumbnail (p99 $(ms "$(value thumbnail_p99)")), req/s | $thumb | C libfcgi hello | $ihello | $(ratio "$thumb" "$ihello") | | |"
    for threads in 1 2; do
        m=$(value "inference_mlp_${threads}_ms"); o=$(value "inference_ort_${threads}_ms")
        r=$(ratio "$m" "$o")
        echo "| inference latency, $threads thread(s), median | $(ms "$m") | onnxruntime | $(ms "$o") | $r | ≤ 1.0 | $(meets "$r" '<=' 1.0) |"
    done
    up=$(value upload_rps); best=$(value inference_best_ips)
    r=$(ratio "$up" "$best")
    echo "| uploads 640x480 JPEG through nginx ($(value upload_connections) conn.), images/s | $up | pure inference, best single stream | $best | $r | ≥ 0.75 | $(meets "$r" '>=' 0.75) |"
    mixed=$(value mixed_rps)
    echo "| mixed scenario, req/s | $mixed | C libfcgi hello | $hello | $(ratio "$mixed" "$hello") | | |"
    p=$(value mixed_p99)
    echo "| mixed scenario p99 | $(ms "$p") | C hello p99 | $(ms "$(value hello_p99)") | $(ratio "$p" "$(value hello_p99)") | ≤ 50 ms | $(meets "$p" '<=' 50) |"
    n=$(value mixed_non2xx)
    echo "| mixed scenario non-2xx (429 / 503 / other) | $n ($(value mixed_429) / $(value mixed_503) / $(value mixed_other_non2xx)) | | | | 0 | $(meets "$n" '<=' 0) |"
    g=$(value mixed_rss_growth_pct)
    echo "| mlp-server RSS growth over the mixed run | $g % | RSS at start | $(value mixed_rss_start_kib) KiB | | ≤ 10 % | $(meets "$g" '<=' 10) |"
} >"$FIGURES"

MIXED=$BENCH_DIR/mixed.md
{
    echo "| | |"
    echo "|---|---|"
    echo "| connections / duration | $CONNECTIONS / $(value mixed_seconds) s (after a ${BENCH_MIXED_WARMUP:-5} s warm-up) |"
    echo "| users × images seeded | $(value mixed_users) × $(value mixed_images) |"
    echo "| requests (sent by kind) | $(value mixed_requests) ($(value mixed_sent)) |"
    echo "| req/s | $(value mixed_rps) |"
    echo "| latency p50 / p99 | $(value mixed_p50) ms / $(value mixed_p99) ms |"
    echo "| non-2xx | $(value mixed_non2xx) |"
    echo "| of which 429 / 503 / other | $(value mixed_429) / $(value mixed_503) / $(value mixed_other_non2xx) |"
    echo "| non-2xx by problem type | $(value mixed_problems) |"
    echo "| socket errors (connect, read, write, timeout) | $(value mixed_socket_errors) |"
    echo "| mlp-server VmRSS after start / run start / run end | $(value mixed_rss_boot_kib) / $(value mixed_rss_start_kib) / $(value mixed_rss_end_kib) KiB |"
    echo "| RSS growth during the run | $(value mixed_rss_growth_pct) % |"
    echo "| images stored at the end | $(value mixed_images_stored) |"
} >"$MIXED"

# (wrk --version exits with 1, hence the `|| true`s.)
swift_version=$(swift --version 2>&1 | grep -m1 -o 'Swift version [^ ]*' || true)
nginx_version=$(nginx -v 2>&1 | sed 's/.*nginx\//nginx /' || true)
mariadb_version=$("$(command -v mariadbd || echo /usr/sbin/mariadbd)" --version 2>/dev/null | grep -oE 'Ver [^ ]+' | sed 's/Ver /MariaDB /' || true)
ort_version=$("$ROOT_DIR/.venv/bin/python" -c 'import onnxruntime; print(onnxruntime.__version__)' 2>/dev/null || true)
wrk_version=$(wrk --version 2>&1 | head -1 | awk '{print $2}' || true)
elapsed=$(( $(date +%s) - started ))
MACHINE=$BENCH_DIR/machine.md
{
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') |"
    echo "| cores | $(nproc) |"
    echo "| RAM | $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
    echo "| kernel | $(uname -sr) |"
    echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME") |"
    echo "| load average (1, 5, 15 min) before / after | $load_before / $load_after |"
    echo "| versions | $swift_version, $nginx_version, $mariadb_version, onnxruntime $ort_version, wrk $wrk_version |"
    echo "| settings | BENCH_SECONDS=$SECONDS_PER_RUN, BENCH_MIXED_SECONDS=${BENCH_MIXED_SECONDS:-60}, BENCH_CONNECTIONS=$CONNECTIONS, MLP_WORKERS=$WORKERS, MLP_INFERENCE_CONCURRENCY=${MLP_INFERENCE_CONCURRENCY:-$(nproc)} (cores), inference rounds $ROUNDS |"
    echo "| run time | $((elapsed / 60)) min $((elapsed % 60)) s |"
    [ ${#failed[@]} -eq 0 ] || echo "| failed parts | ${failed[*]} |"
} >"$MACHINE"

say ""; say "==== summary"; cat "$MACHINE" "$FIGURES" "$MIXED" >&2

if [ -n "$BENCH_DOC" ]; then
    while IFS= read -r line; do
        case "$line" in
        @MACHINE@) cat "$MACHINE" ;;
        @FIGURES@) cat "$FIGURES" ;;
        @MIXED@) cat "$MIXED" ;;
        *) printf '%s\n' "$line" ;;
        esac
    done <"$ROOT_DIR/bench/benchmarks.md.in" >"$BENCH_DOC"
    say "wrote ${BENCH_DOC#"$ROOT_DIR"/}"
fi
[ ${#failed[@]} -eq 0 ] || die "failed: ${failed[*]}"
