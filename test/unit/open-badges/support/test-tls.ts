// A certificate authority made for one test run, and a server certificate it signs, with
// openssl: nothing is checked in, nothing outlives the run, and only a client told to trust
// this CA accepts the server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
	/** The CA certificate (PEM): what a test passes as trusted. */
	caCert: string;
	/** The server's key and certificate (PEM), valid for `hosts`. */
	key: string;
	cert: string;
}

const EC_KEY = '-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes';

export function makeTestPki(hosts: string[]): TestPki {
	const folder = mkdtempSync(join(tmpdir(), 'test-pki-'));
	// Arguments hold no spaces; files are named relative to the folder.
	const openssl = (command: string) =>
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions
		execFileSync('openssl', command.split(' '), { cwd: folder, stdio: 'pipe' });
	try {
		openssl(
			`req -x509 ${EC_KEY} -keyout ca.key -out ca.pem -days 2 -subj /CN=Test-only-CA` +
				' -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign',
		);
		openssl(`req -new ${EC_KEY} -keyout server.key -out server.csr -subj /CN=${hosts[0]}`);
		writeFileSync(
			join(folder, 'server.ext'),
			`subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}\nextendedKeyUsage=serverAuth\n`,
		);
		openssl(
			'x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2' +
				' -extfile server.ext -out server.pem',
		);
		const read = (name: string) => readFileSync(join(folder, name), 'utf8');
		return { caCert: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}
