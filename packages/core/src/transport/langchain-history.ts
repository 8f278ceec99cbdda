import { isPlainObject, ownString } from './safe-json.js';
import type { HistoryMessage } from './types.js';

/**
 * Maps n8n's `loadPreviousSession` answer (`{ data: [...] }`, LangChain's serialised messages)
 * to history. Messages other than human and AI ones (system, tool) are left out.
 * Returns `undefined` when the answer does not have that shape at all.
 */
export function historyFromLangChain(json: unknown): HistoryMessage[] | undefined {
  if (!isPlainObject(json) || !Object.hasOwn(json, 'data') || !Array.isArray(json.data)) {
    return undefined;
  }
  const messages: HistoryMessage[] = [];
  for (const entry of json.data) {
    if (!isPlainObject(entry)) continue;
    const role = roleOf(entry);
    const kwargs = Object.hasOwn(entry, 'kwargs') ? entry.kwargs : undefined;
    if (role === undefined || !isPlainObject(kwargs)) continue;
    const text = contentText(Object.hasOwn(kwargs, 'content') ? kwargs.content : undefined);
    if (text !== '') messages.push({ role, text });
  }
  return messages;
}

function roleOf(entry: Record<string, unknown>): HistoryMessage['role'] | undefined {
  const id = Object.hasOwn(entry, 'id') ? entry.id : undefined;
  const name = Array.isArray(id) ? id[id.length - 1] : undefined;
  if (name === 'HumanMessage' || name === 'HumanMessageChunk') return 'user';
  if (name === 'AIMessage' || name === 'AIMessageChunk') return 'bot';
  return undefined;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isPlainObject(part) && ownString(part, 'type') === 'text')
      text += ownString(part, 'text') ?? '';
  }
  return text;
}
