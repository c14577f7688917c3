// Types for the mail sink, so TypeScript tests can start and read it.

export interface SinkAttachment {
	filename: string | null;
	contentType: string;
	size: number;
}

export interface SinkMessage {
	id: string;
	from: string;
	to: string[];
	subject: string | null;
	attachments: SinkAttachment[];
	size: number;
	authenticatedAs: string | null;
	receivedAt: string;
	raw: string;
}

export interface MailSinkHandle {
	name: 'mail';
	/** The HTTP control server. */
	url: string;
	urls: { mail: string; smtp: string };
	env: Record<string, string>;
	/** Every message received so far (the control server lists the same). */
	messages: SinkMessage[];
	stop(): Promise<void>;
}

export declare const DEFAULT_PORTS: { smtp: number; control: number };
export declare const MAIL_USER: string;
export declare const MAIL_PASSWORD: string;
export declare function start(options?: { port?: number }): Promise<MailSinkHandle>;
