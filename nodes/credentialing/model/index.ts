export * from './completion-event';
export * from './completion-rule-set';
export * from './decision';
