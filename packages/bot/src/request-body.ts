import type { IncomingMessage } from 'node:http';

/** What the bot understood of a request body. */
export interface ParsedBody {
  /** What is recorded: the JSON value, the multipart fields (files as name/size/type), or raw text. */
  recorded: unknown;
  /** The chat fields, when the body is an object. */
  chat?: ChatFields;
  /** Set when the body could not be parsed as its content type says. */
  error?: string;
}

export interface ChatFields {
  action?: string;
  sessionId: string;
  chatInput: string;
  metadata?: unknown;
  files?: RecordedFile[];
}

export interface RecordedFile {
  field: string;
  name: string;
  size: number;
  type: string;
}

export const maxBodyBytes = 16 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new BodyTooLargeError(`body over ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function chatFields(value: unknown): ChatFields | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const fields: ChatFields = {
    sessionId: typeof record.sessionId === 'string' ? record.sessionId : '',
    chatInput: typeof record.chatInput === 'string' ? record.chatInput : '',
  };
  if (typeof record.action === 'string') fields.action = record.action;
  if (record.metadata !== undefined) fields.metadata = record.metadata;
  if (Array.isArray(record.files)) fields.files = record.files as RecordedFile[];
  return fields;
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function parseMultipart(contentType: string, bytes: Buffer): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Request('http://bot.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(bytes),
    }).formData();
  } catch {
    return { recorded: bytes.toString('utf8'), error: 'malformed multipart body' };
  }
  const fields: Record<string, unknown> = {};
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'metadata') {
        const parsed = parseJsonText(value);
        fields[field] = parsed.ok ? parsed.value : value;
      } else {
        fields[field] = value;
      }
    } else {
      files.push({ field, name: value.name, size: value.size, type: value.type });
    }
  }
  const recorded = { ...fields, files };
  return { recorded, chat: chatFields(recorded) };
}

export async function parseBody(req: IncomingMessage, bytes: Buffer): Promise<ParsedBody> {
  const contentType = req.headers['content-type'] ?? '';
  if (/^multipart\/form-data/i.test(contentType)) return parseMultipart(contentType, bytes);
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { recorded: null };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { recorded: text, error: 'body is not valid JSON' };
  return { recorded: parsed.value, chat: chatFields(parsed.value) };
}
