#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the ledger tests and prints its connection URL on
# stdout (nothing else goes to stdout):
#   export LEDGER_PG_URL="$(scripts/postgres/start.sh)"
#   ... run the tests ...
#   scripts/postgres/stop.sh "$LEDGER_PG_URL"
# Installs Debian's postgresql package if no server binaries are found (needs root and apt), then
# creates a cluster in a fresh temporary folder owned by an unprivileged user (PostgreSQL refuses
# to run as root), listening on 127.0.0.1 only, on a free port, with password authentication.
set -euo pipefail

log() { echo "postgres: $*" >&2; }

find_bin() {
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
	if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; fi
}

BIN=$(find_bin)
if [[ -z "$BIN" ]]; then
	if [[ $(id -u) -ne 0 ]]; then
		log "no PostgreSQL server found and not root: install the Debian package postgresql first"
		exit 1
	fi
	log "installing the Debian package postgresql"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends postgresql >&2
	BIN=$(find_bin)
fi

# PostgreSQL will not run as root: use the package's own system user, or create one.
if [[ $(id -u) -eq 0 ]]; then
	RUN_AS=postgres
	if ! id "$RUN_AS" >/dev/null 2>&1; then
		RUN_AS=ledger-pg
		id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
	fi
	as_user() { runuser -u "$RUN_AS" -- "$@"; }
else
	as_user() { "$@"; }
fi

# A port below the kernel's ephemeral range, so no process listening on port 0 can take it first.
PORT=$(node "$(dirname "${BASH_SOURCE[0]}")/../n8n-harness/ports.js")
DIR=$(mktemp -d "${TMPDIR:-/tmp}/ledger-pg.XXXXXX")
PASSWORD=$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")
printf '%s\n' "$PASSWORD" >"$DIR/pwfile"
chmod 700 "$DIR"
if [[ $(id -u) -eq 0 ]]; then chown -R "$RUN_AS" "$DIR"; fi

as_user "$BIN/initdb" --pgdata="$DIR/data" --username=ledger --pwfile="$DIR/pwfile" \
	--auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 ||
	{ cat "$DIR/initdb.log" >&2; exit 1; }
rm -f "$DIR/pwfile"
as_user "$BIN/pg_ctl" --pgdata="$DIR/data" --log="$DIR/server.log" --wait \
	--options="-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c max_connections=100" start >&2 ||
	{ cat "$DIR/server.log" >&2; exit 1; }
PGPASSWORD="$PASSWORD" "$BIN/createdb" --host=127.0.0.1 --port="$PORT" --username=ledger ledger >&2

# stop.sh finds the folder from the port.
echo "$DIR" >"${TMPDIR:-/tmp}/ledger-pg-$PORT.dir"
log "server on 127.0.0.1:$PORT, data in $DIR (stop with scripts/postgres/stop.sh)"
echo "postgres://ledger:$PASSWORD@127.0.0.1:$PORT/ledger"
