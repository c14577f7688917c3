// Environment for an n8n process of a given line: local-only networking, nothing phoning
// home, SQLite in the given user folder, and the quirks each release line needs.
'use strict';

const { lineEnv, lineSpec } = require('./lines');

// Variables that would change n8n's behaviour if inherited from the caller, e.g. jest's
// NODE_ENV=test, under which the n8n CLI silently does nothing and exits 0.
const INHERITED_TO_DROP =
	/^(N8N_|DB_|WEBHOOK_URL$|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|NODE_OPTIONS$|NODE_ENV$|JEST_)/;

function n8nEnv({ line, userFolder, port, encryptionKey, brokerPort, extra = {} }) {
	const base = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => !INHERITED_TO_DROP.test(k)),
	);
	const env = {
		...lineEnv(line, base),
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		// Nothing leaves the machine: no telemetry, update checks, templates or banners.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// Our package is not (yet) verified by n8n. n8n 2.x allows unverified community packages
		// by default, but its v3 breaking-changes report (rule unverified-packages-v3) says the
		// default turns to false and unverified packages then stop loading: say so explicitly.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_AI_ENABLED: 'false',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	};
	const major = Number(lineSpec(line).n8nVersion.split('.')[0]);
	if (major === 1) {
		// isolated-vm does not build on Node 20: use the older expression evaluator.
		env.N8N_EXPRESSION_ENGINE = 'legacy';
	} else {
		// This module contacts n8n's servers at start.
		env.N8N_DISABLED_MODULES = 'mcp-registry';
	}
	return { ...env, ...extra };
}

module.exports = { n8nEnv };
