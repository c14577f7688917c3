// Talks to n8n's internal REST API the way the editor does: owner setup on a fresh instance,
// login, then authenticated calls carrying the session cookie.
'use strict';

const crypto = require('crypto');
const { request } = require('./http');

// Meets n8n's password rules (8-64 characters, a digit and an uppercase letter).
function generatePassword() {
	return `Demo-${crypto.randomBytes(9).toString('base64url')}-7Q`;
}

function cookieFrom(res) {
	const setCookie = [].concat(res.headers['set-cookie'] || []);
	const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

function restError(what, res) {
	return new Error(`${what} failed: HTTP ${res.status} ${String(res.text).slice(0, 500)}`);
}

function createSession(baseUrl) {
	let cookie = null;
	const call = (method, urlPath, body) =>
		request(baseUrl + urlPath, {
			method,
			body,
			headers: cookie ? { cookie } : {},
			timeoutMs: 30_000,
		});

	return {
		async ownerMissing() {
			const res = await call('GET', '/rest/settings');
			if (res.status !== 200) throw restError('GET /rest/settings', res);
			return res.body?.data?.userManagement?.showSetupOnFirstLoad === true;
		},

		async setupOwner({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
			const res = await call('POST', '/rest/owner/setup', { email, password, firstName, lastName });
			if (res.status !== 200) throw restError('owner setup', res);
			cookie = cookieFrom(res);
		},

		async login({ email, password }) {
			const res = await call('POST', '/rest/login', { emailOrLdapLoginId: email, password });
			if (res.status !== 200) throw restError('login', res);
			cookie = cookieFrom(res);
		},

		async post(urlPath, body) {
			const res = await call('POST', urlPath, body);
			if (res.status !== 200) throw restError(`POST ${urlPath}`, res);
			return res.body;
		},

		async get(urlPath) {
			const res = await call('GET', urlPath);
			if (res.status !== 200) throw restError(`GET ${urlPath}`, res);
			return res.body;
		},

		// The editor's "Execute workflow" from one trigger: n8n runs that trigger in manual mode
		// (a poll trigger fetches a sample) and the nodes after it. n8n 1.x reads the workflow
		// from the body, 2.x from its database; both take the trigger as triggerToStartFrom.
		async runManually(workflowId, triggerName) {
			const workflowData = (await this.get(`/rest/workflows/${workflowId}`)).data;
			const started = await this.post(`/rest/workflows/${workflowId}/run`, {
				workflowData,
				triggerToStartFrom: { name: triggerName },
			});
			const executionId = started?.data?.executionId;
			if (!executionId)
				throw new Error(`manual run of ${workflowId} did not start: ${JSON.stringify(started)}`);
			return String(executionId);
		},

		// Activates (2.x: publishes) a stored workflow as the editor's toggle does, on a running
		// server: its webhooks and triggers register at once, without an n8n command taking
		// seconds to start. Both lines take the version to activate.
		async activate(workflowId) {
			const { versionId } = (await this.get(`/rest/workflows/${workflowId}`)).data;
			await this.post(`/rest/workflows/${workflowId}/activate`, { versionId });
		},

		// The stored execution once it has ended; its `data` is still n8n's flatted text.
		async waitForExecution(executionId, timeoutMs = 120_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const execution = (await this.get(`/rest/executions/${executionId}`)).data;
				if (execution && !['new', 'running', 'waiting'].includes(execution.status))
					return execution;
				if (Date.now() > deadline)
					throw new Error(
						`execution ${executionId} still ${execution?.status} after ${timeoutMs} ms`,
					);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		},
	};
}

module.exports = { createSession, generatePassword };
