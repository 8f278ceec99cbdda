import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One hostile or broken bot reply (a copy of the project's shared hostile/replies.json). `text` is the
 * reply text, already expanded for the repeated cases; `raw` is a whole response body instead.
 */
export interface HostileReply {
  readonly id: string;
  readonly text?: string;
  readonly raw?: string;
}

interface StoredCase {
  id: string;
  text?: string;
  raw?: string;
  repeat?: { unit: string; times: number; suffix?: string };
}

const stored = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/hostile-replies.json'), 'utf8'),
) as { cases: StoredCase[] };

export const hostileReplies: readonly HostileReply[] = stored.cases.map((c) =>
  c.repeat
    ? { id: c.id, text: c.repeat.unit.repeat(c.repeat.times) + (c.repeat.suffix ?? '') }
    : {
        id: c.id,
        ...(c.text === undefined ? {} : { text: c.text }),
        ...(c.raw === undefined ? {} : { raw: c.raw }),
      },
);
