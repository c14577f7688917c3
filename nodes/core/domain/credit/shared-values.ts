/**
 * Identical parts of many decisions (the same reasons, windows, data points) are stored once and
 * frozen. A conference run makes hundreds of thousands of decisions that differ mostly in the
 * attendee; sharing keeps them light for the garbage collector. Frozen parts are read-only:
 * copy a decision (e.g. through JSON) before changing it.
 *
 * Values are found by a path of keys (numbers, strings or objects by identity, compared as a Map
 * compares them) in a trie, so no key text is built on the hot path.
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

// Most trie nodes have one child or a handful (the same rule, a few durations): scanning a short
// list with === is several times faster than a Map lookup; wide nodes switch to a Map.
const SCAN_LIMIT = 8;
// SameValueZero, as a Map compares keys: NaN finds NaN.
const NAN_KEY = Symbol('NaN');

/** One shape for every node, so the walk stays monomorphic. */
class TrieNode<T> {
	value: T | undefined = undefined;
	keys: unknown[] | undefined = undefined;
	nodes: Array<TrieNode<T>> | undefined = undefined;
	map: Map<unknown, TrieNode<T>> | undefined = undefined;

	child(key: unknown): TrieNode<T> {
		if (key !== key) key = NAN_KEY;
		const keys = this.keys;
		if (keys !== undefined) {
			const nodes = this.nodes as Array<TrieNode<T>>;
			for (let i = 0; i < keys.length; i++) if (keys[i] === key) return nodes[i];
			const child = new TrieNode<T>();
			if (keys.length < SCAN_LIMIT) {
				keys.push(key);
				nodes.push(child);
			} else {
				this.map = new Map(keys.map((k, i) => [k, nodes[i]]));
				this.map.set(key, child);
				this.keys = this.nodes = undefined;
			}
			return child;
		}
		if (this.map !== undefined) {
			let child = this.map.get(key);
			if (child === undefined) this.map.set(key, (child = new TrieNode<T>()));
			return child;
		}
		const child = new TrieNode<T>();
		this.keys = [key];
		this.nodes = [child];
		return child;
	}
}

function freezeTwoLevels<T extends object>(value: T): T {
	for (const item of Object.values(value)) {
		if (typeof item === 'object' && item !== null) Object.freeze(item);
	}
	return Object.freeze(value);
}
