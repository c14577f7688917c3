#!/usr/bin/env node
// Runs n8n's community-package scanner (@n8n/scan-community-package) on this repository
// without publishing: the scanner's CLI only takes a published package name, fetches its
// provenance and source from npm and GitHub, and then lints two things with the same ESLint
// config. This script lints the same two things locally:
//   source leg  - package.json and nodes/, credentials/ sources (the attested checkout)
//   dist leg    - the compiled .js and package.json of the `npm pack` tarball
// The provenance check cannot run before a release; .github/workflows/publish.yml covers it.
//
//   node scripts/scan-local.mjs <folder holding node_modules/@n8n/scan-community-package>
// Build first (npm run build). Exit code 1 if either leg has errors.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import { fileURLToPath, pathToFileURL } from 'url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scannerHost = process.argv[2];
const scannerFile = scannerHost
	? path.resolve(scannerHost, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs')
	: '';
if (!scannerFile || !fs.existsSync(scannerFile)) {
	console.error(
		'usage: node scripts/scan-local.mjs <folder where `npm install --ignore-scripts @n8n/scan-community-package` ran>',
	);
	process.exit(2);
}
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerFile).href);

function packAndExtract() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-local-'));
	const out = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', work],
		{
			cwd: ROOT,
			encoding: 'utf8',
		},
	);
	const tarball = path.join(work, JSON.parse(out)[0].filename);
	const dir = path.join(work, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

// The scanner's own source-leg patterns; a copy of the source tree keeps node_modules and
// test/ out of the glob, as in the scanner's fresh checkout.
function sourceCopy() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-local-src-'));
	for (const entry of ['package.json', 'nodes', 'credentials'])
		fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
	return dir;
}

const legs = [
	['source', sourceCopy(), SOURCE_FILE_PATTERNS],
	['dist', packAndExtract(), ['**/*.js', 'package.json']],
];
let failed = false;
for (const [name, dir, patterns] of legs) {
	const result = await analyzePackage(dir, patterns);
	console.log(`== ${name} leg: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (result.details) console.log(result.details.split(dir + path.sep).join(''));
	failed ||= !result.passed;
}
process.exit(failed ? 1 : 0);
