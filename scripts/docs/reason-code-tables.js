#!/usr/bin/env node
// `npm run docs`: writes the reason-code tables of docs/nodes/VerifyCompletion.md and
// docs/nodes/CpeCredit.md from the registries the nodes themselves use, between marker comments,
// so the published codes cannot drift from the code. test/unit/docs/reason-code-tables.test.ts
// renders the same tables in memory and fails when the committed text differs.
'use strict';

const fs = require('fs');
const path = require('path');

const { findFiles, registerTypeScript } = require('./load-ts');
const { replaceBetweenMarkers } = require('./markers');

const ROOT = path.resolve(__dirname, '..', '..');

const OUTCOME_LABEL = {
	verified: 'Verified (informational)',
	needs_review: 'Needs Review',
	not_eligible: 'Not Eligible',
};

/** One Markdown table cell: pipes escaped, line breaks folded. */
const cell = (text) =>
	String(text)
		.replace(/\|/g, '\\|')
		.replace(/\s*\n\s*/g, ' ');

function verifyCompletionTable(codes) {
	const rows = Object.entries(codes).map(([code, info]) => {
		const label = OUTCOME_LABEL[info.outcome];
		if (!label) throw new Error(`Reason code ${code} has an unknown outcome "${info.outcome}"`);
		return `| \`${code}\` | ${label} | ${cell(info.description)} |`;
	});
	return ['| Code | Leads to | Meaning |', '|---|---|---|', ...rows].join('\n');
}

function cpeCreditTable(codes) {
	const rows = Object.entries(codes).map(
		([code, info]) => `| \`${code}\` | ${info.review ? 'yes' : 'no'} | ${cell(info.description)} |`,
	);
	return ['| Credit code | Review | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Each generated table: its marker id, the page that holds it and the registry it shows. */
const TABLES = [
	{
		id: 'verify-completion',
		file: 'docs/nodes/VerifyCompletion.md',
		registry: 'REASON_CODES',
		render: verifyCompletionTable,
	},
	{
		id: 'cpe-credit',
		file: 'docs/nodes/CpeCredit.md',
		registry: 'CREDIT_REASON_CODES',
		render: cpeCreditTable,
	},
];

/**
 * For each page: its committed text and the text it should have. registries maps registry names
 * (REASON_CODES, CREDIT_REASON_CODES) to the objects the code exports.
 */
function renderPages(registries, root = ROOT) {
	return TABLES.map(({ id, file, registry, render }) => {
		const codes = registries[registry];
		if (!codes || Object.keys(codes).length === 0) {
			throw new Error(`No ${registry} registry was given to render ${file}`);
		}
		const current = fs.readFileSync(path.join(root, file), 'utf8');
		return {
			file,
			current,
			expected: replaceBetweenMarkers(current, `reason-codes:${id}`, render(codes), file),
		};
	});
}

/** Source files under nodes/ that export a registry (found by content, wherever they live). */
function findRegistryFiles(root = ROOT) {
	const found = {};
	for (const file of findFiles(root, ['nodes'], (name) => name === 'reason-codes.ts')) {
		const text = fs.readFileSync(file, 'utf8');
		for (const { registry } of TABLES) {
			if (new RegExp(`export const ${registry}\\b`).test(text)) found[registry] = file;
		}
	}
	for (const { registry } of TABLES) {
		if (!found[registry]) throw new Error(`No nodes/**/reason-codes.ts exports ${registry}`);
	}
	return found;
}

/** Loads the registries straight from the TypeScript sources, so no build is needed. */
function loadRegistries(root = ROOT) {
	registerTypeScript(root);
	const registries = {};
	for (const [registry, file] of Object.entries(findRegistryFiles(root))) {
		registries[registry] = require(file)[registry];
	}
	return registries;
}

function main() {
	const pages = renderPages(loadRegistries());
	for (const { file, current, expected } of pages) {
		if (current === expected) {
			console.log(`${file}: reason codes up to date`);
		} else {
			fs.writeFileSync(path.join(ROOT, file), expected);
			console.log(`${file}: reason codes rewritten`);
		}
	}
}

module.exports = { TABLES, findRegistryFiles, renderPages, replaceBetweenMarkers };

if (require.main === module) main();
