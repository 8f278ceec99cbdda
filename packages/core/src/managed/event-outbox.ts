import type { StorageLike } from '../config/resolved-config.js';
import type { WidgetEvent } from '../events/types.js';
import { parseJsonSafely } from '../transport/safe-json.js';
import { stringifyJson } from '../transport/stringify-json.js';

export interface EventBatch {
  readonly id: string;
  readonly events: readonly WidgetEvent[];
}

/** Unsent analytics batches in storage, oldest first. */
export interface EventOutbox {
  add(batch: EventBatch): void;
  remove(id: string): void;
  oldest(): EventBatch | undefined;
  /** The POST body of a batch: its id (the server counts a batch id once) and its events. */
  body(batch: EventBatch): string;
}

function isBatch(value: unknown): value is EventBatch {
  if (typeof value !== 'object' || value === null) return false;
  const batch = value as Partial<EventBatch>;
  return (
    typeof batch.id === 'string' &&
    Array.isArray(batch.events) &&
    batch.events.every((e) => typeof e === 'object' && e !== null && typeof e.type === 'string')
  );
}

/**
 * Every change reads storage again before writing it, so two tabs of one site sharing the
 * outbox do not drop each other's batches (a batch both send is counted once by its id).
 */
export function openOutbox(storage: StorageLike, key: string, maxBatches: number): EventOutbox {
  let warnedFull = false;

  const read = (): EventBatch[] => {
    try {
      const raw = storage.getItem(key);
      if (raw === null) return [];
      const parsed = parseJsonSafely(raw);
      return Array.isArray(parsed) ? parsed.filter(isBatch) : [];
    } catch {
      return [];
    }
  };

  // Where storage cannot be written (quota, blocked), the batches still go out from memory.
  let memory: EventBatch[] = read();
  let stored = true;
  const load = () => (stored ? read() : memory);
  const save = (batches: EventBatch[]) => {
    memory = batches;
    try {
      if (batches.length === 0) storage.removeItem(key);
      else storage.setItem(key, stringifyJson(batches));
      stored = true;
    } catch (error) {
      if (stored) console.warn('[cwp] Could not keep unsent analytics events in storage:', error);
      stored = false;
    }
  };

  return {
    add(batch) {
      const batches = [...load().filter((b) => b.id !== batch.id), batch];
      if (batches.length > maxBatches) {
        batches.splice(0, batches.length - maxBatches);
        if (!warnedFull) {
          warnedFull = true;
          console.warn(
            `[cwp] More than ${maxBatches} analytics batches are waiting to be sent; the oldest are dropped.`,
          );
        }
      }
      save(batches);
    },
    remove(id) {
      save(load().filter((b) => b.id !== id));
    },
    oldest: () => load()[0],
    body: (batch) => stringifyJson({ batchId: batch.id, events: batch.events }),
  };
}
