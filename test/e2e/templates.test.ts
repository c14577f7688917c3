// Every workflow template shipped in workflows/ imports, runs and answers as documented.
import * as path from 'path';
import { REPO_ROOT } from './support/harness';
import { describeWorkflows } from './support/describe-workflows';
import { templateCases } from './template-cases';
import { cases as claimToDownstreamCases } from './templates/18-claim-to-downstream.cases';

describeWorkflows(
	'workflow templates',
	path.join(REPO_ROOT, 'workflows'),
	{ ...templateCases, '18-claim-to-downstream.json': claimToDownstreamCases },
	'test/e2e/template-cases.ts',
);
