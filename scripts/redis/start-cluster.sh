#!/usr/bin/env bash
# Starts a throwaway 3-master Redis Cluster for the queue-mode tests and prints, on stdout (nothing
# else goes there), a URL with its password and node list:
#   export REDIS_CLUSTER_URL="$(scripts/redis/start-cluster.sh)"
#       -> redis://:<password>@127.0.0.1:<port>,127.0.0.1:<port>,127.0.0.1:<port>
#   ... run the tests ...
#   scripts/redis/stop-cluster.sh "$REDIS_CLUSTER_URL"
# The part after "@" is what n8n's QUEUE_BULL_REDIS_CLUSTER_NODES takes. Each node listens on
# 127.0.0.1 only, with the password, saving nothing to disk; no replicas (the tests need slots
# spread over several masters, not failover).
set -euo pipefail

log() { echo "redis-cluster: $*" >&2; }
HERE="$(dirname "${BASH_SOURCE[0]}")"

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
	# start.sh installs Debian's redis-server (with redis-cli) when it is missing, or says why not.
	URL=$(bash "$HERE/start.sh")
	bash "$HERE/stop.sh" "$URL"
fi

# Six distinct ports below the kernel's ephemeral range: each node's client port and its cluster
# bus port (set explicitly, as the default of port + 10000 could fall into that range).
read -r -a PORTS <<<"$(node -e '
const { freePort } = require(process.argv[1]);
(async () => {
	const ports = [];
	for (let i = 0; i < 6; i++) ports.push(await freePort());
	console.log(ports.join(" "));
})().catch((error) => { console.error(error.message); process.exit(1); });
' "$(realpath "$HERE/../n8n-harness/ports.js")")"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/queue-redis-cluster.XXXXXX")
PASSWORD=$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")
chmod 700 "$DIR"
# stop-cluster.sh finds the folder from the first node's port, even if starting fails below.
STATE="${TMPDIR:-/tmp}/queue-redis-cluster-${PORTS[0]}.dir"
echo "$DIR" >"$STATE"
fail() {
	log "$1"
	cat "$DIR"/*/server.log >&2 2>/dev/null || true
	bash "$HERE/stop-cluster.sh" "${PORTS[0]}" >&2 || true
	exit 1
}

NODES=()
for i in 0 1 2; do
	PORT=${PORTS[$i]}
	NODE_DIR="$DIR/$PORT"
	mkdir "$NODE_DIR"
	# The password goes in the config file, not the command line, where ps would show it.
	cat >"$NODE_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $PORT
cluster-enabled yes
cluster-port ${PORTS[$((i + 3))]}
cluster-config-file $NODE_DIR/nodes.conf
cluster-node-timeout 2000
requirepass $PASSWORD
masterauth $PASSWORD
dir $NODE_DIR
pidfile $NODE_DIR/redis.pid
logfile $NODE_DIR/server.log
daemonize yes
save ""
appendonly no
CONF
	redis-server "$NODE_DIR/redis.conf" >&2 || fail "node on port $PORT did not start"
	NODES+=("127.0.0.1:$PORT")
done

export REDISCLI_AUTH="$PASSWORD"
ping() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }
for i in 0 1 2; do
	for _ in $(seq 1 50); do ping "${PORTS[$i]}" && break; sleep 0.1; done
	ping "${PORTS[$i]}" || fail "node on port ${PORTS[$i]} did not answer PING"
done

# Its progress report goes to a file, shown only if it fails.
redis-cli --cluster create "${NODES[@]}" --cluster-replicas 0 --cluster-yes >"$DIR/create.log" 2>&1 ||
	fail "redis-cli --cluster create failed: $(cat "$DIR/create.log")"

# Ready once every node sees all slots served (cluster_state:ok), usually within a second.
cluster_ok() {
	for i in 0 1 2; do
		redis-cli -h 127.0.0.1 -p "${PORTS[$i]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok' ||
			return 1
	done
}
for _ in $(seq 1 100); do
	if cluster_ok; then
		log "3 masters on ${NODES[*]}, files in $DIR (stop with scripts/redis/stop-cluster.sh)"
		echo "redis://:$PASSWORD@$(IFS=,; echo "${NODES[*]}")"
		exit 0
	fi
	sleep 0.1
done
fail "the cluster did not reach cluster_state:ok within 10 s"
