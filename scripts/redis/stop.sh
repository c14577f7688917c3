#!/usr/bin/env bash
# Stops a server started by start.sh and deletes its folder. Argument: the URL start.sh printed
# (or just its port); defaults to $REDIS_URL.
set -euo pipefail

TARGET=${1:-${REDIS_URL:-}}
PORT=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$TARGET")
STATE="${TMPDIR:-/tmp}/queue-redis-$PORT.dir"
if [[ ! -f "$STATE" ]]; then
	echo "redis: no server started by start.sh on port $PORT" >&2
	exit 1
fi
DIR=$(cat "$STATE")
if [[ -f "$DIR/redis.pid" ]]; then
	PID=$(cat "$DIR/redis.pid")
	kill "$PID" 2>/dev/null || true
	# Gone within a second or two; no data is saved, so nothing is lost by not waiting longer.
	for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
fi
rm -rf "$DIR" "$STATE"
echo "redis: stopped the server on port $PORT" >&2
