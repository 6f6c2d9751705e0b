#!/usr/bin/env bash
# Prepared point-select by primary key: `mlp bench db` against a C reference on libmariadb, same run,
# same server, same table, from 1 and 4 threads. Prints ops/s for both and the ratio Swift / C.
# Runs alternate Swift and C BENCH_REPEATS times and keep each side's best, so load from other processes
# on the machine distorts the ratio less.
#   BENCH_SECONDS (default 5), BENCH_ROWS (default 10000), BENCH_THREADS (default "1 4"), BENCH_REPEATS (default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
ROWS="${BENCH_ROWS:-10000}"
THREADS="${BENCH_THREADS:-1 4}"
REPEATS="${BENCH_REPEATS:-3}"
DATABASE=mlp_test_bench
export MLP_DB_SOCKET="${MLP_DB_SOCKET:-$ROOT/run/mariadb/mariadb.sock}"
USER_NAME="${MLP_DB_USER:-mlp}"
PASSWORD="${MLP_DB_PASSWORD:-mlp}"

scripts/mariadb.sh start >/dev/null
swift build -c release --product mlp >/dev/null
MLP="$(swift build -c release --show-bin-path)/mlp"
mkdir -p run/bench
cc -O2 -o run/bench/db_point_select bench/db_point_select.c $(mariadb_config --cflags --libs) -lpthread

# Create and fill the table once before either side is timed.
"$MLP" bench db --threads 1 --seconds 0.2 --rows "$ROWS" --database "$DATABASE" >/dev/null

rate() { sed -n 's/.*ops\/s=\([0-9]*\).*/\1/p'; }
printf "%-8s %12s %12s %8s\n" threads swift_ops/s c_ops/s swift/c
for n in $THREADS; do
    s=0
    c=0
    for _ in $(seq "$REPEATS"); do
        r="$("$MLP" bench db --threads "$n" --seconds "$SECONDS_PER_RUN" --rows "$ROWS" --database "$DATABASE" | rate)"
        [ "$r" -gt "$s" ] && s="$r"
        r="$(run/bench/db_point_select "$MLP_DB_SOCKET" "$USER_NAME" "$PASSWORD" "$DATABASE" "$n" "$SECONDS_PER_RUN" "$ROWS" | rate)"
        [ "$r" -gt "$c" ] && c="$r"
    done
    printf "%-8s %12s %12s %8s\n" "$n" "$s" "$c" "$(awk -v s="$s" -v c="$c" 'BEGIN { printf "%.2f", s / c }')"
done
scripts/mariadb.sh drop-db "$DATABASE"
