// Rules every shipped workflow template must follow so it imports cleanly into any n8n, leaks
// nothing from the instance it was exported from, and tells the operator what to set up.
// Pure functions over parsed JSON: the node-type catalogue is passed in.

export interface TemplateIssue {
	rule: TemplateRule;
	message: string;
}

export type TemplateRule =
	| 'shape'
	| 'node-type'
	| 'type-version'
	| 'instance-field'
	| 'credential-id'
	| 'env-access'
	| 'webhook-id'
	| 'webhook-auth'
	| 'setup-note'
	| 'connection';

export interface NodeTypeCatalogue {
	/** Versions a node type declares, or undefined when no loaded package provides it. */
	versionsOf(type: string): number[] | undefined;
}

export const STICKY_NOTE_TYPE = 'n8n-nodes-base.stickyNote';
const CORE_WEBHOOK_TYPE = 'n8n-nodes-base.webhook';
const RFC_4122_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SETUP_HEADING = /^#{1,3}\s*Setup\b/im;
const LIST_ITEM = /^\s*(?:\d+[.)]|[-*])\s+\S/gm;
const MIN_SETUP_TEXT = 200;

interface TemplateNode {
	name: string;
	type: string;
	typeVersion: unknown;
	position: unknown;
	parameters: Record<string, unknown>;
	credentials?: unknown;
	webhookId?: unknown;
	notes?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNode(value: unknown): TemplateNode | undefined {
	if (!isRecord(value) || typeof value.name !== 'string' || typeof value.type !== 'string')
		return undefined;
	return {
		...value,
		name: value.name,
		type: value.type,
		typeVersion: value.typeVersion,
		position: value.position,
		parameters: isRecord(value.parameters) ? value.parameters : {},
	};
}

function positionOf(node: TemplateNode): [number, number] | undefined {
	const { position } = node;
	if (!Array.isArray(position) || position.length !== 2) return undefined;
	const [x, y] = position;
	return typeof x === 'number' && typeof y === 'number' ? [x, y] : undefined;
}

/** Checks one parsed template; returns every problem found, empty when the template is fine. */
export function checkTemplate(template: unknown, catalogue: NodeTypeCatalogue): TemplateIssue[] {
	const issues: TemplateIssue[] = [];
	const report = (rule: TemplateRule, message: string) => issues.push({ rule, message });
	if (!isRecord(template) || !Array.isArray(template.nodes) || !isRecord(template.connections)) {
		report('shape', 'a template is an object with a nodes array and a connections object');
		return issues;
	}

	for (const field of ['id', 'versionId', 'active'] as const) {
		if (field in template)
			report('instance-field', `top-level "${field}" belongs to the exporting instance`);
	}
	if (isRecord(template.meta) && 'instanceId' in template.meta) {
		report('instance-field', '"meta.instanceId" identifies the exporting instance');
	}
	if (JSON.stringify(template).includes('$env')) {
		report(
			'env-access',
			'"$env" is blocked by default in n8n 2.x and ties the template to one server',
		);
	}

	const nodes: TemplateNode[] = [];
	template.nodes.forEach((raw, index) => {
		const node = asNode(raw);
		if (node) nodes.push(node);
		else report('shape', `nodes[${index}] needs a name and a type`);
	});
	const names = new Set<string>();
	for (const node of nodes) {
		if (names.has(node.name)) report('shape', `node name "${node.name}" is used twice`);
		names.add(node.name);
		checkNode(node, catalogue, report);
	}
	checkSetupNote(nodes, report);
	checkConnections(template.connections, names, report);
	return issues;
}

function checkNode(
	node: TemplateNode,
	catalogue: NodeTypeCatalogue,
	report: (rule: TemplateRule, message: string) => void,
): void {
	const versions = catalogue.versionsOf(node.type);
	if (!versions) {
		report(
			'node-type',
			`node "${node.name}" has type ${node.type}, which neither our package nor n8n-nodes-base provides`,
		);
	} else if (typeof node.typeVersion !== 'number' || !versions.includes(node.typeVersion)) {
		report(
			'type-version',
			`node "${node.name}" uses ${node.type} version ${String(node.typeVersion)}; declared: ${versions.join(', ')}`,
		);
	}
	if (!positionOf(node)) report('shape', `node "${node.name}" has no [x, y] position`);
	if (isRecord(node.credentials)) {
		for (const [credentialType, reference] of Object.entries(node.credentials)) {
			// A null id is the importable form: n8n links the credential by name and type.
			if (isRecord(reference) && 'id' in reference && reference.id !== null) {
				report(
					'credential-id',
					`node "${node.name}" refers to ${credentialType} credential id ${String(reference.id)}`,
				);
			}
		}
	}
	checkWebhookAuth(node, report);
	if (
		node.webhookId !== undefined &&
		(typeof node.webhookId !== 'string' ||
			!(RFC_4122_UUID.test(node.webhookId) || isUrlSegmentId(node, node.webhookId)))
	) {
		report(
			'webhook-id',
			`node "${node.name}" has webhookId ${JSON.stringify(node.webhookId)}, not an RFC-4122 UUID`,
		);
	}
}

// A Webhook whose path has a parameter (verify/:certificateId) is served under its webhookId
// (/webhook/<webhookId>/<path>): there a readable lowercase word is the public URL, on purpose.
function isUrlSegmentId(node: TemplateNode, webhookId: string): boolean {
	const path = typeof node.parameters.path === 'string' ? node.parameters.path : '';
	return (
		node.type === CORE_WEBHOOK_TYPE &&
		/(^|\/):/.test(path) &&
		/^[a-z][a-z0-9-]{2,40}$/.test(webhookId)
	);
}

// The one exception to Header Auth: a GET webhook that only reads and says so on the canvas
// (node notes starting "Public, read-only:"), such as the certificate verification page.
const PUBLIC_READ_ONLY_NOTE = /^Public, read-only: \S/;

// A core Webhook node answers anyone who knows its URL unless it checks a credential: each
// template's must use n8n's Header Auth with a credential referred to by name.
function checkWebhookAuth(
	node: TemplateNode,
	report: (rule: TemplateRule, message: string) => void,
): void {
	if (node.type !== CORE_WEBHOOK_TYPE) return;
	const publicReadOnly =
		node.parameters.httpMethod === 'GET' &&
		node.parameters.authentication === undefined &&
		typeof node.notes === 'string' &&
		PUBLIC_READ_ONLY_NOTE.test(node.notes);
	if (publicReadOnly) return;
	const credential = isRecord(node.credentials) ? node.credentials.httpHeaderAuth : undefined;
	if (node.parameters.authentication !== 'headerAuth' || !isRecord(credential)) {
		report(
			'webhook-auth',
			`Webhook node "${node.name}" must set Authentication to Header Auth with an httpHeaderAuth credential`,
		);
	} else if (typeof credential.name !== 'string' || credential.name.trim() === '') {
		report('webhook-auth', `Webhook node "${node.name}" names no Header Auth credential`);
	}
}

// The first thing an operator sees on import (leftmost, then topmost) must explain the setup.
function checkSetupNote(
	nodes: TemplateNode[],
	report: (rule: TemplateRule, message: string) => void,
): void {
	const placed = nodes
		.map((node) => ({ node, position: positionOf(node) }))
		.filter(
			(entry): entry is { node: TemplateNode; position: [number, number] } =>
				entry.position !== undefined,
		)
		.sort((a, b) => a.position[0] - b.position[0] || a.position[1] - b.position[1]);
	const first = placed[0]?.node;
	if (!first || first.type !== STICKY_NOTE_TYPE) {
		report(
			'setup-note',
			`the leftmost-topmost node must be a sticky note, not ${first ? `"${first.name}"` : 'missing'}`,
		);
		return;
	}
	const content = typeof first.parameters.content === 'string' ? first.parameters.content : '';
	if (!SETUP_HEADING.test(content))
		report('setup-note', `sticky note "${first.name}" has no "## Setup" heading`);
	if (content.trim().length < MIN_SETUP_TEXT) {
		report(
			'setup-note',
			`sticky note "${first.name}" is too short to explain the setup (${content.trim().length} chars)`,
		);
	}
	if ((content.match(LIST_ITEM) ?? []).length < 2) {
		report('setup-note', `sticky note "${first.name}" should list the setup steps (at least two)`);
	}
}

function checkConnections(
	connections: Record<string, unknown>,
	names: Set<string>,
	report: (rule: TemplateRule, message: string) => void,
): void {
	for (const [source, byType] of Object.entries(connections)) {
		if (!names.has(source))
			report('connection', `connections start at "${source}", which is not a node`);
		if (!isRecord(byType)) continue;
		for (const outputs of Object.values(byType)) {
			if (!Array.isArray(outputs)) continue;
			for (const targets of outputs) {
				if (!Array.isArray(targets)) continue;
				for (const target of targets) {
					const targetName = isRecord(target) ? target.node : undefined;
					if (typeof targetName !== 'string' || !names.has(targetName)) {
						report(
							'connection',
							`"${source}" connects to "${String(targetName)}", which is not a node`,
						);
					}
				}
			}
		}
	}
}

/** webhookIds must be unique across every template: two imports would otherwise collide. */
export function duplicateWebhookIds(
	templates: Array<{ file: string; template: unknown }>,
): string[] {
	const seen = new Map<string, string>();
	const duplicates: string[] = [];
	for (const { file, template } of templates) {
		if (!isRecord(template) || !Array.isArray(template.nodes)) continue;
		for (const raw of template.nodes) {
			const node = asNode(raw);
			if (typeof node?.webhookId !== 'string') continue;
			const key = node.webhookId.toLowerCase();
			const earlier = seen.get(key);
			if (earlier)
				duplicates.push(
					`webhookId ${node.webhookId} in ${file} ("${node.name}") is also used in ${earlier}`,
				);
			else seen.set(key, `${file} ("${node.name}")`);
		}
	}
	return duplicates;
}
