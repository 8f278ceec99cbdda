/** Who started an execution of a Chat Trigger in response-nodes mode. */
export interface ExecutionOwner {
  readonly sessionId: string;
  /** The verified identity (`sub`) that started it, if any. */
  readonly sub: string | null;
}

interface Entry extends ExecutionOwner {
  expiresAt: number;
}

export interface ExecutionRegistryOptions {
  /** How long an execution stays joinable after its start or last socket, ms (default 1 h). */
  readonly ttlMs?: number;
  /** Most executions remembered; the oldest go first (default 100 000). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * n8n lets any socket that knows an execution id drive it. The proxy remembers which session
 * (and identity) started each execution, and lets only that one open its socket.
 * Kept in memory: behind a load balancer, a widget's socket must reach the instance that proxied
 * its `/chat` (sticky sessions), or it is refused.
 */
export class ExecutionRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: ExecutionRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  /** The proxied `/chat` answered `executionStarted`. */
  started(widgetId: string, executionId: string, owner: ExecutionOwner): void {
    const key = keyOf(widgetId, executionId);
    this.entries.delete(key);
    this.entries.set(key, { ...owner, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** The owner of a live execution, its lease renewed; undefined for an unknown or expired one. */
  owner(widgetId: string, executionId: string): ExecutionOwner | undefined {
    const key = keyOf(widgetId, executionId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    entry.expiresAt = this.now() + this.ttlMs;
    return { sessionId: entry.sessionId, sub: entry.sub };
  }

  /** The execution ended (n8n closed its socket cleanly): it cannot be joined again. */
  ended(widgetId: string, executionId: string): void {
    this.entries.delete(keyOf(widgetId, executionId));
  }
}

const keyOf = (widgetId: string, executionId: string) => `${widgetId}\n${executionId}`;
