export { renderCertificate, parseCertificateInput, PRODUCER } from './render';
export type { CertificateRecord, RenderedCertificate } from './render';
export {
	VERIFICATION_WEBHOOK_PATH,
	defaultVerificationUrl,
	deriveCertificateId,
	verificationUrlFor,
} from './certificate-id';
export { CertificateError } from './errors';
export { EMBEDDED_FILE_RELATIONSHIPS } from './embedded-files';
export {
	LINKEDIN_ADD_TO_PROFILE_URL,
	linkedInAddToProfileUrl,
	type AddToProfileInput,
} from './linkedin-add-to-profile';
export type {
	EmbeddedFile,
	EmbeddedFileRecord,
	EmbeddedFileRelationship,
} from './embedded-files';
export { BUILT_IN_TEMPLATE_VERSION } from './built-in-design';
export { TEMPLATE_FIELDS } from './model';
export type {
	CertificateDesign,
	CertificateInput,
	FieldPositionInput,
	TemplateField,
} from './model';
export { qrMatrix, QUIET_ZONE } from './pdf/qr';
export { fontFileInfo, fontFilePath, FONT_KEYS } from './fonts/font-files';
