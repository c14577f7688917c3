'use strict';
// Deterministic ids, so runs and demos are repeatable: a seeded generator per simulator.

/** mulberry32: small, fast, good enough for ids and fault dice. @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** @param {number} seed */
function idGenerator(seed) {
	const random = prng(seed);
	const hex = (n) =>
		Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
	let ulidTime = Date.UTC(2025, 0, 1);
	return {
		random,
		/** UUID v4 shape (Credly ids, Certifier publicId). */
		uuid() {
			const variant = '89ab'[Math.floor(random() * 4)];
			return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
		},
		/** 26 lowercase Crockford characters, time-ordered like a ULID (Certifier ids). */
		ulid() {
			ulidTime += 1 + Math.floor(random() * 1000);
			let time = '';
			for (let t = ulidTime, i = 0; i < 10; i++, t = Math.floor(t / 32))
				time = CROCKFORD[t % 32] + time;
			const rest = Array.from({ length: 16 }, () => CROCKFORD[Math.floor(random() * 32)]).join('');
			return time + rest;
		},
	};
}

module.exports = { prng, idGenerator };
