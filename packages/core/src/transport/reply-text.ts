import { isPlainObject, ownString } from './safe-json.js';

/**
 * Turns a whole JSON reply into the texts of its replies, or `undefined` when it holds none.
 * One text per reply; most bots send one.
 */
export type ReplyTextReader = (json: unknown) => readonly string[] | undefined;

/** Where n8n puts a whole reply's text, in order of preference. */
export const n8nTextKeys = ['output', 'text', 'message'] as const;

/**
 * Reads `output`, else `text`, else `message` (own string properties only). Also accepts an
 * array of such objects, as n8n answers when a workflow returns items: one reply per item.
 */
export function textReader(keys: readonly string[]): ReplyTextReader {
  const fromObject = (value: unknown): string | undefined => {
    if (!isPlainObject(value)) return undefined;
    for (const key of keys) {
      const text = ownString(value, key);
      if (text !== undefined) return text;
    }
    return undefined;
  };
  return (json) => {
    if (Array.isArray(json)) {
      if (json.length === 0) return undefined;
      const texts = json.map(fromObject);
      return texts.every((text) => text !== undefined) ? (texts as string[]) : undefined;
    }
    const text = fromObject(json);
    return text === undefined ? undefined : [text];
  };
}

export const readN8nText: ReplyTextReader = textReader(n8nTextKeys);
