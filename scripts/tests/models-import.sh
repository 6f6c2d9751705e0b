#!/usr/bin/env bash
# Bringing a model: `mlp models import` refuses a broken import and leaves the models directory as it was, adds a
# checked one, a reload (SIGHUP) of a running app serves it without a restart (GET /api/v1/models, uploads with
# ?model=, the default model unchanged, explanations by it), `mlp models evaluate` compares each model with an owner's label, a replacement of a recorded version by another file is refused, and
# `mlp models remove` takes it away again (the default model cannot be removed) while stored predictions stay.
# Runs its own app instance on a models directory of its own, behind its own nginx.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib/faults.sh"
MLP=${MLP_BUILD_DIR:-$ROOT_DIR/.build/debug}/mlp
PY=$ROOT_DIR/.venv/bin/python
S=$RUN_DIR/models-import
PORT=$((${MLP_HTTP_PORT:-18080} + 11))
rm -rf "$S" && mkdir -p "$S/models"
ln -s "$ROOT_DIR/models/efficientnet-lite0" "$S/models/efficientnet-lite0"
cleanup() {
    MLP_RUN_DIR=$S MLP_HTTP_PORT=$PORT bash "$ROOT_DIR/scripts/nginx.sh" stop >/dev/null 2>&1 || true
    MLP_RUN_DIR=$S bash "$ROOT_DIR/scripts/app.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$PY" "$(dirname "$0")/lib/colour_model.py" model "$S/colours.onnx"
"$PY" "$(dirname "$0")/lib/colour_model.py" model "$S/colours-renamed.onnx" colour_scores
"$PY" "$(dirname "$0")/lib/colour_model.py" png "$S/red.png" 220 30 20
printf 'red\ngreen\nblue\n' >"$S/labels.txt"
printf 'red\ngreen\n' >"$S/two-labels.txt"
import_colours() { "$MLP" models import "$1" --name colours --labels "$2" --mean 0,0,0 --std 25.5,25.5,25.5 --models "$S/models" "${@:3}"; }

# Refused imports say why and leave nothing behind.
before=$(ls -A "$S/models")
if import_colours "$S/colours.onnx" "$S/two-labels.txt" 2>"$S/err"; then die "an import with 2 labels for 3 classes succeeded"; fi
grep -q "2 labels for 3 output classes" "$S/err" || die "no reason for the label count: $(cat "$S/err")"
if import_colours "$S/red.png" "$S/labels.txt" 2>"$S/err"; then die "a PNG was imported as a model"; fi
grep -q "not an ONNX model" "$S/err" || die "no reason for the PNG: $(cat "$S/err")"
if "$MLP" models import "$S/colours.onnx" --name "Colours!" --labels "$S/labels.txt" --models "$S/models" 2>"$S/err"; then
    die "a bad name was accepted"
fi
[ "$(ls -A "$S/models")" = "$before" ] || die "a refused import left $(ls -A "$S/models")"

# The app starts with the default model only; an import plus a reload serves the new one.
export MLP_RUN_DIR=$S MLP_MODELS_DIR=$S/models
unset MLP_SOCKET
bash "$ROOT_DIR/scripts/app.sh" start >/dev/null
MLP_HTTP_PORT=$PORT bash "$ROOT_DIR/scripts/nginx.sh" start >/dev/null
BASE=http://127.0.0.1:$PORT
wait_http "$BASE/healthz" 20 || die "no answer from $BASE"
models() { curl -fsS "$BASE/api/v1/models" | python3 -c 'import json,sys; print(" ".join(m["name"] + ("*" if m["is_default"] else "") for m in json.load(sys.stdin)["models"]))'; }
[ "$(models)" = "efficientnet-lite0*" ] || die "models before the import: $(models)"

import_colours "$S/colours.onnx" "$S/labels.txt" --source "colour test model" >"$S/out" || die "the import failed"
grep -q "^imported colours 1 into $S/models/colours" "$S/out" || die "import said: $(cat "$S/out")"
"$MLP" classify --models "$S/models" --model colours "$S/red.png" | grep -q "1\. .*  red (0)" || die "mlp classify did not find red"
bash "$ROOT_DIR/scripts/app.sh" reload >/dev/null
for ((i = 0; i < 50; i++)); do [ "$(models)" = "colours efficientnet-lite0*" ] && break; sleep 0.2; done
[ "$(models)" = "colours efficientnet-lite0*" ] || die "models after the reload: $(models)"

token=$(new_user models)
top() { python3 -c 'import json,sys; d=json.load(sys.stdin); p=d["predictions"][0]; print(p["label"], p["model"], p["model_version"])'; }
red=$(curl -fsS -H "Authorization: Bearer $token" -F "file=@$S/red.png" "$BASE/api/v1/images?model=colours")
[ "$(top <<<"$red")" = "red colours 1" ] || die "the red picture with ?model=colours: $(top <<<"$red")"
id=$(json_field id <<<"$red")
[ "$(curl -fsS -H "Authorization: Bearer $token" -F "file=@${FIXTURES[0]}" "$BASE/api/v1/images" | top)" = "espresso efficientnet-lite0 1" ] ||
    die "the default model changed"
"$MLP" models list --models "$S/models" | grep -q "#[0-9]* colours 1  current predictions on 1 image(s)" || die "mlp models list: $("$MLP" models list --models "$S/models")"

# The owner says the red picture is red: the colour model agrees, the shipped model does not.
curl -fsS --max-time 10 -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"label":"Red"}' \
    "$BASE/api/v1/images/$id/label" >/dev/null
user=$(curl -fsS --max-time 10 -H "Authorization: Bearer $token" "$BASE/api/v1/users/me" | json_field username)
"$MLP" models evaluate --models "$S/models" --model colours --user "$user" >"$S/eval" 2>/dev/null || die "mlp models evaluate failed"
grep -q "^evaluated colours 1 on 1 labelled picture(s), 0 failed$" "$S/eval" || die "evaluate said: $(cat "$S/eval")"
grep -q "colours 1: top label is the owner's 1 (100.0 %)" "$S/eval" || die "evaluate said: $(cat "$S/eval")"
"$MLP" models evaluate --models "$S/models" --user "$user" >"$S/eval" 2>/dev/null || die "mlp models evaluate (default) failed"
grep -q "efficientnet-lite0 1: top label is the owner's 0 (0.0 %)" "$S/eval" || die "evaluate (default) said: $(cat "$S/eval")"
grep -q "current predictions: top label is the owner's 1 (100.0 %)" "$S/eval" || die "evaluate (default) said: $(cat "$S/eval")"
grep -q "^  Red → " "$S/eval" || die "no disagreement listed: $(cat "$S/eval")"

# Where the imported model sees its class: in a picture of one colour everywhere alike, so every square of an even
# grid (16 / 4 pixels) matters the same. No ?model=: the model of the picture's labels explains it.
"$PY" "$(dirname "$0")/lib/colour_model.py" png "$S/brown.png" 120 90 60
brown=$(curl -fsS -H "Authorization: Bearer $token" -F "file=@$S/brown.png" "$BASE/api/v1/images?model=colours" | json_field id)
curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/images/$brown/explanation?grid=4" >"$S/explained" ||
    die "the explanation of the brown picture failed"
python3 - "$S/explained" <<'PY' || die "the explanation of the brown picture: $(cat "$S/explained")"
import json, sys
e = json.load(open(sys.argv[1]))
drops = [d for row in e["drops"] for d in row]
assert e["model"] == "colours" and e["label"] == "red" and len(drops) == 16, e
assert len(set(drops)) == 1 and drops[0] > 0.01, drops
PY
"$MLP" classify --models "$S/models" --model colours --explain --grid 4 "$S/brown.png" >"$S/out" || die "mlp classify --explain failed"
[ "$(grep -cE '^    ( +\+[0-9]+\.[0-9]){4}$' "$S/out")" = 4 ] && [ "$(grep -oE '\+[0-9]+\.[0-9]' "$S/out" | sort -u | wc -l)" = 1 ] ||
    die "mlp classify --explain said: $(cat "$S/out")"

# Version 1 is recorded with this file: another file needs another version.
if import_colours "$S/colours-renamed.onnx" "$S/labels.txt" --replace 2>"$S/err"; then die "another file replaced version 1"; fi
grep -q "give this one a new --version" "$S/err" || die "no reason for the refused replacement: $(cat "$S/err")"
import_colours "$S/colours-renamed.onnx" "$S/labels.txt" --replace --version 2 | grep -q "(replacing version 1)" || die "version 2 was not imported"
[ "$(ls -A "$S/models" | sort | tr '\n' ' ')" = "colours efficientnet-lite0 " ] || die "the replacement left $(ls -A "$S/models")"

# Removing: the default model stays; the removed one is no longer served, its predictions stay.
if "$MLP" models remove efficientnet-lite0 --models "$S/models" 2>"$S/err"; then die "the default model was removed"; fi
grep -q "is the default model" "$S/err" || die "no reason for keeping the default: $(cat "$S/err")"
"$MLP" models remove colours --models "$S/models" | grep -q "^removed colours 2" || die "mlp models remove colours failed"
bash "$ROOT_DIR/scripts/app.sh" reload >/dev/null
for ((i = 0; i < 50; i++)); do [ "$(models)" = "efficientnet-lite0*" ] && break; sleep 0.2; done
[ "$(models)" = "efficientnet-lite0*" ] || die "models after the removal: $(models)"
code=$(curl -s -o "$S/body" -w '%{http_code}' -H "Authorization: Bearer $token" -F "file=@$S/red.png" "$BASE/api/v1/images?model=colours")
[ "$code" = 422 ] && grep -q "No model named 'colours'" "$S/body" || die "an upload for the removed model answered $code $(cat "$S/body")"
[ "$(curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/images/$id" | top)" = "red colours 1" ] ||
    die "the picture lost the removed model's predictions"
[ "$(curl -fsS -H "Authorization: Bearer $token" "$BASE/api/v1/images/$id/explanation" | json_field model)" = efficientnet-lite0 ] ||
    die "the picture of a removed model is not explained by the default model"
say "models-import: refusals left nothing, colours served after a reload (red → red), evaluated against the owner's label, replacement needs a version, removed again: OK"
