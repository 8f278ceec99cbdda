import { fromPromise } from 'xstate';
import type { Transport } from '../transport/types.js';
import type { ChatMessage } from '../types.js';

/** Loads an earlier conversation from the bot (n8n's loadPreviousSession). */
export const historyActor = fromPromise<ChatMessage[], { transport: Transport; sessionId: string }>(
  async ({ input, signal }) => {
    const history = (await input.transport.loadHistory?.(input.sessionId, { signal })) ?? [];
    const base = Date.now() - history.length;
    return history.map((m, i) => ({
      id: `history-${i}-${input.sessionId.slice(0, 8)}`,
      role: m.role,
      text: m.text,
      status: 'done',
      createdAt: base + i,
    }));
  },
);
