#!/usr/bin/env bash
# The production site file is valid nginx configuration (nginx -t inside a minimal main config).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
nginx_test_site "$ROOT_DIR/nginx/mlp-upstream.conf" || die "nginx/mlp.conf does not pass nginx -t"
say "nginx/mlp.conf with nginx/mlp-upstream.conf passes nginx -t"
