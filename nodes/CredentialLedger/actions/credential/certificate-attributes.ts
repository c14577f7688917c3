import type { IDataObject } from 'n8n-workflow';

import { LedgerError } from '../../../core/domain/ledger';
import { definedFields, isPlainObject } from '../../../core/domain/ledger/json';

const text = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * The public facts of the PDF the Certificate node rendered for this item (its `certificate`
 * field), as the verification page shows them: title, issuer, credits with their unit and field
 * of study, and the PDF's SHA-256. Never the holder's name or e-mail: those stay private.
 */
export function certificateAttributes(certificate: unknown): IDataObject {
	if (!isPlainObject(certificate) || text(certificate.sha256) === undefined) {
		throw new LedgerError(
			'invalid_input',
			'Invalid details: Attributes From Certificate: the item has no certificate field from the Certificate node (Render PDF). Put that node before Record, or turn the option off',
			{
				issues: [
					{
						path: 'recordOptions.attributesFromCertificate',
						message: 'no certificate on the item',
					},
				],
			},
		);
	}
	const unit = text(certificate.creditUnit);
	const credits = Array.isArray(certificate.credits) ? certificate.credits : [];
	return definedFields<IDataObject>({
		credentialTitle: text(certificate.courseTitle),
		issuer: text(certificate.sponsorName),
		credits: credits
			.filter(isPlainObject)
			.map((line) =>
				definedFields({ credits: line.credits, unit, fieldOfStudy: text(line.fieldOfStudy) }),
			),
		sha256: text(certificate.sha256),
	});
}
