#!/usr/bin/env bash
# The production site file is valid nginx configuration (nginx -t inside a minimal main config).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/nginx.conf" <<CONF
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
    access_log off;
    include $ROOT_DIR/nginx/mlp-upstream.conf;
    include $ROOT_DIR/nginx/mlp.conf;
}
CONF
nginx -e "$dir/error.log" -t -q -c "$dir/nginx.conf" -p "$dir" || die "nginx/mlp.conf does not pass nginx -t"
say "nginx/mlp.conf with nginx/mlp-upstream.conf passes nginx -t"
