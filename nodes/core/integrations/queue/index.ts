export * from './n8n-env';
export * from './queue-mode';
export * from './redis-connection';
export * from './redis-rate-limiter';
export * from './redis-replay-store';
