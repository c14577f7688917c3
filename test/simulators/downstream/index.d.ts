// Types for the downstream sink, so TypeScript tests can start and read it.

export interface DownstreamCall {
	id: string;
	path: string;
	body: unknown;
	receivedAt: string;
}

export interface DownstreamSinkHandle {
	name: 'downstream';
	url: string;
	env: Record<string, string>;
	/** Every accepted call so far (the control server lists the same). */
	calls: DownstreamCall[];
	stop(): Promise<void>;
}

export declare const DEFAULT_PORT: number;
export declare const DOWNSTREAM_TOKEN: string;
export declare function start(options?: { port?: number }): Promise<DownstreamSinkHandle>;
