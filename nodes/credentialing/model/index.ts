export * from './completion-event';
export * from './completion-rule-set';
export * from './decision';
export * from './decimal-text';
export * from './schedule';
export * from './attendance';
export * from './credit-policy';
export * from './credit-decision';
