// jest takes `testTimeout` only from the root configuration, not from a project, so each
// layer sets its own here (hooks included: loading n8n in a beforeAll can take tens of
// seconds on a loaded machine). The layer is the folder under test/.
const path = require('path');

const TIMEOUTS = { unit: 30_000, nodes: 120_000, e2e: 600_000 };
const layer = path
	.relative(path.join(__dirname, '..'), expect.getState().testPath)
	.split(path.sep)[0];
jest.setTimeout(TIMEOUTS[layer] ?? 30_000);
