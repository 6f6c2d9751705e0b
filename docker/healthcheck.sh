#!/bin/sh
# Container health probe: asks the app's /healthz over FastCGI (the app speaks no HTTP itself) with
# cgi-fcgi from Debian's libfcgi-bin. Connects to MLP_LISTEN (host:port) or else MLP_SOCKET; exit 0 = healthy.
set -eu
target=${MLP_LISTEN:-${MLP_SOCKET:-run/mlp.sock}}
case "$target" in 0.0.0.0:*) target="127.0.0.1:${target#0.0.0.0:}" ;; esac
answer=$(REQUEST_METHOD=GET REQUEST_URI=/healthz DOCUMENT_URI=/healthz REMOTE_ADDR=127.0.0.1 \
    cgi-fcgi -bind -connect "$target" 2>/dev/null) || exit 1
case "$answer" in
*'"status":"ok"'*) exit 0 ;;
*) exit 1 ;;
esac
