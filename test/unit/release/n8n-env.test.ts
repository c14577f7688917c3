// The environment every n8n we start (`npm start`, node and e2e tests) runs with. n8n 3 turns
// the default of N8N_UNVERIFIED_PACKAGES_ENABLED to false (n8n 2.41.1's breaking-changes rule
// unverified-packages-v3), and our package is not verified by n8n, so the harness must opt in
// explicitly or the demo and the e2e suite would silently lose our nodes after the upgrade.
import * as path from 'path';

type N8nEnv = (opts: {
	line: string;
	userFolder: string;
	port: number;
	encryptionKey: string;
	brokerPort: number;
	extra?: Record<string, string>;
}) => Record<string, string>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { n8nEnv } = require(
	path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-harness', 'n8n-env'),
) as { n8nEnv: N8nEnv };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lineNames } = require(
	path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-harness', 'lines'),
) as { lineNames(): string[] };

const envFor = (line: string, extra?: Record<string, string>) =>
	n8nEnv({
		line,
		userFolder: '/tmp/n8n-env-test',
		port: 5678,
		encryptionKey: 'k',
		brokerPort: 5679,
		extra,
	});

describe('n8n environment built by the harness', () => {
	const inherited = process.env.N8N_UNVERIFIED_PACKAGES_ENABLED;
	afterEach(() => {
		if (inherited === undefined) delete process.env.N8N_UNVERIFIED_PACKAGES_ENABLED;
		else process.env.N8N_UNVERIFIED_PACKAGES_ENABLED = inherited;
	});

	it.each(lineNames())('line %s allows unverified community packages explicitly', (line) => {
		expect(envFor(line).N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
	});

	it('does not take the setting from the calling shell', () => {
		process.env.N8N_UNVERIFIED_PACKAGES_ENABLED = 'false';
		expect(envFor('2').N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
	});

	it('keeps the setting when the demo adds its simulator variables', () => {
		const env = envFor('2', { ACCREDIBLE_BASE_URL: 'http://127.0.0.1:1' });
		expect(env.N8N_UNVERIFIED_PACKAGES_ENABLED).toBe('true');
		expect(env.ACCREDIBLE_BASE_URL).toBe('http://127.0.0.1:1');
	});
});
