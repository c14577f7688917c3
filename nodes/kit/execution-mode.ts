/**
 * Whether this n8n runs in queue mode (EXECUTIONS_MODE=queue, or the file EXECUTIONS_MODE_FILE
 * names), read where n8n itself reads it: n8n keeps the setting in its own config, which no
 * execution context function returns on either 1.x or 2.x. The reading lives with the rest of
 * n8n's settings the pack reads (the queue's Redis), in nodes/core/integrations/queue.
 */
export { isQueueMode } from '../core/integrations/queue/n8n-env';
