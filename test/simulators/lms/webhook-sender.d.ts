export interface Delivery {
	body: string;
	headers: Record<string, string>;
}
export declare function thinkific(
	payload: unknown,
	options: { secret?: string; topic?: string; subdomain?: string },
): Delivery;
export declare function teachable(
	payload: unknown,
	options?: { secret?: string; header?: string },
): Delivery;
export declare function docebo(
	payload: unknown,
	options?: { secret?: string; header?: string; basic?: { user: string; password: string } },
): Delivery;
export declare function moodle(
	event: object,
	options?: { token?: string; form?: boolean },
): Delivery;
export interface CanvasSigner {
	jwks: { keys: Array<Record<string, unknown>> };
	kid(label?: 'prev' | 'current' | 'next'): string;
	sign(
		event: object,
		options?: {
			key?: 'prev' | 'current' | 'next';
			/** null leaves the issued-at claim out */
			iat?: number | null;
			exp?: number;
			alg?: string;
			kid?: string;
		},
	): Delivery;
}
export declare function canvasSigner(options?: {
	keys?: { prev: string; current: string; next: string };
}): CanvasSigner;
export declare function demoCanvasSigner(): CanvasSigner;
export declare function post(
	url: string,
	delivery: Delivery,
): Promise<{ status: number; text: string }>;
