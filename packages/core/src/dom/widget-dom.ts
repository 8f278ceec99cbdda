import type { ChatWidgetApi, WidgetState } from '../types.js';
import { partSelector } from '../view/anatomy.js';
import { configView } from '../view/config-view.js';
import { historyWindow } from '../view/history-window.js';
import { type AutoScroll, createAutoScroll } from './auto-scroll.js';
import { keepCodeCopyFocus } from './code-copy-focus.js';
import { getFocusTarget } from './focus-target.js';
import { createHistoryReveal, type HistoryReveal } from './history-reveal.js';
import { createReplySound } from './reply-sound.js';

/** The behaviours that need live elements, for any renderer: see `createWidgetDom`. */
export interface WidgetDom {
  /** Starts working on the widget's root element (`data-part="root"`) once it is in the page. */
  attach(root: HTMLElement): void;
  /** Lets go of the elements (the renderer is unmounting); `attach` may follow again. */
  detach(): void;
  /** Stops listening to the widget. */
  destroy(): void;
}

/** The document or shadow root the widget is in (a detached root is its own root node). */
function scopeOf(root: HTMLElement): Document | ShadowRoot | null {
  const node = root.getRootNode();
  return node.nodeType === 9 || node.nodeType === 11 ? (node as Document | ShadowRoot) : null;
}

function focusIsInside(root: HTMLElement): boolean {
  const active = scopeOf(root)?.activeElement;
  return active != null && root.contains(active);
}

function findById(root: HTMLElement, id: string): HTMLElement | null {
  return scopeOf(root)?.getElementById(id) ?? null;
}

function lastUserMessageId(state: WidgetState): string | undefined {
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i];
    if (message?.role === 'user') return message.id;
  }
  return undefined;
}

/**
 * Theme tokens as `--cwp-*` custom properties on the root (through CSSOM, which a strict CSP
 * allows), focus after the floating window opens or closes (and on a code block's copy button
 * redrawn as it says "Copied"), the message log kept at its end
 * while the visitor is there, and the reply sound (`config.sound`). Create it before the renderer subscribes to the widget, so it sees
 * each change before the renderer draws it (it measures focus before a closing window hides it).
 */
export function createWidgetDom(widget: ChatWidgetApi): WidgetDom {
  let root: HTMLElement | null = null;
  let scroll: AutoScroll | null = null;
  let reveal: HistoryReveal | null = null;
  let observer: MutationObserver | null = null;
  let resizes: ResizeObserver | null = null;
  let previous: WidgetState = widget.getSnapshot();
  let variables: Readonly<Record<string, string>> = {};
  let focusTarget: string | null = null;
  let refocus: (() => void) | null = null;
  let forceScroll = false;
  let frame = 0;
  // A long history opens with its newest messages; `reveal` draws older ones on the way up.
  const history = historyWindow(widget);
  history.enable();

  const applyTheme = (state: WidgetState) => {
    const next = configView(state.config).cssVariables;
    if (root === null || next === variables) return;
    for (const name of Object.keys(variables))
      if (!Object.hasOwn(next, name)) root.style.removeProperty(name);
    for (const name of Object.keys(next)) root.style.setProperty(name, next[name] as string);
    variables = next;
  };

  // Runs after the renderer has drawn the change (frameworks draw in a microtask at the latest).
  const afterDraw = () => {
    frame = 0;
    if (root === null) return;
    scroll?.update(forceScroll);
    forceScroll = false;
    const id = focusTarget;
    focusTarget = null;
    if (id !== null) findById(root, id)?.focus();
    refocus?.();
    refocus = null;
  };

  const sound = createReplySound();
  const unsubscribe = widget.subscribe((state) => {
    sound(previous, state);
    if (root !== null) {
      // The last open/close wins: opening and closing within a frame must not focus a hidden input.
      if (state.isOpen !== previous.isOpen)
        focusTarget = getFocusTarget(previous, state, focusIsInside(root));
      const opened = state.isOpen && !previous.isOpen;
      if (opened || lastUserMessageId(state) !== lastUserMessageId(previous)) forceScroll = true;
      applyTheme(state);
      if (state.copied !== previous.copied) refocus = keepCodeCopyFocus(root) ?? refocus;
      if ((focusTarget !== null || forceScroll || refocus !== null) && frame === 0)
        frame = requestAnimationFrame(afterDraw);
    }
    previous = state;
  });

  const detach = () => {
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
    observer?.disconnect();
    resizes?.disconnect();
    scroll?.destroy();
    reveal?.destroy();
    observer = null;
    reveal = null;
    resizes = null;
    scroll = null;
    root = null;
  };

  return {
    attach(element) {
      detach();
      root = element;
      variables = {};
      applyTheme(previous);
      const log = element.querySelector<HTMLElement>(partSelector('messages'));
      if (log === null) return;
      scroll = createAutoScroll(log);
      // New or growing messages, however the renderer draws them: follow them if pinned.
      reveal = createHistoryReveal(log, history);
      observer = new MutationObserver(() => {
        reveal?.afterDraw();
        scroll?.update();
        reveal?.check();
      });
      // `hidden`: a finished reply's actions row (or a status line) appearing makes it taller.
      observer.observe(log, {
        childList: true,
        subtree: true,
        characterData: true,
        attributeFilter: ['hidden'],
      });
      // The log shrinks when the error banner (or a taller composer) appears: keep its end in view.
      if (typeof ResizeObserver === 'function') {
        resizes = new ResizeObserver(() => scroll?.update());
        resizes.observe(log);
      }
      scroll.update(true);
    },
    detach,
    destroy() {
      detach();
      unsubscribe();
    },
  };
}
