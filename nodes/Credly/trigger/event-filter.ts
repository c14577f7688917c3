/**
 * Credly sends one event type for accept, reject and revoke (badge.state.changed); the trigger
 * names them after the new state, so a workflow can listen to "badge accepted" alone.
 */
export const CREDLY_TRIGGER_EVENTS = [
	{ name: 'Any Event', value: '*', description: 'Every event Credly sends' },
	{
		name: 'Badge Accepted (Claimed)',
		value: 'badge.accepted',
		description: 'The earner accepted the badge',
	},
	{ name: 'Badge Deleted', value: 'badge.deleted' },
	{
		name: 'Badge Issued',
		value: 'badge.created',
		description: 'A badge was issued (through the API or in Credly)',
	},
	{ name: 'Badge Rejected', value: 'badge.rejected', description: 'The earner declined the badge' },
	{ name: 'Badge Revoked', value: 'badge.revoked' },
	{
		name: 'Other Badge State Change',
		value: 'badge.state.changed',
		description: 'Any other state change, e.g. expired',
	},
	{ name: 'Badge Template Changed', value: 'badge_template.changed' },
] as const;

const NAMED_STATES = new Set(['accepted', 'rejected', 'revoked']);

/** The trigger's name for a verified event: badge.accepted for a state change to accepted. */
export function triggerEventName(eventType: string, badgeState: unknown): string {
	if (
		eventType === 'badge.state.changed' &&
		typeof badgeState === 'string' &&
		NAMED_STATES.has(badgeState)
	) {
		return `badge.${badgeState}`;
	}
	return eventType;
}

export function isWanted(selected: readonly string[], name: string): boolean {
	return selected.includes('*') || selected.includes(name);
}
