import { isPlainObject } from '../safe-json.js';

/**
 * The execution id of a Chat Trigger in response-nodes mode, which answers the first message with
 * `{"executionStarted":true,"executionId":"…"}` and continues over its websocket.
 */
export function executionStartedId(json: unknown): string | undefined {
  if (!isPlainObject(json) || json.executionStarted !== true) return undefined;
  const id = json.executionId;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return typeof id === 'string' && id !== '' ? id : undefined;
}
