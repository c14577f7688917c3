export interface LmsSimHandle {
	name: string;
	url: string;
	urls: Record<string, string>;
	env: Record<string, string>;
	stop(): Promise<void>;
}
export declare function start(options?: { port?: number }): Promise<LmsSimHandle>;
