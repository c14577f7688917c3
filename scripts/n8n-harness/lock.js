// A cross-process lock made of a folder holding the owner's PID, so two runs never install
// into the same cache folder at once. A lock left by a dead process is taken over.
'use strict';

const fs = require('fs');
const path = require('path');

function ownerAlive(lockDir) {
	try {
		const pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
		if (!pid) return false;
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

async function withLock(lockDir, fn, log = () => {}) {
	let waitingSaid = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			// A just-created lock may not have its pid file yet: give it a moment.
			const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
			if (!ownerAlive(lockDir) && age > 5000) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!waitingSaid)
				log(`waiting for another process installing into ${path.basename(lockDir, '.lock')}`);
			waitingSaid = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

module.exports = { withLock };
