'use strict';
// Sample organization for demos and tests: token, organization and a few badge templates.

const SAMPLE_TOKEN = 'sim-credly-token';
const SAMPLE_ORGANIZATION_ID = '6f0c1d7e-0000-4000-8000-000000000001';

const SAMPLE_TEMPLATES = [
	{
		id: 'cfaf2910-ea5f-46f1-89a5-db525dad6e58',
		name: 'Intro to Programming',
		description: 'Completed the Intro to Programming course.',
		state: 'active',
	},
	{
		id: '3b9d6c1e-2f4a-4c8e-9a51-7d0e2b6f8a10',
		name: 'Data Safety Champion',
		description: 'Yearly data safety refresher.',
		state: 'active',
		allow_duplicate_badges: true,
	},
	{
		id: '8e2f4a6b-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
		name: 'Legacy Programming Badge',
		description: 'Retired template.',
		state: 'archived',
	},
	{
		id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
		name: 'Advanced Ethics (draft)',
		description: 'Not yet published.',
		state: 'draft',
	},
];

module.exports = { SAMPLE_TOKEN, SAMPLE_ORGANIZATION_ID, SAMPLE_TEMPLATES };
