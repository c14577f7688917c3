// Runs every bench/*.bench.js against the built package, one process each so figures do not
// share a warm heap. Each benchmark prints lines of the form
//   BENCH <name> <value> <unit> baseline=<value> ratio=<x>
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureDependencies } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
ensureDependencies();
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const only = process.argv[2];
const benches = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((file) => file.endsWith('.bench.js') && (!only || file.includes(only)))
	.sort();
for (const file of benches) {
	console.log(`# ${file}`);
	execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench', file)], {
		cwd: root,
		stdio: 'inherit',
	});
}
