#!/usr/bin/env bash
# Acceptance test of the browser pages: headless Chromium (Debian chromium + chromium-driver) driven by
# Selenium signs up, logs in, uploads scikit-image's coffee.png, sees "espresso", sees where the model sees it, edits the title,
# shares it with a link and opens the link, marks it a favourite with its tile's star and takes it out on its page, orders the gallery by the time a photo was taken, finds it again by its file ("Find by picture"), confirms "espresso" as its own label in one click, uploads chelsea.png too and turns it right and back, searches by label, opens the labels page, gets its own label suggested for the coffee uploaded again and labels it from the label's list of pictures
# and the pictures of one label, downloads the archive of all pictures from the account page, deletes the
# coffee picture (its link then shows a 404 page), uploads two pictures at once, labels them, adds them to the favourites and takes them out, puts them into an album (chooses its cover, uploads into it, shares it, opens its link, stops it) and deletes them as a selection from the gallery, logs out an
# API session from the account page, makes a read-only API key there, changes the password (which revokes it), logs out and back in with the new one, against
# MLP_TEST_BASE_URL (started by scripts/test.sh).
# Screenshots go to $MLP_RUN_DIR/screenshots; MLP_SCREENSHOTS_DIR=docs/screenshots refreshes the committed ones.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

BASE_URL=${MLP_TEST_BASE_URL:?run through make test, or set MLP_TEST_BASE_URL}
VENV=$ROOT_DIR/.venv
SHOTS=${MLP_SCREENSHOTS_DIR:-$RUN_DIR/screenshots}
case "$SHOTS" in /*) ;; *) SHOTS=$ROOT_DIR/$SHOTS ;; esac

command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    || die "chromium and chromium-driver are missing (scripts/setup.sh installs them)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import selenium, skimage' >/dev/null 2>&1; then
    say "installing the browser test's Python packages into .venv ..."
    "$VENV/bin/pip" install -q -r "$ROOT_DIR/tools/browser/requirements.txt"
fi
DATA=$("$VENV/bin/python" -c 'import os, skimage; print(os.path.join(os.path.dirname(skimage.__file__), "data"))')
for picture in coffee.png chelsea.png; do
    [ -f "$DATA/$picture" ] || die "$picture is not in the scikit-image package ($DATA)"
done

exec "$VENV/bin/python" "$ROOT_DIR/tools/browser/browser_test.py" \
    --base-url "$BASE_URL" --image "$DATA/coffee.png" --expect-label espresso --second-image "$DATA/chelsea.png" \
    --screenshots "$SHOTS"
