// Entry point of the n8n harness: pinned lines, installation and instance control.
'use strict';

module.exports = {
	...require('./lines'),
	...require('./install'),
	...require('./instance'),
	...require('./workflows'),
	...require('./package-install'),
	...require('./cli'),
	...require('./http'),
	...require('./ports'),
	...require('./queue'),
};
