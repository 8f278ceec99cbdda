import { type Actor, createActor } from 'xstate';
import { writeClipboard } from './clipboard.js';
import { type ChatWidgetConfig, type ResolvedConfig, resolveConfig } from './config/schema.js';
import type { WidgetEvent, WidgetEventType } from './events/types.js';
import { machineToState } from './machine/derive-state.js';
import { startActor } from './machine/start-actor.js';
import { type WidgetInput, widgetMachine } from './machine/widget-machine.js';
import { createIdentityHeaders, type IdentityHeaders } from './managed/identity-headers.js';
import { widgetUrl } from './managed/widget-url.js';
import { everyFeature } from './on-demand/every-feature.js';
import type { ManagedFeature, OptionalFeatures } from './on-demand/features.js';
import { startAutoOpen } from './proactive/auto-open.js';
import { buttonEndpoint, buttonTarget, fetchButtonLink } from './session/button-action.js';
import { randomId } from './session/ids.js';
import { createMessageLog } from './session/message-log.js';
import { resolveStorage, storageKey } from './session/storage.js';
import { n8nTransportWith } from './transport/n8n-transport.js';
import { createPageMetadata } from './transport/page-metadata.js';
import type { Transport } from './transport/types.js';
import type { ChatWidgetApi, SendOptions, WidgetState } from './types.js';
import { createChosenFiles } from './uploads/chosen-files.js';
import { fileFacts } from './uploads/file-rules.js';
import { setPreviews } from './uploads/previews.js';

export type WidgetActor = Actor<typeof widgetMachine>;

/** A running chat widget: the headless API every renderer draws. */
export interface ChatWidget extends ChatWidgetApi {
  /** The underlying XState actor, for inspection. */
  readonly actor: WidgetActor;
  /**
   * Managed mode: the visitor's identity token (signed by the site's server), sent with the next
   * request; for single-page apps after login or a token refresh. `null` signs the visitor out.
   * When a signed-in visitor signs out or another signs in, a new session starts.
   */
  setIdentity(token: string | null): void;
}

function createTransport(
  config: ResolvedConfig,
  identity: IdentityHeaders,
  features: OptionalFeatures,
  managedCode: ManagedFeature | undefined,
): Transport {
  if (config.transport) return config.transport;
  const managed = config.mode === 'managed';
  const webhookUrl = managed ? widgetUrl(config, 'chat') : config.webhookUrl!;
  return n8nTransportWith(
    {
      webhookUrl,
      method: config.webhookConfig.method,
      headers: managed
        ? identity.withBase(config.webhookConfig.headers)
        : config.webhookConfig.headers,
      chatInputKey: config.chatInputKey,
      chatSessionKey: config.chatSessionKey,
      metadata: config.metadata,
      timeouts: config.timeouts,
      ...(managed && managedCode
        ? { socketUrl: managedCode.managedSocketUrl(config, identity) }
        : {}),
    },
    features.responseNode,
  );
}

/**
 * Creates a headless chat widget. Throws one `ConfigError` naming every bad field.
 * Touches no DOM: safe to call during server-side rendering.
 */
export function createChatWidget(config: ChatWidgetConfig): ChatWidget {
  return createWidgetWith(config, everyFeature);
}

/** `createChatWidget` with the features given (the embed loads them on demand). */
export function createWidgetWith(config: ChatWidgetConfig, features: OptionalFeatures): ChatWidget {
  const resolved = resolveConfig(config);
  const managed = resolved.mode === 'managed' ? features.managed : undefined;
  if (resolved.mode === 'managed' && managed === undefined)
    throw new Error('[cwp] a managed widget needs the managed feature loaded');
  const storage = resolveStorage(resolved.storage);
  const log = createMessageLog({
    key: storageKey(resolved),
    storage,
    syncTabs: resolved.storage === 'local' || typeof resolved.storage === 'object',
  });
  const identity = createIdentityHeaders(resolved.identity?.token);
  const pageMetadata = createPageMetadata();
  const input: WidgetInput = {
    config: resolved,
    log,
    loadConfig: (signal) => managed!.loadRemoteConfig(config, resolved, signal),
    createTransport: (merged) =>
      pageMetadata.wrap(createTransport(merged, identity, features, managed)),
  };
  const actor = createActor(widgetMachine, { input });
  const batcher =
    managed !== undefined
      ? managed.createEventBatcher(widgetUrl(resolved, 'events'), {
          storage,
          key: `${storageKey(resolved)}:events`,
        })
      : undefined;

  const listeners = new Set<(state: WidgetState) => void>();
  const mutedKey = `${storageKey(resolved)}:muted`;
  let muted = storage.getItem(mutedKey) === '1';
  const uploads = createChosenFiles(
    () => state.config.uploads,
    () => refresh(),
  );
  let state = machineToState(actor.getSnapshot(), log.context, undefined, muted);
  const refresh = () => {
    const next = machineToState(actor.getSnapshot(), log.context, state, muted, uploads.state);
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(state);
  };

  const unsubscribers = [
    actor.subscribe(refresh).unsubscribe,
    log.store.subscribe(refresh).unsubscribe,
    actor.on('*', (event) => {
      try {
        state.config.onEvent?.(event as WidgetEvent);
      } catch (error) {
        console.warn('[cwp] onEvent threw:', error);
      }
      batcher?.add(event as WidgetEvent);
    }).unsubscribe,
  ];
  startActor(actor);
  refresh();

  let destroyed = false;
  const widget: ChatWidget = {
    actor,
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    open: (options) => actor.send({ type: 'OPEN', via: options?.via ?? 'api' }),
    close: () => actor.send({ type: 'CLOSE' }),
    toggle: () => actor.send({ type: 'TOGGLE' }),
    send(text: string, options?: SendOptions) {
      const chosen = options?.files === undefined;
      const files = options?.files ?? uploads.state.files.map((f) => f.file);
      if (!chosen && state.config.uploads !== false && !uploads.check(files)) return false;
      const id = randomId();
      const event = {
        type: 'SEND',
        text,
        options: files.length > 0 ? { ...options, files } : options,
        id,
        attachments: files.length > 0 ? files.map(fileFacts) : undefined,
      } as const;
      if (destroyed || !actor.getSnapshot().can(event)) return false;
      setPreviews(id, uploads.previews(files));
      actor.send(event);
      if (chosen) uploads.sent();
      return true;
    },
    addFiles: (files) => uploads.add(files),
    removeFile: (id) => uploads.remove(id),
    setDropActive: (active) => uploads.setDropActive(active),
    retry(id: string) {
      const event = { type: 'RETRY', id } as const;
      if (destroyed || !actor.getSnapshot().can(event)) return false;
      actor.send(event);
      return true;
    },
    stop: () => actor.send({ type: 'STOP' }),
    newSession: () => actor.send({ type: 'NEW_SESSION' }),
    dismissTooltip: () => actor.send({ type: 'DISMISS_TOOLTIP' }),
    setDraft: (text: string) => actor.send({ type: 'SET_DRAFT', text }),
    sendStarterPrompt(index: number) {
      const text = state.config.starterPrompts[index];
      if (text === undefined) return false;
      const event = { type: 'SEND', text, starterPrompt: index } as const;
      if (destroyed || !actor.getSnapshot().can(event)) return false;
      actor.send(event);
      return true;
    },
    async copyMessage(messageId: string) {
      const message = state.messages.find((m) => m.id === messageId);
      return message !== undefined && widget.copyText(message.text, messageId);
    },
    async copyText(text: string, key: string) {
      if (!(await writeClipboard(text))) return false;
      if (!destroyed) actor.send({ type: 'COPIED', key });
      return true;
    },
    setFeedback(messageId, value) {
      const event = { type: 'FEEDBACK', id: messageId, value } as const;
      if (destroyed || !actor.getSnapshot().can(event)) return false;
      actor.send(event);
      return true;
    },
    chooseButton(messageId: string, index: number) {
      const button = state.messages.find((m) => m.id === messageId)?.buttons?.[index];
      if (destroyed || button === undefined) return false;
      const { action, url } = buttonTarget(button, buttonEndpoint(state.config));
      // A button that sends waits, like the composer, while a reply is in flight.
      if (action === 'send' && (state.isResponding || state.status !== 'ready')) return false;
      const event = { type: 'CHOOSE_BUTTON', id: messageId, index, action } as const;
      if (!actor.getSnapshot().can(event)) return false;
      actor.send(event);
      if (action === 'send') widget.send(button.text);
      if (action === 'fetch' && url !== undefined) {
        const managed = state.config.mode === 'managed';
        void fetchButtonLink(url, state.sessionId, managed).then((ok) => {
          // Not delivered: the choice is open again, so the visitor can try once more.
          if (!ok && !destroyed) actor.send({ type: 'BUTTON_FAILED', id: messageId });
        });
      }
      return true;
    },
    setMuted(next: boolean) {
      muted = next;
      if (next) storage.setItem(mutedKey, '1');
      else storage.removeItem(mutedKey);
      refresh();
    },
    setMetadata: (partial) => pageMetadata.set(partial),
    setIdentity(token: string | null) {
      // Another visitor (or none) on this page: the old session stays with its owner.
      if (identity.set(token)) actor.send({ type: 'NEW_SESSION' });
    },
    on(type: WidgetEventType | '*', listener: (event: never) => void) {
      return actor.on(type, listener as (event: WidgetEvent) => void).unsubscribe;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
      actor.stop();
      batcher?.dispose();
      uploads.dispose();
      log.dispose();
      listeners.clear();
    },
  };
  unsubscribers.push(startAutoOpen(widget));
  return widget;
}
