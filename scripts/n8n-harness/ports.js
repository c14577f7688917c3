// Free TCP ports on the loopback interface, for running several n8n processes side by side.
'use strict';

const net = require('net');

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
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
