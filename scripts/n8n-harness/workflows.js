// Reads workflow templates and prepares them for import: each gets a fixed id derived from
// its file name (templates carry none), and we work out how it is started: by the Manual
// Trigger (run with `n8n execute`), by webhooks (activated, then called over HTTP) or by a
// trigger without a webhook, such as a poll trigger (run from the editor's "Execute workflow").
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const WEBHOOK = 'n8n-nodes-base.webhook';
// Started by another workflow (or the same one) through Execute Workflow, never on its own.
const SUB_WORKFLOW_TRIGGER = 'n8n-nodes-base.executeWorkflowTrigger';

// n8n ids are 16-character alphanumeric strings; a hash keeps them stable across runs.
function workflowIdFor(fileName) {
	const hash = crypto.createHash('sha256').update(path.basename(fileName)).digest('hex');
	return `tpl${hash.slice(0, 13)}`;
}

function webhookInfo(node) {
	const p = node.parameters || {};
	// Trigger nodes declare their path and method in their type description (by convention
	// "webhook" and POST), not as parameters.
	const rawPath = String(
		p.path || (node.type === WEBHOOK ? node.webhookId : 'webhook') || '',
	).replace(/^\/+/, '');
	// The Webhook node registers its path as given (isFullPath), unless the path has a
	// parameter (verify/:certificateId); then, like other trigger nodes, n8n puts the webhook
	// id in front of it.
	const dynamic = /(^|\/):/.test(rawPath);
	const urlPath =
		node.type === WEBHOOK && !dynamic ? rawPath : `${node.webhookId}/${rawPath}`;
	return {
		node: node.name,
		method: String(p.httpMethod || (node.type === WEBHOOK ? 'GET' : 'POST')).toUpperCase(),
		path: `/webhook/${urlPath}`.replace(/\/+$/, ''),
	};
}

function loadWorkflow(file) {
	const json = JSON.parse(fs.readFileSync(file, 'utf8'));
	const id = workflowIdFor(file);
	const nodes = json.nodes || [];
	const active = nodes.filter((n) => !n.disabled);
	return {
		file,
		fileName: path.basename(file),
		id,
		name: json.name || path.basename(file, '.json'),
		json: { ...json, id, active: false },
		manual: active.some((n) => n.type === MANUAL_TRIGGER),
		// `n8n execute` cannot start at these: they run through the server as the editor does.
		polls: active
			.filter(
				(n) =>
					/trigger$/i.test(n.type) &&
					!n.webhookId &&
					n.type !== MANUAL_TRIGGER &&
					n.type !== SUB_WORKFLOW_TRIGGER,
			)
			.map((n) => n.name),
		webhooks: active
			.filter((n) => n.type === WEBHOOK || (n.webhookId && /trigger/i.test(n.type)))
			.map(webhookInfo),
	};
}

// All *.json files of a folder, sorted, or none if the folder does not exist yet.
function loadWorkflowDir(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => loadWorkflow(path.join(dir, f)));
}

// Output items of one node in a `--rawOutput` run, as plain JSON objects.
function nodeOutput(run, nodeName, outputIndex = 0, runIndex = 0) {
	const runData = run?.data?.resultData?.runData ?? run?.resultData?.runData;
	const taskData = runData?.[nodeName]?.[runIndex];
	if (!taskData) return undefined;
	return (taskData.data?.main?.[outputIndex] || []).map((item) => item.json);
}

module.exports = {
	loadWorkflow,
	loadWorkflowDir,
	workflowIdFor,
	nodeOutput,
	MANUAL_TRIGGER,
	WEBHOOK,
};
