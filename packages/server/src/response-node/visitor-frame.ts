import { maxChatInputLength } from '../protocol.js';

/** What the browser may send over a response-node socket. */
export type VisitorFrame =
  | { readonly kind: 'ack' }
  | { readonly kind: 'message'; readonly json: string; readonly text: string }
  | { readonly kind: 'bad'; readonly reason: string };

const heartbeatAck = 'n8n|heartbeat-ack';

/**
 * Reads one frame from the browser: a heartbeat ack, or the visitor's message as n8n expects it
 * (`{sessionId, action: 'sendMessage', chatInput, files?}`), re-serialised with only those keys
 * and only for the session the socket is bound to.
 */
export function readVisitorFrame(text: string, sessionId: string): VisitorFrame {
  if (text === heartbeatAck) return { kind: 'ack' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'bad', reason: 'not a JSON object' };
  const message = value as Record<string, unknown>;
  if (message.action !== 'sendMessage')
    return { kind: 'bad', reason: 'action must be sendMessage' };
  if (message.sessionId !== sessionId) return { kind: 'bad', reason: 'another session' };
  const input = message.chatInput;
  if (typeof input !== 'string' || input.length > maxChatInputLength)
    return { kind: 'bad', reason: `chatInput must be a string of at most ${maxChatInputLength}` };
  const files = Array.isArray(message.files) ? { files: message.files } : {};
  return {
    kind: 'message',
    text: input,
    json: JSON.stringify({ sessionId, action: 'sendMessage', chatInput: input, ...files }),
  };
}
