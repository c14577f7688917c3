#!/usr/bin/env bash
# Stops a cluster started by start-cluster.sh and deletes its folder. Argument: the URL
# start-cluster.sh printed (or just its first node's port); defaults to $REDIS_CLUSTER_URL.
set -euo pipefail

TARGET=${1:-${REDIS_CLUSTER_URL:-}}
# The first node's port: after the "@" (or the whole argument), up to the first comma.
PORT=$(sed -E 's#^.*@##; s#,.*$##; s#^.*:##' <<<"$TARGET")
STATE="${TMPDIR:-/tmp}/queue-redis-cluster-$PORT.dir"
if [[ ! -f "$STATE" ]]; then
	echo "redis-cluster: no cluster started by start-cluster.sh on port $PORT" >&2
	exit 1
fi
DIR=$(cat "$STATE")
PIDS=()
for PIDFILE in "$DIR"/*/redis.pid; do
	[[ -f "$PIDFILE" ]] || continue
	PID=$(cat "$PIDFILE")
	kill "$PID" 2>/dev/null && PIDS+=("$PID")
done
# Gone within a second or two; no data is saved, so nothing is lost by not waiting longer.
for PID in "${PIDS[@]}"; do
	for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
done
rm -rf "$DIR" "$STATE"
echo "redis-cluster: stopped the cluster whose first node is on port $PORT" >&2
