// Copies what tsc does not emit into dist: node icons, codex files and bundled assets
// (fonts and the like), keeping their paths so `file:` icon references and runtime
// asset lookups resolve the same way in the built package as in the source tree.
const { src, dest } = require('gulp');

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

exports['build:assets'] = buildAssets;
exports.default = buildAssets;
