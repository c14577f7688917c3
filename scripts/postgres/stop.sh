#!/usr/bin/env bash
# Stops a server started by start.sh and deletes its folder. Argument: the URL start.sh printed
# (or just its port); defaults to $LEDGER_PG_URL.
set -euo pipefail

TARGET=${1:-${LEDGER_PG_URL:-}}
PORT=$(sed -E 's#.*:([0-9]+)(/.*)?$#\1#' <<<"$TARGET")
STATE="${TMPDIR:-/tmp}/ledger-pg-$PORT.dir"
if [[ ! -f "$STATE" ]]; then
	echo "postgres: no server started by start.sh on port $PORT" >&2
	exit 1
fi
DIR=$(cat "$STATE")
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
OWNER=$(stat -c %U "$DIR/data")
if [[ $(id -u) -eq 0 && "$OWNER" != root ]]; then
	runuser -u "$OWNER" -- "$BIN/pg_ctl" --pgdata="$DIR/data" --mode=fast --wait stop >&2 || true
else
	"$BIN/pg_ctl" --pgdata="$DIR/data" --mode=fast --wait stop >&2 || true
fi
rm -rf "$DIR" "$STATE"
echo "postgres: stopped the server on port $PORT" >&2
