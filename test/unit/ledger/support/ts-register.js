// Lets child processes require the TypeScript sources directly, compiled on the fly with the
// project's own TypeScript: tests never depend on a stale build.
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2021,
			esModuleInterop: true,
		},
		fileName: filename,
	});
	module._compile(outputText, filename);
};
