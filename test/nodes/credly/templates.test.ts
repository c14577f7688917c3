// Badge templates: every page (Credly serves 50 a page), in the node's Get Many and in the
// dropdown, which lists only active templates.
import {
	apiRequests,
	CREDLY_TYPE,
	jsonOf,
	runPlatformNode,
	usePlatform,
} from '../support/issuer-platforms';
import { loadOptions } from '../support/node-contexts';

const platform = usePlatform('credly');

// 4 sample templates (2 active, 1 archived, 1 draft) plus these.
const SEEDED = 120;

beforeEach(async () => {
	await platform().control.seed({ generateTemplates: SEEDED });
	await platform().control.clearRequests();
});

describe('Credly node: Badge Template', () => {
	test('Get Many with Return All reads all three pages', async () => {
		const run = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: {
				resource: 'badgeTemplate',
				operation: 'getMany',
				returnAll: true,
				activeOnly: false,
			},
		});
		const templates = jsonOf(run);
		expect(templates).toHaveLength(SEEDED + 4);
		expect(new Set(templates.map((t) => t.id)).size).toBe(SEEDED + 4);
		const pages = (await apiRequests(platform(), 'GET')).filter((r) =>
			r.path.endsWith('/badge_templates'),
		);
		expect(pages).toHaveLength(3);
	});

	test('Get Many leaves out archived and draft templates by default, and honours the limit', async () => {
		const active = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: { resource: 'badgeTemplate', operation: 'getMany', returnAll: true },
		});
		expect(jsonOf(active)).toHaveLength(SEEDED + 2);
		expect(jsonOf(active).every((t) => t.active === true)).toBe(true);
		const limited = await runPlatformNode(CREDLY_TYPE, platform(), {
			parameters: { resource: 'badgeTemplate', operation: 'getMany', returnAll: false, limit: 7 },
		});
		expect(jsonOf(limited)).toHaveLength(7);
	});

	test('the dropdown lists every active template of every page, by name', async () => {
		const options = await loadOptions({
			type: CREDLY_TYPE,
			method: 'getActiveBadgeTemplates',
			parameters: { resource: 'badge', operation: 'create' },
			credentials: platform().credentials,
			nodeCredentials: platform().nodeCredentials,
		});
		expect(options).toHaveLength(SEEDED + 2);
		const names = options.map((o) => o.name);
		expect(names).toContain('Intro to Programming');
		expect(names).toContain(`Generated Template ${String(SEEDED + 4).padStart(3, '0')}`);
		expect(names).not.toContain('Legacy Programming Badge');
		expect(names).not.toContain('Advanced Ethics (draft)');
		expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
	});

	test('the dropdown reports an expired token in plain words', async () => {
		await platform().control.faults({ tokenExpired: true });
		await expect(
			loadOptions({
				type: CREDLY_TYPE,
				method: 'getActiveBadgeTemplates',
				credentials: platform().credentials,
				nodeCredentials: platform().nodeCredentials,
			}),
		).rejects.toThrow(/Credly token expired or was revoked/);
	});
});
