import { OPEN_BADGE_PLATFORM, type LedgerEntry } from '../ledger';
import type { IssuerKey } from './issuer-key';
import { STATUS_LIST_LENGTH, type StatusSlot } from './status-list';
import { KeyedPermutation, permutationId } from './status-positions';

/** Badges recorded before positions were scrambled: bit = ledger position, in issue order. */
export const ISSUE_ORDER_LAYOUT = 'issue-order';

/** Where an `issued` Open Badge entry put its bit, and how; undefined for other entries. */
export function placementOf(entry: LedgerEntry): { slot: StatusSlot; layout: string } | undefined {
	if (entry.type !== 'issued' || entry.payload.platform !== OPEN_BADGE_PLATFORM) return undefined;
	const attributes = (entry.payload.attributes ?? {}) as Record<string, unknown>;
	const { statusList, statusListIndex, statusLayout, statusPosition } = attributes;
	if (typeof statusList === 'number' && typeof statusListIndex === 'number')
		return { slot: { list: statusList, index: statusListIndex }, layout: String(statusLayout) };
	if (typeof statusPosition !== 'number') return undefined;
	return {
		slot: {
			list: Math.floor(statusPosition / STATUS_LIST_LENGTH),
			index: statusPosition % STATUS_LIST_LENGTH,
		},
		layout: ISSUE_ORDER_LAYOUT,
	};
}

/**
 * Turns the position the ledger allocated (exactly once, in issue order) into a list and a
 * scrambled index: each list's slots are permuted with a secret derived from the issuer key.
 *
 * Migration: every issued entry records its list, index and layout, and status lists are folded
 * from those records, so badges already out keep their bits. Lists that hold badges placed
 * another way (in issue order, or under an earlier issuer key) are closed to the current layout:
 * it starts at the list after the last of them, so a scrambled index can never land on a bit
 * that is already taken. The first list is read from the ledger up to the layout's first badge,
 * and never changes after it.
 */
export class StatusLayout {
	readonly id: string;
	private readonly secret: Buffer;
	private readonly permutations = new Map<number, KeyedPermutation>();
	private firstList?: Promise<number>;

	constructor(
		private readonly entries: () => AsyncIterable<LedgerEntry>,
		key: Pick<IssuerKey, 'deriveSecret'>,
	) {
		this.secret = key.deriveSecret('open-badges/status-list-positions/v1');
		this.id = permutationId(this.secret);
	}

	async slotFor(position: number): Promise<StatusSlot> {
		this.firstList ??= this.readFirstList();
		const list = (await this.firstList) + Math.floor(position / STATUS_LIST_LENGTH);
		return { list, index: this.permutation(list).apply(position % STATUS_LIST_LENGTH) };
	}

	/** What the issued entry records so the bit can be found again whatever the key. */
	attributesFor(slot: StatusSlot): Record<string, unknown> {
		return { statusList: slot.list, statusListIndex: slot.index, statusLayout: this.id };
	}

	private permutation(list: number): KeyedPermutation {
		let permutation = this.permutations.get(list);
		if (!permutation) {
			permutation = new KeyedPermutation(this.secret, `list-${list}`, STATUS_LIST_LENGTH);
			this.permutations.set(list, permutation);
		}
		return permutation;
	}

	private async readFirstList(): Promise<number> {
		let first = 0;
		for await (const entry of this.entries()) {
			const placed = placementOf(entry);
			if (placed === undefined) continue;
			if (placed.layout === this.id) break;
			first = Math.max(first, placed.slot.list + 1);
		}
		return first;
	}
}
