// Persistent state of the local demo instance: the owner login and the encryption key,
// created on first start and reused afterwards. Also a PID file so two starts never share
// one database.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { generatePassword } = require('./rest-session');

const STATE_FILE = 'demo-login.json';
const PID_FILE = 'n8n.pid';

function loadOrCreateState(demoDir) {
	fs.mkdirSync(demoDir, { recursive: true });
	const file = path.join(demoDir, STATE_FILE);
	if (fs.existsSync(file)) return { ...JSON.parse(fs.readFileSync(file, 'utf8')), created: false };
	const state = {
		email: 'demo@example.com',
		password: generatePassword(),
		encryptionKey: crypto.randomBytes(24).toString('hex'),
	};
	fs.writeFileSync(file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
	return { ...state, created: true };
}

// The PID of a demo n8n still running from this folder, if any.
function runningPid(demoDir) {
	try {
		const pid = Number(fs.readFileSync(path.join(demoDir, PID_FILE), 'utf8'));
		process.kill(pid, 0);
		return pid;
	} catch {
		return null;
	}
}

function writePid(demoDir, pid) {
	fs.writeFileSync(path.join(demoDir, PID_FILE), String(pid));
}

function clearPid(demoDir) {
	fs.rmSync(path.join(demoDir, PID_FILE), { force: true });
}

module.exports = { loadOrCreateState, runningPid, writePid, clearPid, STATE_FILE };
