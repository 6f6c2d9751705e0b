#!/usr/bin/env bash
# Label-suggestion benchmark (not part of `make bench`): a synthetic account of BENCH_LABELS_PICTURES (20 000)
# pictures with five current predictions each over 200 model labels, every BENCH_LABELS_EVERY-th (10th) with a label
# of the owner's (one of 20, following its top label), beside another account of as many pictures; through nginx
# on the release build, sequential requests:
#   - GET /api/v1/images/:id/label-suggestions of an unlabelled picture, against GET /api/v1/images/:id/similar of
#     the same picture (both read the account's pictures that share its labels);
#   - GET /api/v1/labels/suggestions?label=, against GET /api/v1/labels (both read every current prediction of the
#     account).
# Per round (BENCH_LABELS_ROUNDS, 3), the median of BENCH_LABELS_REQUESTS (11) requests of each, alternating, and
# the ratio to its reference. BENCH_PORT (18090): uses the 9th port from there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROUNDS=${BENCH_LABELS_ROUNDS:-3}
REQUESTS=${BENCH_LABELS_REQUESTS:-11}
PICTURES=${BENCH_LABELS_PICTURES:-20000}
EVERY=${BENCH_LABELS_EVERY:-10}

bash "$ROOT_DIR/scripts/prepare-model.sh"
bench_build mlp-server mlp
bench_database mlp_test_bench_labels
bench_start_mlp labels $((BENCH_PORT + 8))
BASE=http://127.0.0.1:$((BENCH_PORT + 8))
token=$(bench_token "$BASE" bench@example.org)
bench_token "$BASE" other@example.org >/dev/null

# Rows straight into the database (no bytes: these routes never read them). Picture n of an account has the
# labels (n * 7 + rank * 13) mod 200 at ranks 1..5 with scores 0.6, 0.2, 0.1, 0.06, 0.04; a labelled picture's
# own label is "own" followed by its top label mod 20, so that pictures alike carry the same own label.
say "seeding $PICTURES pictures per account"
mariadb -S "$MLP_DB_SOCKET" -uroot "$MLP_DB_NAME" <<SQL
SET @me = (SELECT id FROM users WHERE username = 'bench@example.org');
SET @other = (SELECT id FROM users WHERE username = 'other@example.org');
SET @model = (SELECT MIN(id) FROM models);
INSERT INTO images (user_id, content_type, byte_size, width, height, sha256, created_at, updated_at, user_label)
  SELECT IF(seq <= $PICTURES, @me, @other), 'image/jpeg', 1000, 640, 480, SHA2(seq, 256), NOW(6), NOW(6),
         IF(seq <= $PICTURES AND seq % $EVERY = 0, CONCAT('own ', ((seq * 7 + 13) % 200) % 20), NULL)
  FROM seq_1_to_$((PICTURES * 2));
INSERT INTO predictions (image_id, model_id, \`rank\`, class_index, label, score, created_at)
  SELECT i.id, @model, r.seq, (i.id * 7 + r.seq * 13) % 200, CONCAT('label ', (i.id * 7 + r.seq * 13) % 200),
         ELT(r.seq, 0.6, 0.2, 0.1, 0.06, 0.04), NOW(6)
  FROM images i JOIN seq_1_to_5 r;
ANALYZE TABLE images, predictions;
SQL
# An unlabelled picture of the account (ids start at 1 in a new database), and the own label of its nearest.
id=$(mariadb -S "$MLP_DB_SOCKET" -uroot -N "$MLP_DB_NAME" -e \
    "SELECT MIN(id) FROM images WHERE user_id = (SELECT id FROM users WHERE username = 'bench@example.org') AND user_label IS NULL AND id > 1000")
AUTH="Authorization: Bearer $token"
label=$(curl -s -H "$AUTH" "$BASE/api/v1/images/$id/label-suggestions" | sed -nE 's/.*"suggestions":\[\{"label":"([^"]+)".*/\1/p')
[ -n "$label" ] || die "picture $id got no suggestion"
query=$(printf '%s' "$label" | sed 's/ /%20/g')
total=$(curl -s -H "$AUTH" "$BASE/api/v1/labels/suggestions?label=$query&limit=100" | sed -E 's/.*"total":([0-9]+).*/\1/')
say "picture $id is suggested \"$label\", which is suggested for $total pictures"

median() { bench_median_ms "$REQUESTS" "$AUTH" "$1"; }

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    similar=$(median "$BASE/api/v1/images/$id/similar")
    one=$(median "$BASE/api/v1/images/$id/label-suggestions")
    overview=$(median "$BASE/api/v1/labels")
    many=$(median "$BASE/api/v1/labels/suggestions?label=$query&limit=100")
    echo "round $round: label-suggestions $one ms vs similar $similar ms: $(bench_ratio "$one" "$similar");" \
        "labels/suggestions $many ms vs labels $overview ms: $(bench_ratio "$many" "$overview")"
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
