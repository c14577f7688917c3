// Every workflow template shipped in workflows/ imports, runs and answers as documented.
import * as path from 'path';
import { REPO_ROOT } from './support/harness';
import { describeWorkflows } from './support/describe-workflows';
import { claimTemplateCases } from './claim-downstream.cases';
import { templateCases } from './template-cases';

describeWorkflows(
	'workflow templates',
	path.join(REPO_ROOT, 'workflows'),
	{ ...templateCases, ...claimTemplateCases },
	'test/e2e/template-cases.ts',
);
