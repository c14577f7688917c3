// Simulators are found by reading test/simulators, not listed by hand: each simulator.js (or
// <name>.simulator.js) describes itself, every one starts on a free port, and together they bring
// every credential the templates name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Descriptor {
	name: string;
	kind: string;
	defaultPort?: number;
	start(options: { port?: number }): Promise<unknown>;
	demoCredentials?(urls: Record<string, string>): Array<{ name: string; type: string }>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { discoverSimulators, configuredPort } = require('../../simulators/discover') as {
	discoverSimulators(): Descriptor[];
	configuredPort(sim: Descriptor, env: Record<string, string | undefined>): number | undefined;
};
const { startRegisteredSimulators } = require('../../simulators/registry') as {
	startRegisteredSimulators(options: { port?: number }): Promise<{
		simulators: Array<{ name: string }>;
		urls: Record<string, string>;
		stop(): Promise<void>;
	}>;
};
const { demoCredentials } = require('../../simulators/n8n-credentials') as {
	demoCredentials(urls: Record<string, string>): Array<{ name: string; type: string }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const WORKFLOWS = path.join(__dirname, '..', '..', '..', 'workflows');

describe('simulator discovery', () => {
	const simulators = discoverSimulators();

	test('finds every simulator folder and LMS, each with a name, a kind and start()', () => {
		expect(simulators.map((sim) => sim.name).sort()).toEqual([
			'accredible',
			'canvas',
			'certifier',
			'credly',
			'docebo',
			'downstream',
			'mail',
			'moodle',
			'talentlms',
			'teachable',
			'thinkific',
			'zoom',
		]);
		for (const sim of simulators) {
			expect({ name: sim.name, kind: sim.kind, start: typeof sim.start }).toEqual({
				name: sim.name,
				kind: expect.stringMatching(/^(platform|lms|mail)$/),
				start: 'function',
			});
		}
	});

	test('a platform runs on <NAME>_SIM_PORT when set, else on its default port', () => {
		const credly = simulators.find((sim) => sim.name === 'credly')!;
		expect(configuredPort(credly, {})).toBe(5702);
		expect(configuredPort(credly, { CREDLY_SIM_PORT: '6702' })).toBe(6702);
	});

	test('every credential a template names is among the demo credentials', () => {
		const named = readdirSync(WORKFLOWS)
			.filter((file) => file.endsWith('.json'))
			.flatMap((file) => {
				const { nodes } = JSON.parse(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
					nodes: Array<{ credentials?: Record<string, { name: string }> }>;
				};
				return nodes.flatMap((node) =>
					Object.entries(node.credentials ?? {}).map(([type, { name }]) => `${type}: ${name}`),
				);
			});
		expect(named.length).toBeGreaterThan(0);
		const demo = demoCredentials({ smtp: 'smtp://127.0.0.1:2525' }).map(
			(c) => `${c.type}: ${c.name}`,
		);
		expect([...new Set(named)].filter((credential) => !demo.includes(credential))).toEqual([]);
	});

	test('all start on free ports, each answering at its base URL, with its name', async () => {
		const running = await startRegisteredSimulators({ port: 0 });
		try {
			const names = simulators.map((sim) => sim.name);
			expect(Object.keys(running.urls).sort()).toEqual([...names, 'smtp'].sort());
			// A server listens at each URL (the platforms and the mail sink also have a health check).
			for (const name of names) {
				const answer = await fetch(`${running.urls[name]}/__control/health`);
				expect({ name, answered: answer.status > 0 }).toEqual({ name, answered: true });
			}
			expect(running.simulators.map((sim) => sim.name).sort()).toEqual(names.sort());
		} finally {
			await running.stop();
		}
	});
});
