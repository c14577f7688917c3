/**
 * Identical parts of many decisions (the same reasons, windows, data points) are stored once and
 * frozen. A conference run makes hundreds of thousands of decisions that differ mostly in the
 * attendee; sharing keeps them light for the garbage collector. Frozen parts are read-only:
 * copy a decision (e.g. through JSON) before changing it.
 *
 * Values are found by a path of keys (numbers, strings or objects by identity) in nested maps,
 * so no key text is built on the hot path.
 */
export class SharedValues<T extends object> {
	private root: TrieNode<T> = {};
	private size = 0;

	constructor(private readonly limit = 200_000) {}

	/** The value stored under `keys`, or `make()` frozen (two levels deep) and stored. */
	share(keys: readonly unknown[], make: () => T): T {
		let node = this.root;
		for (const key of keys) {
			node.next ??= new Map();
			let child = node.next.get(key);
			if (!child) node.next.set(key, (child = {}));
			node = child;
		}
		if (node.value === undefined) {
			if (++this.size > this.limit) {
				this.root = {};
				this.size = 0;
			}
			node.value = freezeTwoLevels(make());
		}
		return node.value;
	}
}

interface TrieNode<T> {
	value?: T;
	next?: Map<unknown, TrieNode<T>>;
}

function freezeTwoLevels<T extends object>(value: T): T {
	for (const item of Object.values(value)) {
		if (typeof item === 'object' && item !== null) Object.freeze(item);
	}
	return Object.freeze(value);
}
