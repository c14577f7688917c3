// Ports handed out for n8n, PostgreSQL and Redis are bound later by another process. They must
// never come from the kernel's ephemeral range, where a simulator listening on port 0 could be
// given the same port in the meantime (that race once stopped n8n with "port already in use").
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require(
	path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-harness', 'ports'),
) as { freePort: () => Promise<number> };

function ephemeralStart(): number {
	const range = '/proc/sys/net/ipv4/ip_local_port_range';
	if (!fs.existsSync(range)) return 49152;
	return Number(fs.readFileSync(range, 'utf8').trim().split(/\s+/)[0]);
}

function listenOn(port: number): Promise<net.Server> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}

describe('free ports for the processes the harness starts', () => {
	it('are below the ephemeral range, distinct, and can be listened on', async () => {
		const ports: number[] = [];
		for (let i = 0; i < 30; i++) ports.push(await freePort());
		expect(new Set(ports).size).toBe(ports.length);
		for (const port of ports) {
			expect(port).toBeGreaterThanOrEqual(10000);
			expect(port).toBeLessThan(ephemeralStart());
		}
		const server = await listenOn(ports[0]);
		await new Promise((resolve) => server.close(resolve));
	});
});
