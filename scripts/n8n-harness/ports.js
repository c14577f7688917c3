// Free TCP ports on the loopback interface, for running several n8n processes side by side.
//
// A port handed out here is bound later by another process (n8n, PostgreSQL, Redis). Meanwhile
// anything that listens on port 0 (the simulators, test servers) gets a port from the kernel's
// ephemeral range, which may be the one just handed out: that race once left n8n with
// "port already in use". So ports are drawn at random from below the ephemeral range, where
// the kernel never assigns on its own, and probed before they are handed out.
'use strict';

const fs = require('fs');
const net = require('net');

const LOWEST = 10000;
const handedOut = new Set();

function ephemeralRangeStart() {
	try {
		const [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
		const value = Number(low);
		if (Number.isInteger(value) && value > LOWEST + 1000) return value;
	} catch {
		// Not Linux: the IANA dynamic range starts at 49152.
	}
	return 49152;
}

function canListen(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.unref();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function freePort() {
	const highest = ephemeralRangeStart() - 1;
	for (let attempt = 0; attempt < 200; attempt++) {
		const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
		if (handedOut.has(port)) continue;
		if (await canListen(port)) {
			handedOut.add(port);
			return port;
		}
	}
	throw new Error(`no free port between ${LOWEST} and ${highest} after 200 tries`);
}

// True when something accepts connections on the port (used to refuse a busy demo port).
function portInUse(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		sock.once('connect', () => (sock.destroy(), resolve(true)));
		sock.once('error', () => resolve(false));
	});
}

module.exports = { freePort, portInUse };

// `node ports.js` prints one free port (the PostgreSQL and Redis start scripts use it).
if (require.main === module) {
	freePort().then(
		(port) => console.log(port),
		(error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
