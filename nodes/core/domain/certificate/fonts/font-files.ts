import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import fontFiles from './font-files.json';

export type FontKey = keyof typeof fontFiles;
export const FONT_KEYS = Object.keys(fontFiles) as FontKey[];

export interface FontFileInfo {
	/** File name inside the package's bundled fonts folder. */
	file: string;
	/** The npm package the font comes from (a development dependency). */
	package: string;
	/** Path of the font inside that package. */
	path: string;
	/** The package's licence file (SIL OFL 1.1), shipped next to the font. */
	license: string;
}

export function fontFileInfo(key: FontKey): FontFileInfo {
	return fontFiles[key];
}

/**
 * The built package carries the fonts in `assets/fonts` next to this module (the build copies
 * them there, licences included); a source checkout reads them from the font packages it has as
 * development dependencies.
 */
export function fontFilePath(key: FontKey): string {
	const info = fontFiles[key];
	const bundled = join(__dirname, '..', 'assets', 'fonts', info.file);
	if (existsSync(bundled)) return bundled;
	const fromPackage = join(packageRoot(info.package), info.path);
	if (existsSync(fromPackage)) return fromPackage;
	throw new Error(
		`Font ${info.file} is missing: it belongs in ${bundled} (reinstall the package) or in the development dependency ${info.package}`,
	);
}

export function readFontFile(key: FontKey): Uint8Array {
	return readFileSync(fontFilePath(key));
}

function packageRoot(name: string): string {
	// Some font packages restrict `exports`, so resolve the entry point and walk up to the folder
	// whose package.json carries the name.
	let dir = dirname(require.resolve(name));
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest)) {
			const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
			if (parsed.name === name) return dir;
		}
		const parent = dirname(dir);
		if (parent === dir) throw new Error(`Cannot find the folder of package ${name}`);
		dir = parent;
	}
}
