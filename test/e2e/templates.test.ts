// Every workflow template shipped in workflows/ imports, runs and answers as documented. The
// expectations of each are in test/e2e/templates/<template>.cases.ts, found by name.
import * as path from 'path';
import { REPO_ROOT } from './support/harness';
import { casesFileFor, casesFromFolder } from './support/cases';
import { describeWorkflows } from './support/describe-workflows';

const CASES_DIR = path.join(__dirname, 'templates');

describeWorkflows(
	'workflow templates',
	path.join(REPO_ROOT, 'workflows'),
	casesFromFolder(CASES_DIR),
	(workflowFile) => `test/e2e/templates/${casesFileFor(workflowFile)}`,
);
