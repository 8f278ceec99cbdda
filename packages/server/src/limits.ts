import type { WidgetLimits } from './store/types.js';

export const defaultLimits: WidgetLimits = {
  perIpPerMinute: 30,
  perSessionPerMinute: 20,
  perWidgetPerMinute: 600,
  maxConcurrentStreams: 50,
  maxBodyBytes: 64 * 1024,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 30_000,
  maxReplyMs: 120_000,
};

const limitKeys = Object.keys(defaultLimits) as (keyof WidgetLimits)[];

export function resolveLimits(
  serverDefaults: Partial<WidgetLimits> | undefined,
  widget: Partial<WidgetLimits>,
): WidgetLimits {
  const limits = { ...defaultLimits };
  for (const key of limitKeys) {
    const value = widget[key] ?? serverDefaults?.[key];
    if (typeof value === 'number' && Number.isFinite(value)) limits[key] = value;
  }
  return limits;
}

export { limitKeys };
