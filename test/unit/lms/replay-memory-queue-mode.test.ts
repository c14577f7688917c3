// In n8n queue mode a push trigger's replay memory (a file on one host, a copy in one process) is
// not shared by the other main or webhook processes: n8n's log says so once per trigger node, and
// deliveries go on as before (a warning, not a failure).
import { forgetReplayMemoryForTests } from '../../../nodes/kit/lms/replay-memory';
import { handleLmsWebhook } from '../../../nodes/kit/lms/webhook';
import { thinkific } from '../../simulators/lms/webhook-sender';
import { fixture } from './fixtures';
import { thinkificVerifier, useOwnN8nFolder, webhookContext } from './webhook-context';

const SECRET = 'queue-mode-test-secret';
const { json } = fixture('thinkific-enrollment-completed.json');
const payload = json.payload as { user: object };

/** The fixture's completion for another learner, so each delivery is a new completion. */
const completionOf = (learnerId: string) => ({
	...json,
	id: `delivery-${learnerId}`,
	payload: { ...payload, user: { ...payload.user, id: Number(learnerId) } },
});

useOwnN8nFolder('replay-queue-mode-');

const verifyThinkific = thinkificVerifier(SECRET);

const QUEUE_WARNING =
	/queue mode.*replay memory is per process.*Credential Ledger's Reserve .* stays the exactly-once guard/;

const savedMode = process.env.EXECUTIONS_MODE;
afterEach(() => {
	if (savedMode === undefined) delete process.env.EXECUTIONS_MODE;
	else process.env.EXECUTIONS_MODE = savedMode;
	forgetReplayMemoryForTests();
});

/** Delivers a new completion of `learnerId` to the trigger of `workflowId`; n8n answers 200. */
async function deliver(
	workflowId: string,
	learnerId: string,
	responseMode: string,
	warn: (message: string) => void,
) {
	const delivery = thinkific(completionOf(learnerId), { secret: SECRET });
	const { ctx, response } = webhookContext(delivery, { workflowId, responseMode, warn });
	const result = await handleLmsWebhook.call(ctx, verifyThinkific);
	response.answer(200);
	return result;
}

test.each(['onReceived', 'lastNode'])(
	'queue mode (Respond %s): one warning per trigger node, and the deliveries still start runs',
	async (responseMode) => {
		process.env.EXECUTIONS_MODE = 'queue';
		const warn = jest.fn();
		for (const id of ['1', '2', '3']) {
			const result = await deliver(`wf-a-${responseMode}`, id, responseMode, warn);
			expect(result.workflowData?.[0]).toHaveLength(1);
		}
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(QUEUE_WARNING));
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Thinkific Trigger: /));

		await deliver(`wf-b-${responseMode}`, '4', responseMode, warn);
		expect(warn).toHaveBeenCalledTimes(2);
	},
);

test('regular mode: no warning', async () => {
	process.env.EXECUTIONS_MODE = 'regular';
	const warn = jest.fn();
	await deliver('wf-regular', '1', 'onReceived', warn);
	await deliver('wf-regular', '2', 'lastNode', warn);
	expect(warn).not.toHaveBeenCalled();
});
