import type { AnyActorRef } from 'xstate';

interface SchedulerSnapshot {
  _snapshot?: { _scheduledEvents?: Record<string, unknown> };
}

const withoutPrototype = (events: Record<string, unknown>) =>
  Object.assign(Object.create(null) as Record<string, unknown>, events);

/**
 * Starts a root actor on a page that may have added enumerable properties to Object.prototype.
 * XState's system walks its table of delayed events with for…in, on start and when an actor
 * stops, and would take `Object.prototype.polluted` for a scheduled event (start throws
 * "Cannot read properties of undefined (reading 'sessionId')"). The table is given no prototype
 * before and after start (start replaces it with a fresh `{}`). A workaround for XState 5's
 * internals: where they differ, the actor starts as usual.
 */
export function startActor(actor: AnyActorRef): void {
  const system = actor.system as SchedulerSnapshot;
  const table = system._snapshot;
  if (table && typeof table._scheduledEvents === 'object' && table._scheduledEvents !== null) {
    table._scheduledEvents = withoutPrototype(table._scheduledEvents);
  }
  actor.start();
  if (table && typeof table._scheduledEvents === 'object' && table._scheduledEvents !== null) {
    table._scheduledEvents = withoutPrototype(table._scheduledEvents);
  }
}
