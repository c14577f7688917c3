'use strict';
// Kept as plain JavaScript (copied to dist as is) so that import() stays a real dynamic import:
// TypeScript's CommonJS output would turn it into require(), which jest cannot use for ES
// modules on Node 20. The W3C VC libraries this package signs and verifies with are ES modules.
/** @param {string} url an absolute file: URL */
exports.importModule = (url) => import(url);
