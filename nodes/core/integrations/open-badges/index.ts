export * from './address-policy';
export * from './bounded-fetch';
export * from './document-cache';
export * from './remote-documents';
