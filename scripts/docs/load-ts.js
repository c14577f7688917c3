// Lets plain Node require the project's TypeScript sources (transpiled in memory, no type check),
// so the docs generators read the code itself without a build.
'use strict';

const fs = require('fs');
const path = require('path');

function registerTypeScript(root) {
	if (require.extensions['.ts']) return;
	const ts = require(path.join(root, 'node_modules', 'typescript'));
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2020,
				esModuleInterop: true,
			},
			fileName: filename,
		});
		module._compile(outputText, filename);
	};
}

/** Files under the given folders of root whose name passes the test. */
function findFiles(root, folders, test) {
	const found = [];
	const visit = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) visit(full);
			else if (test(entry.name)) found.push(full);
		}
	};
	for (const folder of folders) visit(path.join(root, folder));
	return found;
}

module.exports = { registerTypeScript, findFiles };
