/**
 * Where a page's main-thread time went, from a Chromium trace (devtools.timeline and friends): self
 * time per trace event name on the renderer's main thread (an event's duration less its children's),
 * biggest first. Used by stream-vs-n8n.bench.ts's `--trace` to name the part of ThreadTime that is
 * neither script nor style nor layout (paint, pre-paint, layerize, GC, IPC...).
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Categories that cover the main thread's work (the DevTools Performance panel's set, roughly). */
export const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'cc',
  'gpu',
  'toplevel',
];

/** Self time in ms per event name on the page's main thread and how many there were, biggest first. */
export function mainThreadSelfTimes(traceJson: string, top = 18): [string, number, number][] {
  const parsed = JSON.parse(traceJson) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const complete = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const counts = new Map<string, number>();
  // A stack of open events; each one's children are subtracted from its own time.
  const stack: { end: number; name: string; time: number; children: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= until) {
      const done = stack.pop()!;
      self.set(done.name, (self.get(done.name) ?? 0) + Math.max(0, done.time - done.children));
      const parent = stack[stack.length - 1];
      if (parent) parent.children += done.time;
    }
  };
  for (const event of complete) {
    close(event.ts);
    // Thread (CPU) time where the trace has it: wall time on a loaded machine counts waiting.
    const time = event.tdur ?? event.dur ?? 0;
    counts.set(event.name, (counts.get(event.name) ?? 0) + 1);
    stack.push({ end: event.ts + (event.dur ?? 0), name: event.name, time, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return [...self.entries()]
    .map(([name, us]): [string, number, number] => [name, us / 1000, counts.get(name) ?? 0])
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
/** A CDP Profiler.stop() profile. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Self and total time in ms per function (name, file, line) in a CPU profile, biggest self time
 * first; idle left out.
 */
export function profileSelfTimes(profile: CpuProfile, top = 25): [string, number, number][] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const keyOf = (frame: ProfileNode['callFrame']) =>
    `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i] as number)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const key = keyOf(frame);
    self.set(key, (self.get(key) ?? 0) + ms);
    // Every function on the sample's stack, once.
    const onStack = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parents.get(id)) {
      const node = byId.get(id);
      if (node) onStack.add(keyOf(node.callFrame));
    }
    for (const name of onStack) total.set(name, (total.get(name) ?? 0) + ms);
  }
  return [...self.entries()]
    .map(([name, ms]): [string, number, number] => [name, ms, total.get(name) ?? 0])
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
}
