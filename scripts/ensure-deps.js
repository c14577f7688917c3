// Makes `npm start` and `npm test` work on a fresh clone: installs the locked npm dependencies
// when they are missing or older than package-lock.json, so the README's two commands are all
// a new machine needs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function mtime(file) {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return -1;
	}
}

function ensureDependencies() {
	const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
	const locked = mtime(path.join(root, 'package-lock.json'));
	if (installed >= 0 && installed >= locked) return;
	console.log('Installing npm dependencies (npm ci)...');
	execFileSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureDependencies };

if (require.main === module) ensureDependencies();
