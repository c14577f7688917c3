/** A certificate that cannot be rendered; `field` names the input or template field to fix. */
export class CertificateError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'CertificateError';
	}
}
