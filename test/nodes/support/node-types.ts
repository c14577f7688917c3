// Node and credential types as a real n8n registers them: our package from its built dist
// (types named `<package name>.<node name>`) and n8n-nodes-base lazily, so only the few
// base nodes a test touches are ever required.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	LoadedClass,
} from 'n8n-workflow';

import { startExpressionEngine, type ExpressionEngineChoice } from './expression-engine';
import type { DirectoryLoaderInstance } from './n8n-core-types';
import { loadPinnedN8n, REPO_ROOT } from './pinned-n8n';

export class TestNodeTypes implements INodeTypes {
	private readonly loaders = new Map<string, DirectoryLoaderInstance>();

	constructor(loaders: DirectoryLoaderInstance[]) {
		for (const loader of loaders) this.loaders.set(loader.packageName, loader);
	}

	get packageNames(): string[] {
		return [...this.loaders.keys()];
	}

	getByName(fullType: string): INodeType | IVersionedNodeType {
		return this.loadedNode(fullType).type;
	}

	getByNameAndVersion(fullType: string, version?: number): INodeType {
		return loadPinnedN8n().workflow.NodeHelpers.getVersionedNodeType(
			this.getByName(fullType),
			version,
		);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const [packageName, loader] of this.loaders) {
			for (const [name, details] of Object.entries(loader.known.nodes)) {
				known[`${packageName}.${name}`] = { ...details };
			}
		}
		return known;
	}

	/** Versions a type declares, read from the loader's descriptions without loading code. */
	declaredVersions(fullType: string): number[] {
		const { loader, shortName } = this.split(fullType);
		const versions = loader.types.nodes
			.filter((description) => description.name === shortName)
			.flatMap((description: INodeTypeDescription) =>
				Array.isArray(description.version) ? description.version : [description.version],
			);
		return [...new Set(versions)].sort((a, b) => a - b);
	}

	knows(fullType: string): boolean {
		const dot = fullType.lastIndexOf('.');
		const loader = this.loaders.get(fullType.slice(0, dot));
		return loader !== undefined && fullType.slice(dot + 1) in loader.known.nodes;
	}

	credentialType(name: string): ICredentialType | undefined {
		for (const loader of this.loaders.values()) {
			if (name in loader.known.credentials) return loader.getCredential(name).type;
		}
		return undefined;
	}

	/** Full node types a credential type is restricted to, as n8n computes them. */
	supportedNodesOf(credentialName: string): string[] {
		for (const [packageName, loader] of this.loaders) {
			const known = loader.known.credentials[credentialName];
			if (known) return (known.supportedNodes ?? []).map((node) => `${packageName}.${node}`);
		}
		return [];
	}

	private loadedNode(fullType: string): LoadedClass<INodeType | IVersionedNodeType> {
		const { loader, shortName } = this.split(fullType);
		return loader.getNode(shortName);
	}

	private split(fullType: string): { loader: DirectoryLoaderInstance; shortName: string } {
		const dot = fullType.lastIndexOf('.');
		const packageName = fullType.slice(0, dot);
		const loader = this.loaders.get(packageName);
		if (!loader) {
			throw new Error(
				`unknown node type "${fullType}" (loaded packages: ${this.packageNames.join(', ')})`,
			);
		}
		return { loader, shortName: fullType.slice(dot + 1) };
	}
}

// The loader reads package.json "n8n.nodes", which point into dist/: say so plainly when the
// build is missing instead of failing with a bare ENOENT.
function assertPackageBuilt(): void {
	const manifest: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const n8nSection = isRecord(manifest) && isRecord(manifest.n8n) ? manifest.n8n : {};
	const files = [n8nSection.nodes, n8nSection.credentials].flatMap((list) =>
		Array.isArray(list) ? list : [],
	);
	const missing = files.filter(
		(file) => typeof file !== 'string' || !existsSync(path.join(REPO_ROOT, file)),
	);
	if (missing.length > 0) {
		throw new Error(
			`the package is not built (missing ${missing.join(', ')}): run \`npm run build\` first`,
		);
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let nodeTypes: Promise<TestNodeTypes> | undefined;
let engineChoice: ExpressionEngineChoice | undefined;

/** The expression engine runs use; known once loadNodeTypes() has resolved. */
export function expressionEngineChoice(): ExpressionEngineChoice | undefined {
	return engineChoice;
}

/** Loads both packages once per test file; later calls reuse the same loaded types. */
export function loadNodeTypes(): Promise<TestNodeTypes> {
	nodeTypes ??= (async () => {
		const { core, nodesBaseDirectory } = loadPinnedN8n();
		assertPackageBuilt();
		const ourPackage = new core.PackageDirectoryLoader(REPO_ROOT);
		const nodesBase = new core.LazyPackageDirectoryLoader(nodesBaseDirectory);
		await Promise.all([ourPackage.loadAll(), nodesBase.loadAll()]);
		engineChoice = await startExpressionEngine(loadPinnedN8n());
		return new TestNodeTypes([ourPackage, nodesBase]);
	})();
	return nodeTypes;
}

// Load once before the first test of every file that uses the runner, so the one-off cost
// (requiring n8n-core, reading n8n-nodes-base's type list) is not billed to a single test.
// The timeout is explicit: jest's project testTimeout does not apply to hooks, and on a busy
// machine loading n8n takes longer than the 5 s default.
beforeAll(async () => {
	await loadNodeTypes();
}, 120_000);
