#!/usr/bin/env bash
# Installs the Debian packages MLP needs, only those missing (apt-get; run as root or with sudo).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PACKAGES=(
    # build and run
    libfcgi-dev libmariadb-dev libssl-dev libargon2-dev libdnnl-dev libjpeg62-turbo-dev libpng-dev
    # services
    nginx-light mariadb-server mariadb-client
    # tests and benchmarks
    curl wrk gcc python3-venv
    # tests only: the headless browser of scripts/tests/browser.sh
    chromium chromium-driver
    # operations tests: compose file validation, the container health probe (cgi-fcgi)
    docker-compose libfcgi-bin
    # fault and security tests: sqlmap, ss (slowloris connection count)
    sqlmap iproute2
)

missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
# Another nginx flavour (nginx, nginx-full ...) serves as well as nginx-light.
if command -v nginx >/dev/null 2>&1; then
    missing=("${missing[@]/nginx-light/}")
fi
# python3-venv is Debian's; a Python built elsewhere ships venv itself.
if python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing=("${missing[@]/python3-venv/}")
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
say "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
