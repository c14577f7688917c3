// Runs every bench/*.bench.js against the built package, one process each so figures do not
// share a warm heap. Each benchmark prints lines of the form
//   BENCH <name> <value> <unit> baseline=<value> ratio=<x>
// Builds first, unless TEST_SKIP_BUILD=1 says the tree was just built (.ci/run builds once).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureDependencies } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
ensureDependencies();
if (process.env.TEST_SKIP_BUILD !== '1')
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const only = process.argv[2];
const benches = fs
	.readdirSync(path.join(root, 'bench'))
	.filter((file) => file.endsWith('.bench.js') && (!only || file.includes(only)))
	.sort();
for (const file of benches) {
	console.log(`# ${file}`);
	const started = Date.now();
	execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench', file)], {
		cwd: root,
		stdio: 'inherit',
	});
	console.log(`# ${file} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
