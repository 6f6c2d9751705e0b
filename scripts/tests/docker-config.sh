#!/usr/bin/env bash
# The container files are valid and honest without a Docker engine: docker-compose parses compose.yaml;
# every file they copy or mount exists; every Debian package they install exists in bookworm's archive;
# nginx -t accepts the compose nginx setup; the container health probe answers against the test app.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
cd "$ROOT_DIR"
command -v docker-compose >/dev/null || die "docker-compose missing (scripts/setup.sh installs it)"
docker-compose -f docker/compose.yaml config -q || die "docker/compose.yaml is invalid"
services=$(docker-compose -f docker/compose.yaml config --services | sort | tr '\n' ' ')
[ "$services" = "app mariadb migrate nginx " ] || die "unexpected services: $services"
config=$(docker-compose -f docker/compose.yaml config)
echo "$config" | grep -q 'condition: service_completed_successfully' || die "app does not wait for migrate"
echo "$config" | grep -q 'replicas: 2' || die "app is not two replicas"

# Bind-mounted files and folders exist (docker-compose prints them as absolute paths).
for source in $(echo "$config" | sed -n 's#^ *- \(/[^:]*\):.*#\1#p'); do
    [ -e "$source" ] || die "compose mounts $source, which does not exist"
done
# COPY sources of the build context exist.
for source in $(awk '/^COPY / && !/--from=/ {for (i = 2; i < NF; i++) print $i}' docker/Dockerfile); do
    [ -e "$source" ] || die "Dockerfile copies $source, which does not exist"
done
# Programs the image runs are products of the package and scripts of the project.
grep -q '.executable(name: "mlp-server"' Package.swift && grep -q '.executable(name: "mlp"' Package.swift \
    || die "Package.swift no longer builds mlp-server and mlp"
[ -x scripts/prepare-model.sh ] || [ -f scripts/prepare-model.sh ] || die "scripts/prepare-model.sh is missing"
# Debian packages: this machine runs Debian 12 (bookworm), the base of both stages.
# The package lines follow each `apt-get install` line up to the next `&&` line.
packages=$(awk '/apt-get install/ {on = 1; next} on && /^ *&&/ {on = 0} on' docker/Dockerfile \
    | tr ' \\' '\n\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' | sort -u)
for p in $packages; do
    apt-cache show "$p" >/dev/null 2>&1 || die "Dockerfile installs $p, which is not a Debian package here"
done
say "Dockerfile packages exist: $(echo $packages)"

# The nginx of the compose setup: mlp.conf plus the replica upstream (app resolved to loopback here).
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed 's/server app:9000/server 127.0.0.1:9000/' docker/nginx-upstream.conf >"$dir/mlp-upstream.conf"
nginx_test_site "$dir/mlp-upstream.conf" || die "compose nginx configuration fails nginx -t"

# The HEALTHCHECK probe against the running test app, and against nothing.
MLP_SOCKET=$RUN_DIR/mlp.sock sh docker/healthcheck.sh || die "health probe failed against the running app"
! MLP_SOCKET=$dir/none.sock sh docker/healthcheck.sh || die "health probe passed without an app"
say "docker-compose config, mounts, COPY sources, packages, nginx -t and the health probe are fine"
