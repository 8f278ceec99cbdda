import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StorageLike } from '../../config/resolved-config.js';
import type { WidgetErrorInfo } from '../../errors/widget-error.js';
import type { ChatMessage } from '../../types.js';
import { createMessageLog, type MessageLog } from '../message-log.js';
import { createMemoryStorage } from '../storage.js';

const key = 'cwp:test';
const logs: MessageLog[] = [];

afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

function openLog(storage: StorageLike = createMemoryStorage()): MessageLog {
  const log = createMessageLog({ key, storage, syncTabs: false });
  logs.push(log);
  return log;
}

/** What storage holds right now, without waiting for the throttle. */
function saved(storage: StorageLike) {
  const raw = storage.getItem(key);
  return raw === null ? null : JSON.parse(raw).context;
}

const rateLimited: WidgetErrorInfo = {
  kind: 'rate_limited',
  messageKey: 'error.rate_limited',
  message: 'Too many messages',
  detail: 'HTTP 429',
};

/** A log with one visitor question `q` out, sending. */
function withQuestion(storage?: StorageLike): MessageLog {
  const log = openLog(storage);
  log.send({ type: 'setDraft', text: 'hello' });
  log.send({ type: 'addUserMessage', id: 'q', text: 'hello', at: 1 });
  return log;
}

const statuses = (log: MessageLog) => log.context.messages.map((m) => `${m.id}:${m.status}`);

describe('the message log', () => {
  it('shows a sent message as sending, empties the composer and saves both at once', () => {
    const storage = createMemoryStorage();
    const log = withQuestion(storage);
    expect(log.context.messages).toEqual([
      { id: 'q', role: 'user', text: 'hello', status: 'sending', createdAt: 1 },
    ]);
    expect(log.context.draft).toBe('');
    expect(saved(storage).messages).toHaveLength(1);
    expect(saved(storage).draft).toBe('');
  });

  it('streams reply text into one bot message and marks the question delivered', () => {
    const log = withQuestion();
    log.send({ type: 'startBotReply', id: 'a', replyTo: 'q', text: 'Hel', at: 2 });
    log.send({ type: 'appendBotText', id: 'a', text: 'lo!' });
    expect(statuses(log)).toEqual(['q:done', 'a:streaming']);
    expect(log.context.messages[1]).toMatchObject({ role: 'bot', text: 'Hello!', replyTo: 'q' });
  });

  it('keeps streaming text for the storage throttle, but writes a finished reply at once', () => {
    const storage = createMemoryStorage();
    const log = withQuestion(storage);
    log.send({ type: 'startBotReply', id: 'a', replyTo: 'q', text: 'Hi', at: 2 });
    expect(saved(storage).messages).toHaveLength(1);
    log.send({ type: 'finishReply', replyTo: 'q' });
    expect(saved(storage).messages.map((m: { status: string }) => m.status)).toEqual([
      'done',
      'done',
    ]);
  });

  it('ends one reply block while a second block opens a second bot message', () => {
    const log = withQuestion();
    log.send({ type: 'startBotReply', id: 'a1', replyTo: 'q', text: 'One', at: 2 });
    log.send({ type: 'endBotReply', id: 'a1' });
    log.send({ type: 'startBotReply', id: 'a2', replyTo: 'q', text: 'Two', at: 3 });
    expect(statuses(log)).toEqual(['q:done', 'a1:done', 'a2:streaming']);
    log.send({ type: 'finishReply', replyTo: 'q' });
    expect(statuses(log)).toEqual(['q:done', 'a1:done', 'a2:done']);
  });

  it('marks the question failed, with the error, when the reply fails before any text', () => {
    const log = withQuestion();
    log.send({ type: 'failReply', replyTo: 'q', error: rateLimited });
    expect(statuses(log)).toEqual(['q:failed']);
    expect(log.context.messages[0]?.error).toEqual(rateLimited);
  });

  it('keeps the text of a reply that breaks off, marked incomplete with the error', () => {
    const log = withQuestion();
    log.send({ type: 'startBotReply', id: 'a', replyTo: 'q', text: 'Part', at: 2 });
    log.send({ type: 'failReply', replyTo: 'q', error: rateLimited });
    expect(statuses(log)).toEqual(['q:done', 'a:incomplete']);
    expect(log.context.messages[1]).toMatchObject({ text: 'Part', error: rateLimited });
    expect(log.context.messages[0]?.error).toBeUndefined();
  });

  it('keeps what streamed before a stop, marked incomplete', () => {
    const log = withQuestion();
    log.send({ type: 'startBotReply', id: 'a', replyTo: 'q', text: 'Part', at: 2 });
    log.send({ type: 'stopReply', replyTo: 'q', streamingId: 'a', placeholderId: 'p', at: 3 });
    expect(statuses(log)).toEqual(['q:done', 'a:incomplete']);
  });

  it('leaves an empty interrupted answer to retry from when stopped before any text', () => {
    const log = withQuestion();
    log.send({ type: 'stopReply', replyTo: 'q', streamingId: null, placeholderId: 'p', at: 3 });
    expect(statuses(log)).toEqual(['q:done', 'p:incomplete']);
    expect(log.context.messages[1]).toMatchObject({ role: 'bot', text: '', replyTo: 'q' });
  });

  it('resends a question at the end of the conversation, without its old answers or error', () => {
    const log = withQuestion();
    log.send({ type: 'failReply', replyTo: 'q', error: rateLimited });
    log.send({ type: 'addUserMessage', id: 'q2', text: 'later', at: 4 });
    log.send({ type: 'stopReply', replyTo: 'q2', streamingId: null, placeholderId: 'p', at: 5 });
    log.send({ type: 'resendMessage', id: 'q2', at: 6 });
    log.send({ type: 'resendMessage', id: 'q', at: 7 });
    expect(statuses(log)).toEqual(['q2:sending', 'q:sending']);
    expect(log.context.messages[1]).toMatchObject({ text: 'hello', createdAt: 7 });
    expect(log.context.messages[1]?.error).toBeUndefined();
  });

  it('lifts the Retry-After waits that are due and keeps the later ones', () => {
    const log = openLog();
    for (const [id, retryAt] of [
      ['soon', 100],
      ['later', 500],
    ] as const) {
      log.send({ type: 'addUserMessage', id, text: id, at: 1 });
      log.send({ type: 'failReply', replyTo: id, error: { ...rateLimited, retryAt } });
    }
    log.send({ type: 'endRetryWaits', dueBy: 200 });
    const [soon, later] = log.context.messages;
    expect(soon?.error).toEqual(rateLimited);
    expect(later?.error?.retryAt).toBe(500);
  });

  it("restores the bot's earlier conversation only into a log with none of its own", () => {
    const history: ChatMessage[] = [
      { id: 'h', role: 'bot', text: 'Welcome back', status: 'done', createdAt: 0 },
    ];
    const empty = openLog();
    empty.send({ type: 'restoreHistory', messages: history });
    expect(statuses(empty)).toEqual(['h:done']);
    const busy = withQuestion();
    busy.send({ type: 'restoreHistory', messages: history });
    expect(statuses(busy)).toEqual(['q:sending']);
  });

  it('forgets the conversation on a new session, keeping the draft and a dismissed tooltip', () => {
    const storage = createMemoryStorage();
    const log = withQuestion(storage);
    log.send({ type: 'startSession', sessionId: 's1' });
    log.send({ type: 'dismissTooltip' });
    log.send({ type: 'setDraft', text: 'half-typed' });
    log.send({ type: 'reset' });
    expect(log.context).toEqual({
      sessionId: null,
      messages: [],
      draft: 'half-typed',
      tooltipDismissed: true,
    });
    expect(saved(storage)).toEqual(log.context);
  });
  it("rereads storage when another tab announces a write on 'cwp-sync', as earlier widget versions do", async () => {
    const storage = createMemoryStorage();
    const log = createMessageLog({ key, storage, syncTabs: true });
    logs.push(log);
    storage.setItem(
      key,
      JSON.stringify({ context: { ...log.context, draft: 'from B' }, version: 1 }),
    );
    const otherTab = new BroadcastChannel('cwp-sync');
    otherTab.postMessage({ type: 'xstate-store-update', name: key });
    await vi.waitFor(() => expect(log.context.draft).toBe('from B'));
    otherTab.close();
  });
});
