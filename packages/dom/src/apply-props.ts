import type { PartProps } from '@cwp/core';

type Handler = (event: Event) => void;

interface Applied {
  props: Readonly<Record<string, unknown>>;
  handlers: Map<string, Handler>;
}

const applied = new WeakMap<Element, Applied>();

/**
 * Puts connect() props on an element: attributes, the `value` property and event listeners.
 * Only what changed since the last call touches the DOM, so a render per state change is cheap.
 */
export function applyProps<E extends Element>(element: E, props: PartProps): E {
  let state = applied.get(element);
  if (state === undefined) {
    state = { props: {}, handlers: new Map() };
    applied.set(element, state);
  }
  const previous = state.props;
  const next = props as unknown as Readonly<Record<string, unknown>>;
  // Own keys only: a host page may have added enumerable properties to Object.prototype.
  for (const key of Object.keys(next)) {
    const value = next[key];
    if (key.startsWith('on')) {
      setHandler(element, state.handlers, key.slice(2).toLowerCase(), value as Handler | undefined);
      continue;
    }
    if (key === 'value') {
      const field = element as unknown as { value: string };
      if (typeof value === 'string' && field.value !== value) field.value = value;
      continue;
    }
    if (previous[key] === value) continue;
    if (value === undefined || value === false || value === null) element.removeAttribute(key);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const key of Object.keys(previous)) {
    if (Object.hasOwn(next, key) || key.startsWith('on') || key === 'value') continue;
    element.removeAttribute(key);
  }
  state.props = next;
  return element;
}

function setHandler(
  element: Element,
  handlers: Map<string, Handler>,
  type: string,
  handler: Handler | undefined,
): void {
  if (!handlers.has(type)) {
    // One listener per event type forwards to whatever handler the props hold now.
    element.addEventListener(type, (event) => handlers.get(type)?.(event));
  }
  handlers.set(type, handler ?? noop);
}

function noop(): void {}
