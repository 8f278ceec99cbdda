import type { WidgetEvent } from '../events/types.js';
import type { Messages } from '../i18n/messages.js';
import type { Transport } from '../transport/types.js';
import type { UploadRules } from '../uploads/file-rules.js';
import type { WidgetType } from '../widget-type.js';
import type { AutoOpenConfig } from './auto-open-config.js';
import type { TypewriterPace } from './typewriter-config.js';

/** The subset of the Web Storage API the widget uses, for custom stores. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type WidgetMode = 'direct' | 'custom' | 'managed';

export interface FooterConfig {
  readonly text: string;
  readonly links: readonly { readonly label: string; readonly href: string }[];
}

/** The config with every default filled in; what `WidgetState.config` holds. */
export interface ResolvedConfig {
  readonly mode: WidgetMode;
  readonly type: WidgetType;
  /** Storage scope: `id`, else `widgetId`, else derived from the webhook URL. */
  readonly id: string;
  readonly webhookUrl: string | undefined;
  readonly webhookConfig: {
    readonly method: 'POST' | 'PUT';
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly chatInputKey: string;
  readonly chatSessionKey: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly loadPreviousSession: boolean;
  readonly transport: Transport | undefined;
  readonly server: string | undefined;
  readonly widgetId: string | undefined;
  /** Managed mode: the visitor's identity token at start (`widget.setIdentity` changes it later). */
  readonly identity: { readonly token: string } | undefined;
  readonly storage: 'local' | 'session' | 'memory' | StorageLike;
  readonly namespace: string;
  readonly initialMessages: readonly string[];
  readonly starterPrompts: readonly string[];
  /** How replies reveal; `false`: at once. */
  readonly typewriter: TypewriterPace | false;
  readonly header: {
    readonly title: string;
    readonly subtitle: string;
    readonly avatar: string | undefined;
    readonly showStatus: boolean;
  };
  readonly footer: FooterConfig | false;
  /** Proactive open; `false` when off (the default). */
  readonly autoOpen: AutoOpenConfig | false;
  readonly tooltip: { readonly text: string; readonly delay: number } | false;
  readonly bubble: {
    readonly position: 'bottom-right' | 'bottom-left';
    /** A built-in icon's name or an image URL. */
    readonly icon: string;
  };
  readonly theme: {
    readonly colorScheme: 'auto' | 'light' | 'dark';
    readonly tokens: Readonly<Record<string, string>>;
  };
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl' | 'auto';
  readonly messages: Readonly<Messages>;
  readonly timeouts: { readonly request: number; readonly idle: number };
  readonly analytics: { readonly includeText: boolean };
  readonly onEvent: ((event: WidgetEvent) => void) | undefined;
  readonly allowImagesFrom: readonly string[];
  readonly abortOnClose: boolean;
  readonly openOnStart: boolean;
  /** File uploads: off, or which files the visitor may attach (see `file-rules.ts`). */
  readonly uploads: UploadRules | false;
  /** `false`: silent; else a blip (or `url`) when a reply arrives while the window is closed. */
  readonly sound: false | { readonly url?: string | undefined };
}
