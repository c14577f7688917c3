'use strict';
// The mail sink, as test/simulators/discover.js finds it: its own default ports (SMTP 5725,
// control 5726), base URLs `mail` (control) and `smtp`.

const { start, MAIL_USER, MAIL_PASSWORD } = require('./index');

module.exports = {
	name: 'mail',
	kind: 'mail',
	start,
	demoCredentials: (urls) =>
		['Conference mail (SMTP)', 'Operations mail (SMTP)'].map((name) => ({
			// The mail sink speaks plain SMTP only: no TLS and no STARTTLS upgrade.
			name,
			type: 'smtp',
			data: {
				user: MAIL_USER,
				password: MAIL_PASSWORD,
				host: new URL(urls.smtp).hostname,
				port: Number(new URL(urls.smtp).port),
				secure: false,
				disableStartTls: true,
				hostName: '',
			},
		})),
};
