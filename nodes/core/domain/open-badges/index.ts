export * from './achievement-credential';
export * from './errors';
export * from './issuer-key';
export * from './document-loader';
export * from './sign';
export { vcLibraries } from './libraries';
export * from './status-list';
export * from './badge-ledger';
export * from './verify';
