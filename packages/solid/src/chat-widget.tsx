import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  icons,
  type PartProps,
  syncOpen,
} from '@cwp/core';
import { adoptStylesheet } from '@cwp/core/dom';
import { stylesheet } from '@cwp/core/styles';
import type { JSX } from 'solid-js';
import { createComputed, createEffect, createMemo, on, onCleanup, onMount } from 'solid-js';
import { Dynamic, insert } from 'solid-js/web';
import * as parts from './parts.jsx';
import { IconButton, RenderTree } from './render-tree.jsx';
import { bindWidget, ownWidget } from './use-chat-widget.js';

export type ChatWidgetProps = (
  | { config: ChatWidgetConfig; widget?: undefined }
  | { widget: ChatWidgetApi; config?: undefined }
) & {
  /** Controlled open state of a floating widget; leave it out to let the widget decide. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Render inside an open shadow root (client only); default: the light DOM. */
  shadow?: boolean;
  /** CSP nonce for the `<style>` used where constructed stylesheets are unsupported. */
  nonce?: string;
  header?: parts.PartRender;
  message?: parts.PartRender<parts.MessageArgs>;
  composer?: parts.PartRender;
  footer?: parts.PartRender;
};

type HostProps = { nonce: string | undefined; children: JSX.Element };

function LightHost(p: HostProps): JSX.Element {
  onMount(() => onCleanup(adoptStylesheet(document, stylesheet, p.nonce)));
  return p.children;
}

/** An open shadow root on a host element, filled once mounted (after hydration, too). */
function ShadowHost(p: HostProps): JSX.Element {
  let host!: HTMLDivElement;
  onMount(() => {
    // The host sits in the page: keep it out of layout whatever the page's CSS says.
    host.style.setProperty('display', 'contents', 'important');
    const shadowRoot = host.attachShadow({ mode: 'open' });
    onCleanup(adoptStylesheet(shadowRoot, stylesheet, p.nonce));
    insert(shadowRoot, p.children);
  });
  return <div ref={host} data-cwp-host="" />;
}

/** A floating, inline or fullscreen chat widget drawn from `@cwp/core`'s `connect()` props. */
export function ChatWidget(props: ChatWidgetProps): JSX.Element {
  const { widget, state, view, dom } = bindWidget(ownWidget(props.widget ?? props.config));
  createComputed(() => syncOpen(widget, props.open));
  const isOpen = createMemo(() => state().isOpen);
  createEffect(on(isOpen, (open) => props.onOpenChange?.(open), { defer: true }));
  // A part drawn by the app's render function, else by default: with the part's props either way.
  const Part = (p: { render?: parts.PartRender; or: parts.PartRender; props: PartProps }) => (
    <Dynamic component={p.render ?? p.or} view={view()} props={p.props} />
  );

  return (
    <Dynamic component={props.shadow ? ShadowHost : LightHost} nonce={props.nonce}>
      <div ref={(root) => onMount(() => dom.attach(root))} {...view().getRootProps()}>
        <div {...view().getTooltipProps()}>
          {/* biome-ignore lint/a11y/useAltText: the avatar props carry alt="" (decorative) */}
          <img {...view().getTooltipAvatarProps()} />
          <span {...view().getTooltipTextProps()}>{view().tooltipText}</span>
          <IconButton props={view().getTooltipCloseProps()} icon={icons.close} />
        </div>
        <button {...view().getBubbleProps()}>
          <RenderTree node={view().bubbleIcon} />
          <RenderTree node={icons.close} />
          <span {...view().getUnreadBadgeProps()}>{view().unreadBadgeText}</span>
        </button>
        <div {...view().getWindowProps()}>
          <Part render={props.header} or={parts.Header} props={view().getHeaderProps()} />
          <parts.MessageList view={view()} message={props.message ?? parts.Message} />
          <parts.StarterPrompts view={view()} />
          <div {...view().getErrorProps()}>{view().errorText}</div>
          <parts.Attachments view={view()} />
          <Part render={props.composer} or={parts.Composer} props={view().getComposerProps()} />
          <Part render={props.footer} or={parts.Footer} props={view().getFooterProps()} />
        </div>
      </div>
    </Dynamic>
  );
}
