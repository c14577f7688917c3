import type { SimHandle } from '../../../simulators';

export type ErrorKind =
	| '500'
	| '503'
	| 'reset'
	| 'timeout'
	| '500-after'
	| 'timeout-after'
	| 'reset-after';

/** Which requests a fault applies to: method(s), a path substring, a path ending. */
export interface Match {
	method?: string | string[];
	path?: string;
	pathEndsWith?: string;
}

export interface FaultPatch {
	rateLimit?: { limit: number; windowMs: number } | null;
	timeScale?: number;
	errorRate?: number;
	errorKinds?: ErrorKind[];
	match?: Match | null;
	latencyMs?: number;
	holdMs?: number;
	outage?: { startsInMs?: number; durationMs: number; mode?: 'reset' | '503' } | null;
	tokenExpired?: boolean;
	/** New credentials stay out of search and list answers for ms and/or the next calls requests. */
	searchLag?: { ms?: number; calls?: number } | null;
	seed?: number;
	failNext?: Array<{ kind: ErrorKind; match?: Match }>;
}

export interface IssuedItem {
	id: string;
	templateId: string;
	email: string;
	deleted: boolean;
	[key: string]: unknown;
}

export interface IssuedList {
	total: number;
	duplicates: Array<{ key: string; count: number }>;
	items: IssuedItem[];
}

export interface LoggedRequest {
	at: number;
	method: string;
	path: string;
	status: number;
	fault: string | null;
}

/** Drives a simulator's /__control/ API. */
export class SimControl {
	constructor(readonly sim: SimHandle) {}

	get url(): string {
		return this.sim.url;
	}

	async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.sim.url}/__control/${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = (await response.json()) as T;
		if (!response.ok)
			throw new Error(`control ${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
		return parsed;
	}

	reset(): Promise<unknown> {
		return this.call('POST', 'reset');
	}

	seed<T = Record<string, unknown>>(body: Record<string, unknown>): Promise<T> {
		return this.call('POST', 'seed', body);
	}

	faults(patch: FaultPatch): Promise<unknown> {
		return this.call('POST', 'faults', patch);
	}

	clearFaults(): Promise<unknown> {
		return this.call('DELETE', 'faults');
	}

	issued(): Promise<IssuedList> {
		return this.call('GET', 'issued');
	}

	async requests(): Promise<LoggedRequest[]> {
		return (await this.call<{ requests: LoggedRequest[] }>('GET', 'requests')).requests;
	}

	clearRequests(): Promise<unknown> {
		return this.call('DELETE', 'requests');
	}

	webhooks(target: { url: string; secret?: string } | null): Promise<unknown> {
		return this.call('POST', 'webhooks', target ?? {});
	}

	async deliveries(): Promise<
		Array<{ id: string; type: string; attempts: number; status: number | null; delivered: boolean }>
	> {
		return (
			await this.call<{
				deliveries: Array<{
					id: string;
					type: string;
					attempts: number;
					status: number | null;
					delivered: boolean;
				}>;
			}>('GET', 'webhooks')
		).deliveries;
	}
}

/** Raw API call to a simulator, for contract tests. */
export async function raw(
	sim: SimHandle,
	method: string,
	path: string,
	options: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
	const hasBody = options.body !== undefined || options.rawBody !== undefined;
	const response = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
		method,
		headers: {
			...(hasBody ? { 'content-type': 'application/json' } : {}),
			...(options.headers ?? {}),
		},
		body:
			options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = text ? (JSON.parse(text) as unknown) : undefined;
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, json };
}
