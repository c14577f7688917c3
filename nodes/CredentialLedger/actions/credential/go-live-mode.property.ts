import type { INodeProperties } from 'n8n-workflow';

/** The run's go-live mode, written on the entry so reports can tell the four weeks apart. */
export const goLiveModeOption: INodeProperties = {
	displayName: 'Go-Live Mode',
	name: 'goLiveMode',
	type: 'string',
	default: '',
	placeholder: "={{ $('Settings').first().json.goLiveMode }}",
	description:
		'Shadow, assisted, monitored or full: recorded on the entry (field goLiveMode). Empty records none.',
};

/**
 * Recorded beside the mode on a decision, so the operations queue (List Due Retries) applies the
 * issuing workflow's N and rate: the setting lives in one Settings node.
 */
export const goLiveSamplingOptions: INodeProperties[] = [
	{
		displayName: 'Go-Live: Assisted First N',
		name: 'assistedFirstN',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 50,
		placeholder: "={{ $('Settings').first().json.assistedFirstN }}",
		description:
			'Recorded with the Go-Live Mode (field assistedFirstN): how many issuances an assisted week sends to the review queue. List Due Retries hands it to the operations queue.',
	},
	{
		displayName: 'Go-Live: Monitored Sample Rate (%)',
		name: 'monitoredSampleRate',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 10,
		placeholder: "={{ $('Settings').first().json.monitoredSampleRate }}",
		description:
			'Recorded with the Go-Live Mode (field monitoredSampleRate): the share of issuances a monitored week sends to the spot-check list. List Due Retries hands it to the operations queue.',
	},
];
