export { httpStatusOf, prefersJson, verificationPage, verificationResponse } from './page';
export type { VerificationResponse } from './page';
