import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

import { keyParameter } from '../../../nodes/CredentialLedger/actions/credential/key.property';

/** A context whose Idempotency Key is `raw`; what n8n would evaluate is recorded. */
function contextWith(raw: string, json: Record<string, unknown>) {
	const evaluated: string[] = [];
	const context = {
		getInputData: () => [{ json }],
		getNodeParameter: (
			name: string,
			_itemIndex: number,
			_fallback: unknown,
			options?: IGetNodeParameterOptions,
		) => {
			if (options?.rawExpressions) return raw;
			evaluated.push(name);
			return raw.startsWith('=') ? null : raw;
		},
	} as unknown as IExecuteFunctions;
	return { context, evaluated };
}

describe('keyParameter', () => {
	it("reads the default mapping from the item's ledger result without n8n's sandbox", () => {
		const { context, evaluated } = contextWith('={{ $json.ledger.key }}', {
			ledger: { key: 'ae_0123abcd' },
		});
		expect(keyParameter.call(context, 0)).toBe('ae_0123abcd');
		expect(evaluated).toEqual([]);
	});

	it('leaves a key the item lacks to n8n, and its nothing becomes ""', () => {
		const { context, evaluated } = contextWith('={{ $json.ledger.key }}', { ledger: {} });
		expect(keyParameter.call(context, 0)).toBe('');
		expect(evaluated).toEqual(['idempotencyKey']);
	});

	it('takes a typed key as it is', () => {
		const { context } = contextWith('ik_typed', {});
		expect(keyParameter.call(context, 0)).toBe('ik_typed');
	});
});
