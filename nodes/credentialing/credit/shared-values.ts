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
	private root = new TrieNode<T>();
	private size = 0;

	constructor(private readonly limit = 200_000) {}

	/** The value stored under `keys`, or `make()` frozen (two levels deep) and stored. */
	share(keys: readonly unknown[], make: () => T): T {
		let node = this.root;
		for (let i = 0; i < keys.length; i++) node = node.child(keys[i]);
		return node.value ?? this.store(node, make);
	}

	/** share([first, ...keys], make) without building that array. */
	shareUnder(first: unknown, keys: readonly unknown[], make: () => T): T {
		let node = this.root.child(first);
		for (let i = 0; i < keys.length; i++) node = node.child(keys[i]);
		return node.value ?? this.store(node, make);
	}

	private store(node: TrieNode<T>, make: () => T): T {
		if (++this.size > this.limit) {
			// Too many distinct values: start afresh (the value made now is still returned).
			this.root = new TrieNode<T>();
			this.size = 0;
		}
		return (node.value = freezeTwoLevels(make()));
	}
}

/** One shape for every node, so the walk stays monomorphic. */
class TrieNode<T> {
	value: T | undefined = undefined;
	next: Map<unknown, TrieNode<T>> | undefined = undefined;

	child(key: unknown): TrieNode<T> {
		let next = this.next;
		if (next === undefined) this.next = next = new Map();
		let child = next.get(key);
		if (child === undefined) next.set(key, (child = new TrieNode<T>()));
		return child;
	}
}

function freezeTwoLevels<T extends object>(value: T): T {
	for (const item of Object.values(value)) {
		if (typeof item === 'object' && item !== null) Object.freeze(item);
	}
	return Object.freeze(value);
}
