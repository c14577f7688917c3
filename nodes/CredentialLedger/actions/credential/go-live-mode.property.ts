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
