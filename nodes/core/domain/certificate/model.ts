import { z } from 'zod';

const text = z.string().trim().min(1);
const optionalText = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : undefined));

/** Credits for one field of study: the Standards ask for credits by field (Std No. 23). */
export const CreditLineSchema = z
	.object({
		credits: z.union([
			z.number().nonnegative(),
			z
				.string()
				.trim()
				.regex(/^\d+(\.\d+)?$/, 'expected a number such as "2.8"'),
		]),
		fieldOfStudy: optionalText,
	})
	.strict();
export type CreditLine = z.infer<typeof CreditLineSchema>;

/**
 * One credited session on an attendee certificate: the Standards' elements per session. Other
 * fields of CPE Credit's session lines (ids, outcome, policy hash) are not printed.
 */
export const SessionLineSchema = z.object({
	title: text,
	/** When it took place, YYYY-MM-DD or an ISO timestamp. */
	date: text,
	deliveryMethod: optionalText,
	fieldOfStudy: optionalText,
	credits: CreditLineSchema.shape.credits,
});
export type SessionLine = z.infer<typeof SessionLineSchema>;

export const CertificateInputSchema = z
	.object({
		/** Printed as given: accents, CJK, Arabic and Hebrew are all drawn. */
		recipientName: text,
		recipientEmail: optionalText,
		recipientId: optionalText,
		courseTitle: text,
		courseId: optionalText,
		credits: z.array(CreditLineSchema).default([]),
		/**
		 * Attendee certificate: every credited session of the event, printed as a table with the
		 * total. Credits by field of study default to the sessions' sums.
		 */
		sessions: z.array(SessionLineSchema).min(1).optional(),
		/** "CPE credits", "CEUs", "CLE hours", … */
		creditUnit: z.string().trim().min(1).default('CPE credits'),
		/** group-live, group-internet, self-study, nano, blended, or any text to print as is. */
		deliveryMethod: optionalText,
		/** Date the program was completed (or its last day), YYYY-MM-DD or an ISO timestamp. */
		completedOn: text,
		/** First day, for programs over several days. */
		startedOn: optionalText,
		location: optionalText,
		sponsorName: text,
		/** Address, email or phone: the Standards ask for sponsor contact information. */
		sponsorContact: optionalText,
		/** e.g. NASBA Registry sponsor ID; printed with its label. */
		sponsorRegistryId: optionalText,
		sponsorRegistryLabel: z.string().trim().min(1).default('NASBA Registry Sponsor ID'),
		signerName: optionalText,
		signerTitle: optionalText,
		/** e.g. NASBA's 50-minute-hour statement; state boards may add their own. */
		statements: z.array(z.string().trim().min(1)).default([]),
		certificateId: z
			.string()
			.trim()
			.regex(
				/^[A-Za-z0-9][A-Za-z0-9._-]{3,63}$/,
				'use 4 to 64 letters, digits, dots, dashes or underscores',
			),
		verificationUrl: z.string().trim().url(),
		/** When the certificate is issued (ISO-8601); also the PDF's creation date. */
		issuedAt: z.string().datetime({ offset: true }),
		title: z.string().trim().min(1).default('Certificate of Completion'),
		/** BCP 47 language of the certificate text, written to the PDF catalog. */
		language: z.string().trim().min(2).default('en'),
		/** Decision provenance printed in the footer, e.g. the credit policy id, version and hash. */
		decisionRef: optionalText,
		supersedes: z.object({ certificateId: text, reason: optionalText }).strict().optional(),
	})
	.strict();
export type CertificateInput = z.input<typeof CertificateInputSchema>;
export type Certificate = z.output<typeof CertificateInputSchema>;

/** Fields a template can place; qrCode is drawn as a square of `size` points. */
export const TEMPLATE_FIELDS = [
	'recipientName',
	'courseTitle',
	'credits',
	'deliveryMethod',
	'dates',
	'location',
	'sponsorName',
	'sponsorContact',
	'sponsorRegistryId',
	'signerName',
	'signerTitle',
	'statements',
	'certificateId',
	'verificationUrl',
	'issuedAt',
	'supersession',
	'qrCode',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export const FieldPositionSchema = z
	.object({
		field: z.enum(TEMPLATE_FIELDS),
		/** Points from the left edge of the page (1 pt = 1/72 in). */
		x: z.number().finite(),
		/** Points from the bottom edge (the text baseline, or the QR code's lower edge). */
		y: z.number().finite(),
		/** Font size in points, or the QR code's side length. */
		size: z.number().positive().max(400).default(12),
		align: z.enum(['left', 'center', 'right']).default('left'),
		/** Shrinks the text to fit this width (points); 0 = no limit. */
		maxWidth: z.number().nonnegative().default(0),
		/** Hex colour such as #1f3a5f. */
		color: z
			.string()
			.regex(/^#?[0-9a-fA-F]{6}$/, 'expected a hex colour such as #1f3a5f')
			.default('#000000'),
		bold: z.boolean().default(false),
	})
	.strict();
export type FieldPositionInput = z.input<typeof FieldPositionSchema>;
export type FieldPosition = z.output<typeof FieldPositionSchema>;

export type CertificateDesign =
	| { kind: 'builtIn' }
	| { kind: 'template'; templatePdf: Uint8Array; positions: FieldPositionInput[]; page?: number };
