import { maxChatInputLength } from '../protocol.js';
import { typeAllowed, type UploadRules } from '../proxy/upload-rules.js';

/** What the browser may send over a response-node socket. */
export type VisitorFrame =
  | { readonly kind: 'ack' }
  | {
      readonly kind: 'message';
      readonly json: string;
      readonly text: string;
      readonly files: number;
    }
  | { readonly kind: 'bad'; readonly reason: string };

const heartbeatAck = 'n8n|heartbeat-ack';
const dataUrl = /^data:[^,]*;base64,([A-Za-z0-9+/]*={0,2})$/;

/**
 * Files over the socket are `[{ name, type, data }]`, data a base64 data URL (as @n8n/chat sends
 * them), held to the widget's upload rules like files posted to /chat.
 */
function filesProblem(files: unknown, rules: UploadRules | null): string | null {
  if (!Array.isArray(files)) return 'files must be an array';
  if (files.length === 0) return null;
  if (rules === null) return 'this widget does not accept files';
  if (files.length > rules.maxFiles) return `at most ${rules.maxFiles} files per message`;
  for (const file of files as Record<string, unknown>[]) {
    const { name, type, data } = file ?? {};
    if (typeof name !== 'string' || typeof type !== 'string' || typeof data !== 'string')
      return 'each file must be { name, type, data }';
    const base64 = dataUrl.exec(data)?.[1];
    if (base64 === undefined) return `"${name}" must be a base64 data URL`;
    if (!typeAllowed(rules, name, type)) return `"${name}" is not a file type this widget accepts`;
    if (Math.floor((base64.length * 3) / 4) > rules.maxFileSize)
      return `"${name}" is larger than ${rules.maxFileSize} bytes`;
  }
  return null;
}

/**
 * Reads one frame from the browser: a heartbeat ack, or the visitor's message as n8n expects it
 * (`{sessionId, action: 'sendMessage', chatInput, files?}`), re-serialised with only those keys
 * and only for the session the socket is bound to.
 */
export function readVisitorFrame(
  text: string,
  sessionId: string,
  uploads: UploadRules | null = null,
): VisitorFrame {
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
  const list = message.files ?? [];
  const problem = filesProblem(list, uploads);
  if (problem !== null) return { kind: 'bad', reason: problem };
  const files = (list as unknown[]).length > 0 ? { files: list } : {};
  return {
    kind: 'message',
    text: input,
    json: JSON.stringify({ sessionId, action: 'sendMessage', chatInput: input, ...files }),
    files: (list as unknown[]).length,
  };
}
