// Peak resident memory of a process and all its descendants (n8n 2.x runs its task runner as a
// child process), sampled from /proc while a measurement runs. Linux only, as CI is.
const fs = require('node:fs');

/** Parent pid of every running process. */
function parents() {
	const parentOf = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// Fields after the parenthesised command name: state, ppid, ...
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			parentOf.set(Number(entry), Number(fields[1]));
		} catch {
			// exited while we looked
		}
	}
	return parentOf;
}

/** Resident KiB of `pid` and everything it started, now. */
function treeRssKib(pid) {
	const parentOf = parents();
	const tree = new Set([pid]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [child, parent] of parentOf) {
			if (tree.has(parent) && !tree.has(child)) {
				tree.add(child);
				grew = true;
			}
		}
	}
	let kib = 0;
	for (const member of tree) {
		try {
			const status = fs.readFileSync(`/proc/${member}/status`, 'utf8');
			kib += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
		} catch {
			// exited while we looked
		}
	}
	return kib;
}

/** Samples the tree every `everyMs` until stop(), which returns the peak in MiB. */
function samplePeakRss(pid, everyMs = 200) {
	let peak = treeRssKib(pid);
	const timer = setInterval(() => {
		peak = Math.max(peak, treeRssKib(pid));
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			peak = Math.max(peak, treeRssKib(pid));
			return peak / 1024;
		},
	};
}

module.exports = { samplePeakRss, treeRssKib };
