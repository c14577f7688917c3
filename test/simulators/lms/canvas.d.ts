export interface CanvasSimHandle {
	name: string;
	url: string;
	port: number;
	stop(): Promise<void>;
}
export declare function startCanvasSimulator(options?: { port?: number }): Promise<CanvasSimHandle>;
export declare const PROGRESS_UNAVAILABLE: string;
