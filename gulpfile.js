// Copies what tsc does not emit into dist: node icons, codex files and bundled assets
// (fonts and the like), keeping their paths so `file:` icon references and runtime
// asset lookups resolve the same way in the built package as in the source tree.
const fs = require('node:fs');
const path = require('node:path');
const { parallel, src, dest } = require('gulp');

function buildAssets() {
	return src(
		[
			'nodes/**/*.{png,svg}',
			'nodes/**/*.node.json',
			'nodes/**/assets/**/*',
			'credentials/**/*.{png,svg}',
		],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

// The certificate fonts (SIL OFL 1.1) come from font packages that are development dependencies;
// only the faces the renderer uses are shipped, each with its licence.
function certificateFonts(done) {
	const list = require('./nodes/core/domain/certificate/fonts/font-files.json');
	const target = path.join(__dirname, 'dist/nodes/core/domain/certificate/assets/fonts');
	fs.mkdirSync(target, { recursive: true });
	for (const info of Object.values(list)) {
		const root = packageRoot(info.package);
		fs.copyFileSync(path.join(root, info.path), path.join(target, info.file));
		const licence = `LICENSE-${info.file.replace(/[_-].*$/, '')}.txt`;
		fs.copyFileSync(path.join(root, info.license), path.join(target, licence));
	}
	done();
}

function packageRoot(name) {
	let dir = path.dirname(require.resolve(name));
	while (
		!fs.existsSync(path.join(dir, 'package.json')) ||
		require(path.join(dir, 'package.json')).name !== name
	) {
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`cannot find package ${name}`);
		dir = parent;
	}
	return dir;
}

exports['build:assets'] = parallel(buildAssets, certificateFonts);
exports.default = exports['build:assets'];
