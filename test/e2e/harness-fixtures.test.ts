// The harness itself: a Manual Trigger workflow executes and a webhook workflow answers on
// its production URL, in a real n8n with our package installed.
import * as path from 'path';
import { describeWorkflows } from './support/describe-workflows';
import { fixtureCases } from './fixtures/fixture-cases';

describeWorkflows(
	'harness fixtures',
	path.join(__dirname, 'fixtures'),
	fixtureCases,
	'test/e2e/fixtures/fixture-cases.ts',
);
