#!/usr/bin/env bash
# Starts a throwaway Redis server for the queue-mode tests and prints its URL on stdout (nothing
# else goes to stdout):
#   export REDIS_URL="$(scripts/redis/start.sh)"
#   ... run the tests ...
#   scripts/redis/stop.sh "$REDIS_URL"
# Installs Debian's redis-server package if no server binary is found (needs root and apt), then
# runs it in a fresh temporary folder, listening on 127.0.0.1 only, on a free port, with a
# password, saving nothing to disk.
set -euo pipefail

log() { echo "redis: $*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
	if [[ $(id -u) -ne 0 ]]; then
		log "no redis-server found and not root: install the Debian package redis-server first"
		exit 1
	fi
	log "installing the Debian package redis-server"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq --no-install-recommends redis-server >&2
	# The package starts a system-wide server where an init system runs; the tests use their own.
fi

# A port below the kernel's ephemeral range, so no process listening on port 0 can take it first.
PORT=$(node "$(dirname "${BASH_SOURCE[0]}")/../n8n-harness/ports.js")
DIR=$(mktemp -d "${TMPDIR:-/tmp}/queue-redis.XXXXXX")
PASSWORD=$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")
chmod 700 "$DIR"
# The password goes in the config file, not the command line, where ps would show it.
cat >"$DIR/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
requirepass $PASSWORD
dir $DIR
pidfile $DIR/redis.pid
logfile $DIR/server.log
daemonize yes
save ""
appendonly no
CONF
redis-server "$DIR/redis.conf" >&2 || { cat "$DIR/server.log" >&2 2>/dev/null; exit 1; }

# Ready once it answers PING (a few tenths of a second).
for _ in $(seq 1 50); do
	if REDISCLI_AUTH="$PASSWORD" redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then
		# stop.sh finds the folder from the port.
		echo "$DIR" >"${TMPDIR:-/tmp}/queue-redis-$PORT.dir"
		log "server on 127.0.0.1:$PORT, files in $DIR (stop with scripts/redis/stop.sh)"
		echo "redis://:$PASSWORD@127.0.0.1:$PORT"
		exit 0
	fi
	sleep 0.1
done
log "the server on port $PORT did not answer PING:"
cat "$DIR/server.log" >&2 || true
exit 1
