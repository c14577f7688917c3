// Packs this repository's built package and installs it into an n8n user folder the way
// n8n's Community Nodes feature does (2.x source: extract the tarball into
// .n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install
// --ignore-scripts` inside it, record it in .n8n/nodes/package.json). n8n then loads it
// with types named "<package name>.<node name>".
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function npm(args, cwd, env = process.env) {
	try {
		return execFileSync('npm', args, {
			cwd,
			env,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (err) {
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${err.stderr || err.message}`);
	}
}

// Builds a tarball of what `npm publish` would ship. dist must already be built.
function packPackage(destDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-pack-'))) {
	const missing = (PACKAGE.n8n?.nodes || []).filter((f) => !fs.existsSync(path.join(ROOT, f)));
	if (!fs.existsSync(path.join(ROOT, 'dist')) || missing.length) {
		throw new Error(
			`the package is not built (missing: ${missing.join(', ') || 'dist'}): run npm run build first`,
		);
	}
	const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', destDir], ROOT);
	const [{ filename }] = JSON.parse(out);
	return path.join(destDir, path.basename(filename));
}

function installTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(pkgDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);

	const pkgJsonPath = path.join(pkgDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		fs.readFileSync(pkgJsonPath, 'utf8'),
	);
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2));
	// Runtime dependencies (zod, yaml, ...) land in the package's own node_modules.
	npm(
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--prefer-offline',
			'--loglevel=error',
		],
		pkgDir,
	);

	const hostJsonPath = path.join(nodesDir, 'package.json');
	const host = fs.existsSync(hostJsonPath)
		? JSON.parse(fs.readFileSync(hostJsonPath, 'utf8'))
		: { name: 'installed-nodes', private: true };
	host.dependencies = { ...(host.dependencies || {}), [pkg.name]: pkg.version };
	fs.writeFileSync(hostJsonPath, JSON.stringify(host, null, 2));
	return pkgDir;
}

// The node type names our package should register, read from the built node classes.
function packageNodeTypes(pkgDir = ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	return (pkg.n8n?.nodes || []).map((file) => {
		const exported = require(path.join(pkgDir, file));
		const NodeClass = Object.values(exported).find((v) => typeof v === 'function');
		const instance = new NodeClass();
		const description =
			instance.description ?? Object.values(instance.nodeVersions || {})[0]?.description;
		return `${pkg.name}.${description.name}`;
	});
}

module.exports = { PACKAGE, ROOT, packPackage, installTarball, packageNodeTypes };
