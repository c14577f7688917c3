'use strict';
// Sample account for demos and tests: the key, the issuer and a few groups.

const SAMPLE_API_KEY = 'sim-accredible-key';

const SAMPLE_ISSUER = {
	id: 4897,
	name: 'Example Academy (simulated)',
	email: 'credentials@example.test',
	certificate_left: 10000,
	language: 'en',
	url: 'https://academy.example.test',
	spiderable: true,
	whitelisted_domain: 'https://academy.example.test/',
	linkedin_company_id: null,
	linkedin_school_id: null,
};

/** allow_duplicate_credentials defaults to false, as in Accredible. */
const SAMPLE_GROUPS = [
	{
		id: 12472,
		name: 'intro-programming',
		course_name: 'Intro to Programming',
		course_description: 'Foundations of programming.',
	},
	{
		id: 12473,
		name: 'data-safety-annual',
		course_name: 'Data Safety Refresher',
		course_description: 'Yearly refresher.',
		allow_duplicate_credentials: true,
	},
	{
		id: 12474,
		name: 'ethics-cpe-2025',
		course_name: 'Professional Ethics (4 CPE)',
		course_description: 'Ethics for accountants.',
	},
];

const SAMPLE_ATTRIBUTE_KEYS = [
	{ id: 1, name: 'Location', kind: 'text', department_id: null },
	{ id: 2, name: 'Completion date', kind: 'date', department_id: null },
	{ id: 3, name: 'CPE credits', kind: 'text', department_id: null },
];

module.exports = { SAMPLE_API_KEY, SAMPLE_ISSUER, SAMPLE_GROUPS, SAMPLE_ATTRIBUTE_KEYS };
