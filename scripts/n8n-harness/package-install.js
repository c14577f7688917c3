// Packs this repository's built package and installs it into an n8n user folder the way
// n8n's Community Nodes feature does (2.x source: extract the tarball into
// .n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install
// --ignore-scripts` inside it, record it in .n8n/nodes/package.json). n8n then loads it
// with types named "<package name>.<node name>".
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
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

// What `npm pack` would ship depends on package.json and dist: their digest names a build.
function buildDigest() {
	const hash = crypto.createHash('sha256');
	hash.update(fs.readFileSync(path.join(ROOT, 'package.json')));
	const walk = (dir) => {
		for (const entry of fs
			.readdirSync(dir, { withFileTypes: true })
			.sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile())
				hash.update(`${path.relative(ROOT, full)}\0`).update(fs.readFileSync(full));
		}
	};
	walk(path.join(ROOT, 'dist'));
	return hash.digest('hex').slice(0, 16);
}

const INSTALLED_PREFIX = 'n8n-harness-installed-';
const DAY_MS = 24 * 60 * 60 * 1000;

// Packs and installs this build once into a folder under the temp dir, named by the build's
// digest, and returns it. Packing and installing take seconds, and every e2e file starts its own
// n8n servers: they link this tree instead. Built aside and renamed into place, so parallel runs
// (the two n8n lines) never see half a tree; trees of other builds older than a day are removed.
function installedBuild() {
	const dir = path.join(os.tmpdir(), `${INSTALLED_PREFIX}${buildDigest()}`);
	if (fs.existsSync(path.join(dir, 'complete'))) return dir;
	const aside = fs.mkdtempSync(`${dir}.tmp-`);
	const packed = packPackage(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-pack-')));
	try {
		installTarball(aside, packed);
		fs.writeFileSync(path.join(aside, 'complete'), '');
	} finally {
		fs.rmSync(path.dirname(packed), { recursive: true, force: true });
	}
	try {
		fs.renameSync(aside, dir);
	} catch (err) {
		// Another run put the same build in place first: use theirs.
		fs.rmSync(aside, { recursive: true, force: true });
		if (!fs.existsSync(path.join(dir, 'complete'))) throw err;
	}
	for (const name of fs.readdirSync(os.tmpdir())) {
		const other = path.join(os.tmpdir(), name);
		if (!name.startsWith(INSTALLED_PREFIX) || other === dir) continue;
		const stat = fs.statSync(other, { throwIfNoEntry: false });
		if (stat && Date.now() - stat.mtimeMs > DAY_MS)
			fs.rmSync(other, { recursive: true, force: true });
	}
	return dir;
}

// Installs this build into a fresh n8n user folder: the shared installed tree hard-linked in
// (n8n only reads it), its package.json files copied so a write in one folder stays there.
// A folder that already has community packages gets a full install instead.
function installBuild(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const pkgDir = path.join(nodesDir, 'node_modules', PACKAGE.name);
	if (fs.existsSync(nodesDir)) {
		const packed = packPackage();
		try {
			return installTarball(userFolder, packed);
		} finally {
			fs.rmSync(path.dirname(packed), { recursive: true, force: true });
		}
	}
	const source = path.join(installedBuild(), '.n8n', 'nodes');
	fs.mkdirSync(path.dirname(nodesDir), { recursive: true });
	try {
		execFileSync('cp', ['-al', source, nodesDir], { stdio: 'ignore' });
	} catch {
		// Hard links cannot cross file systems (a user folder outside the temp dir's).
		fs.rmSync(nodesDir, { recursive: true, force: true });
		execFileSync('cp', ['-a', source, nodesDir]);
	}
	for (const file of [path.join(nodesDir, 'package.json'), path.join(pkgDir, 'package.json')]) {
		const text = fs.readFileSync(file);
		fs.rmSync(file);
		fs.writeFileSync(file, text);
	}
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

module.exports = { PACKAGE, ROOT, packPackage, installTarball, installBuild, packageNodeTypes };
