#!/usr/bin/env node
// `npm run docs` (second step): writes the "Fields" table of every docs/nodes/<Node>.md and
// docs/credentials/<Credential>.md from the node's or credential's own description, between
// `<!-- fields:start -->` and `<!-- fields:end -->`, so the documented fields and defaults are
// the ones the editor shows. Tests render the same tables in memory (credentials in the unit
// layer, nodes from the built package in the nodes layer) and fail when the committed text differs.
'use strict';

const fs = require('fs');
const path = require('path');

const { findFiles, registerTypeScript } = require('./load-ts');
const { replaceBetweenMarkers } = require('./markers');

const ROOT = path.resolve(__dirname, '..', '..');
const LONG_DEFAULT = 70;

/** One Markdown table cell: pipes escaped, line breaks folded, the editor's HTML made plain. */
function cell(text) {
	return String(text)
		.replace(/<\/?code>/g, '`')
		.replace(/<br\s*\/?>/g, ' ')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;([^&]*)&gt;/g, '`<$1>`')
		.replace(/\s*\n\s*/g, ' ')
		.replace(/\|/g, '\\|')
		.trim();
}

const isGroup = (property) => property.type === 'collection' || property.type === 'fixedCollection';
const optionName = (property, value) =>
	(property.options || []).find((option) => option.value === value)?.name;

function defaultText(property) {
	const value = property.default;
	if (value === undefined || value === '' || isGroup(property)) return '–';
	if (property.type === 'options') return cell(optionName(property, value) ?? value);
	if (property.type === 'multiOptions' && Array.isArray(value)) {
		return value.length ? cell(value.map((v) => optionName(property, v) ?? v).join(', ')) : '–';
	}
	if (typeof value === 'boolean') return value ? 'on' : 'off';
	const text = typeof value === 'string' ? value.replace(/^=/, '') : JSON.stringify(value);
	if (text.includes('\n') || text.length > LONG_DEFAULT) return '(see the node)';
	return `\`${text.replace(/\|/g, '\\|')}\``;
}

/** Every property by its internal name, collections included, to name displayOptions values. */
function indexByName(properties, index = new Map()) {
	for (const property of properties || []) {
		index.set(property.name, [...(index.get(property.name) || []), property]);
		if (isGroup(property)) {
			for (const option of property.options || []) indexByName(option.values || [option], index);
		}
	}
	return index;
}

function shownWhen(property, index) {
	const show = property.displayOptions?.show;
	if (!show) return '';
	return Object.entries(show)
		.filter(([name]) => !name.startsWith('@'))
		.map(([name, values]) => {
			const candidates = index.get(name) || [];
			const label = (candidates.find((c) => c.options) ?? candidates[0])?.displayName ?? name;
			const names = values.map((value) => {
				for (const candidate of candidates) {
					const found = optionName(candidate, value);
					if (found) return found;
				}
				return typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
			});
			return `${label}: ${[...new Set(names)].join(', ')}`;
		})
		.join('; ');
}

/** The Fields table for a node's or credential's properties. */
function fieldsTable(properties) {
	const index = indexByName(properties);
	const rows = [];
	const walk = (list, prefix) => {
		for (const property of list || []) {
			if (property.type === 'notice' || property.type === 'hidden') continue;
			const label = prefix ? `${prefix} → ${property.displayName}` : property.displayName;
			const choices =
				property.type === 'options' && property.options
					? ` Choices: ${property.options.map((option) => option.name).join(', ')}.`
					: '';
			const about = `${property.description ?? ''}${choices}`;
			rows.push(
				`| ${cell(label)}${property.required ? ' (required)' : ''} | ${defaultText(property)} | ` +
					`${cell(shownWhen(property, index)) || (prefix ? '–' : 'always')} | ${cell(about)} |`,
			);
			if (isGroup(property)) {
				for (const option of property.options || []) {
					if (option.values) walk(option.values, `${label} → ${option.displayName}`);
					else walk([option], label);
				}
			}
		}
	};
	walk(properties, '');
	return ['| Field | Default | Shown when | What it is for |', '|---|---|---|---|', ...rows].join(
		'\n',
	);
}

/**
 * For each page: its committed text and the text it should have. kind is 'nodes' or
 * 'credentials'; properties maps each name (VerifyCompletion, CredlyApi) to its properties.
 */
function renderFieldPages(kind, properties, root = ROOT) {
	return Object.entries(properties).map(([name, list]) => {
		const file = `docs/${kind}/${name}.md`;
		const current = fs.readFileSync(path.join(root, file), 'utf8');
		return {
			file,
			current,
			expected: replaceBetweenMarkers(current, 'fields', fieldsTable(list), file),
		};
	});
}

/** Names of the nodes and credentials package.json ships. */
function shippedNames(root = ROOT) {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const base = (file, suffix) => path.basename(file, suffix);
	return {
		nodes: n8n.nodes.map((file) => base(file, '.node.js')),
		credentials: n8n.credentials.map((file) => base(file, '.credentials.js')),
	};
}

/** The one source file with that name under nodes/ or credentials/, wherever it lives. */
function sourceFile(root, fileName) {
	const found = findFiles(root, ['nodes', 'credentials'], (name) => name === fileName);
	if (found.length !== 1) {
		throw new Error(`Expected one ${fileName} under nodes/ or credentials/, found ${found.length}`);
	}
	return found[0];
}

/** Properties of every shipped node and credential, read from the TypeScript sources. */
function loadProperties(root = ROOT) {
	registerTypeScript(root);
	const names = shippedNames(root);
	const load = (name, suffix, read) => {
		const Class = require(sourceFile(root, `${name}${suffix}`))[name];
		return [name, read(new Class())];
	};
	return {
		nodes: Object.fromEntries(
			names.nodes.map((name) => load(name, '.node.ts', (node) => node.description.properties)),
		),
		credentials: Object.fromEntries(
			names.credentials.map((name) => load(name, '.credentials.ts', (cred) => cred.properties)),
		),
	};
}

function main() {
	const properties = loadProperties();
	for (const kind of ['nodes', 'credentials']) {
		for (const { file, current, expected } of renderFieldPages(kind, properties[kind])) {
			if (current === expected) continue;
			fs.writeFileSync(path.join(ROOT, file), expected);
			console.log(`${file}: fields rewritten`);
		}
	}
	console.log('field tables up to date');
}

module.exports = { fieldsTable, renderFieldPages, shippedNames };

if (require.main === module) main();
