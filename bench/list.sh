#!/usr/bin/env bash
# Gallery-list benchmark (not part of `make bench`): two synthetic accounts of BENCH_LIST_PICTURES (20 000)
# pictures each, one uploaded before the other (its ids all lower), every 100th picture a favourite, with a
# 20 KB picture and a 5 KB thumbnail in each row; through nginx on the release build, sequential requests:
#   - GET /api/v1/images?limit=20 (the first page, the gallery's and a sync client's first request) of the older
#     account, against the same request of the newer account;
#   - GET /api/v1/images?limit=20&favourite=true of the older account, against the newer account's;
#   - one day of the older account in the order by upload (from=D&to=D), against the same day in the order by the
#     time taken (sort=taken, read in the index's order): the same rows;
#   - all days (from=1900-01-01&to=2199-12-31) by upload of the older account, against its first page;
#   - that day as a day of the year (on=MM-DD, "on this day") in both orders, against the same day's from=D&to=D.
# A page should not cost more because another account uploaded later, nor because it is a range of days: each
# ratio should be about 1.
# Per round (BENCH_LIST_ROUNDS, 3), the median of BENCH_LIST_REQUESTS (11) requests of each and the ratio.
# BENCH_PORT (18090): uses the 10th port from there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${BENCH_LIST_ROUNDS:-3}
REQUESTS=${BENCH_LIST_REQUESTS:-11}
PICTURES=${BENCH_LIST_PICTURES:-20000}

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
bench_database mlp_test_bench_list
bench_start_mlp list $((BENCH_PORT + 9))
BASE=http://127.0.0.1:$((BENCH_PORT + 9))
older=$(bench_token "$BASE" older@example.org)
newer=$(bench_token "$BASE" newer@example.org)

say "seeding $PICTURES pictures per account"
mariadb -S "$MLP_DB_SOCKET" -uroot "$MLP_DB_NAME" <<SQL
SET @older = (SELECT id FROM users WHERE username = 'older@example.org');
SET @newer = (SELECT id FROM users WHERE username = 'newer@example.org');
SET @model = (SELECT MIN(id) FROM models);
INSERT INTO images (user_id, content_type, byte_size, width, height, sha256, created_at, updated_at, favourite, data, thumbnail)
  SELECT IF(seq <= $PICTURES, @older, @newer), 'image/jpeg', 20000, 640, 480, SHA2(seq, 256),
         NOW(6) - INTERVAL ($PICTURES * 2 - seq) MINUTE, NOW(6), seq % 100 = 0, REPEAT('x', 20000), REPEAT('t', 5000)
  FROM seq_1_to_$((PICTURES * 2));
INSERT INTO predictions (image_id, model_id, \`rank\`, class_index, label, score, created_at)
  SELECT i.id, @model, r.seq, r.seq, CONCAT('label ', r.seq), ELT(r.seq, 0.6, 0.2, 0.1, 0.06, 0.04), NOW(6)
  FROM images i JOIN seq_1_to_5 r;
ANALYZE TABLE images, predictions;
SQL

# A day in the middle of the older account's pictures (one a minute: 1 440 that day), in UTC as they are stored.
DAY=$(date -u -d "@$(( $(date +%s) - PICTURES * 90 ))" +%F)
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    first_newer=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $newer" "$BASE/api/v1/images?limit=20")
    first_older=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20")
    fav_newer=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $newer" "$BASE/api/v1/images?limit=20&favourite=true")
    fav_older=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&favourite=true")
    day_uploaded=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&from=$DAY&to=$DAY")
    day_taken=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&sort=taken&from=$DAY&to=$DAY")
    all_days=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&from=1900-01-01&to=2199-12-31")
    on_uploaded=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&on=${DAY:5}")
    on_taken=$(bench_median_ms "$REQUESTS" "Authorization: Bearer $older" "$BASE/api/v1/images?limit=20&sort=taken&on=${DAY:5}")
    echo "round $round: first page of the older account $first_older ms vs the newer's $first_newer ms: $(bench_ratio "$first_older" "$first_newer");" \
        "favourites $fav_older ms vs $fav_newer ms: $(bench_ratio "$fav_older" "$fav_newer");" \
        "one day by upload $day_uploaded ms vs by the time taken $day_taken ms: $(bench_ratio "$day_uploaded" "$day_taken");" \
        "all days by upload $all_days ms vs the first page $first_older ms: $(bench_ratio "$all_days" "$first_older");" \
        "on this day by upload $on_uploaded ms vs the day $day_uploaded ms: $(bench_ratio "$on_uploaded" "$day_uploaded")," \
        "by the time taken $on_taken ms vs the day $day_taken ms: $(bench_ratio "$on_taken" "$day_taken")"
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
