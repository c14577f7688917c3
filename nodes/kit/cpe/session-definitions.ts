import type { ParsedSchedule } from '../../core/domain/attendance';
import type { Session } from '../../core/domain/model';

/**
 * Each session as a self-contained definition (its zone and policy filled in from the schedule),
 * so a timeline item says everything the credit node needs about its session.
 */
export function sessionDefinitions(schedule: ParsedSchedule) {
	const byId = new Map<string, Session>();
	const programs = new Map<string, Session[]>();
	for (const scheduled of schedule.sessions.values()) {
		const creditPolicy = scheduled.session.creditPolicy ?? schedule.schedule.defaultPolicy;
		const definition: Session = {
			...scheduled.session,
			timezone: scheduled.zone,
			...(creditPolicy ? { creditPolicy } : {}),
		};
		byId.set(scheduled.id, definition);
		if (definition.programId) {
			const list = programs.get(definition.programId);
			if (list) list.push(definition);
			else programs.set(definition.programId, [definition]);
		}
	}
	return {
		all: () => [...byId.values()],
		of: (id: string) => byId.get(id) as Session,
		program: (programId: string) => programs.get(programId) ?? [],
	};
}
