// Expressions are evaluated the way the pinned server evaluates them: n8n 2.x defaults to the
// isolated-vm engine, 1.x on Node 20 must use the legacy one. N8N_EXPRESSION_ENGINE overrides.
import type { PinnedN8n } from './pinned-n8n';

export type ExpressionEngineName = 'legacy' | 'vm';

export interface ExpressionEngineChoice {
	requested: ExpressionEngineName;
	active: ExpressionEngineName;
	/** Why the active engine differs from the requested one. */
	fallbackReason?: string;
}

interface ExpressionStatics {
	initExpressionEngine(options: {
		engine: ExpressionEngineName;
		poolSize: number;
		maxCodeCacheSize: number;
		bridgeTimeout: number;
		bridgeMemoryLimit: number;
	}): Promise<void>;
	disposeExpressionEngine(): Promise<void>;
	setExpressionEngine(engine: ExpressionEngineName): void;
}

function expressionStatics(pinned: PinnedN8n): ExpressionStatics | undefined {
	const expression: unknown = Reflect.get(pinned.workflow, 'Expression');
	if (typeof expression !== 'function') return undefined;
	const init: unknown = Reflect.get(expression, 'initExpressionEngine');
	const dispose: unknown = Reflect.get(expression, 'disposeExpressionEngine');
	const set: unknown = Reflect.get(expression, 'setExpressionEngine');
	if (typeof init !== 'function' || typeof dispose !== 'function' || typeof set !== 'function')
		return undefined;
	return {
		initExpressionEngine: (options) => Reflect.apply(init, expression, [options]),
		disposeExpressionEngine: () => Reflect.apply(dispose, expression, []),
		setExpressionEngine: (engine) => Reflect.apply(set, expression, [engine]),
	};
}

function requestedEngine(pinned: PinnedN8n): ExpressionEngineName {
	const fromEnv = process.env.N8N_EXPRESSION_ENGINE;
	if (fromEnv === 'legacy' || fromEnv === 'vm') return fromEnv;
	if (fromEnv)
		throw new Error(`N8N_EXPRESSION_ENGINE=${fromEnv} is not supported here (use legacy or vm)`);
	return pinned.coreMajor >= 2 ? 'vm' : 'legacy';
}

// The vm engine is loaded with a dynamic import(), which jest only allows when node runs with
// --experimental-vm-modules. Without the flag the default falls back to legacy; an explicit
// N8N_EXPRESSION_ENGINE=vm fails instead, so a strict run cannot silently test the wrong engine.
export async function startExpressionEngine(pinned: PinnedN8n): Promise<ExpressionEngineChoice> {
	const requested = requestedEngine(pinned);
	const statics = expressionStatics(pinned);
	if (!statics)
		return { requested, active: 'legacy', fallbackReason: 'this n8n-workflow has no vm engine' };
	if (requested === 'legacy') {
		statics.setExpressionEngine('legacy');
		return { requested, active: 'legacy' };
	}
	const failure = await statics
		.initExpressionEngine({
			engine: 'vm',
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		})
		.then(
			() => undefined,
			(error: unknown) => (error instanceof Error ? error.message : String(error)),
		);
	if (failure === undefined) return { requested, active: 'vm' };
	// A failed start leaves 'vm' selected with no evaluator, which refuses every expression.
	statics.setExpressionEngine('legacy');
	if (process.env.N8N_EXPRESSION_ENGINE === 'vm') {
		throw new Error(`cannot start the vm expression engine: ${failure}`);
	}
	return { requested, active: 'legacy', fallbackReason: failure };
}

export async function stopExpressionEngine(pinned: PinnedN8n): Promise<void> {
	await expressionStatics(pinned)?.disposeExpressionEngine();
}
