import type { ConfigIssue } from './config-error.js';
import { unknownKeyIssue } from './config-hints.js';

/** The parts of a valibot schema this walk reads; everything else is a leaf. */
interface SchemaNode {
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly wrapped?: SchemaNode;
  readonly options?: readonly SchemaNode[];
  readonly item?: SchemaNode;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every key the strict object schemas do not know, all of them at once: valibot stops at the
 * first unknown key of an object, and a config with three typos should say so in one error.
 */
export function unknownKeys(schema: object, value: unknown, path = ''): ConfigIssue[] {
  return walk(schema as SchemaNode, value, path);
}

function walk(schema: SchemaNode, value: unknown, path: string): ConfigIssue[] {
  if (schema.type === 'optional' && schema.wrapped) return walk(schema.wrapped, value, path);
  if (schema.type === 'union' && schema.options) {
    const objectOption = schema.options.find((option) => option.type === 'strict_object');
    return objectOption && isRecord(value) ? walk(objectOption, value, path) : [];
  }
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    const item = schema.item;
    return value.flatMap((element, index) => walk(item, element, `${path}.${index}`));
  }
  if (schema.type !== 'strict_object' || !schema.entries || !isRecord(value)) return [];
  const entries = schema.entries;
  const known = Object.keys(entries);
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(value)) {
    const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
    if (entry === undefined) issues.push(unknownKeyIssue(path, key, known));
    else issues.push(...walk(entry, value[key], path ? `${path}.${key}` : key));
  }
  return issues;
}
