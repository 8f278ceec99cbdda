import {
  type ChatWidgetApi,
  type ChatWidgetConfig,
  type ChatWidgetView,
  icons,
  type MessageView,
  type PartProps,
  syncOpen,
} from '@cwp/core';
import { adoptStylesheet } from '@cwp/core/dom';
import { stylesheet } from '@cwp/core/styles';
import {
  computed,
  defineComponent,
  Fragment,
  h,
  onMounted,
  onUnmounted,
  type PropType,
  type Slot,
  type SlotsType,
  shallowRef,
  Teleport,
  type VNode,
  type VNodeArrayChildren,
  watch,
  watchEffect,
} from 'vue';
import { ContentNode, drawTree, vueProps } from './render-tree.js';
import { useChatWidget } from './use-chat-widget.js';

/** What a part slot receives: the view, and the props of the part it replaces (spread them). */
export type PartSlotProps = { view: ChatWidgetView; props: Record<string, unknown> };
export type MessageSlotProps = PartSlotProps & { message: MessageView };
export type ChatWidgetSlots = Record<'header' | 'composer' | 'footer', PartSlotProps> & {
  message: MessageSlotProps;
};

const el = (tag: string, props: PartProps, children?: VNodeArrayChildren | string) =>
  h(tag, vueProps(props), children);

/** A part a slot may replace (it gets the part's props), else its default elements. */
function part<S extends PartSlotProps>(
  slot: Slot<S> | undefined,
  scope: S,
  fallback: (props: Record<string, unknown>) => VNode,
  key?: string,
): VNode {
  return slot ? h(Fragment, { key }, slot(scope)) : fallback({ ...scope.props, key });
}

function drawWindow(view: ChatWidgetView, slots: Partial<Record<string, Slot>>): VNode {
  const scope = (props: PartProps) => ({ view, props: vueProps(props) });
  const dot = () => el('span', view.getTypingDotProps());
  return el('div', view.getWindowProps(), [
    part(slots.header, scope(view.getHeaderProps()), (props) =>
      h('div', props, [
        el('img', view.getAvatarProps()),
        el('div', view.getHeaderTextProps(), [
          el('div', view.getTitleProps(), view.title),
          el('div', view.getSubtitleProps(), view.subtitle),
          el('div', view.getStatusProps(), view.presenceText),
        ]),
        el('button', view.getMuteButtonProps(), [drawTree(icons.sound), drawTree(icons.muted)]),
        el('button', view.getNewSessionButtonProps(), [drawTree(icons.refresh)]),
        el('button', view.getCloseButtonProps(), [drawTree(icons.close)]),
      ]),
    ),
    el('div', view.getMessagesProps(), [
      ...view.messages.map((message) =>
        part(
          slots.message,
          { ...scope(view.getMessageProps(message)), message },
          (props) =>
            h('div', props, [
              el(
                'div',
                view.getMessageContentProps(message),
                message.content.map((node) => h(ContentNode, { node })),
              ),
              el('div', view.getMessageStatusProps(message), message.statusText),
              el('button', view.getRetryButtonProps(message), message.retryText),
              el('div', view.getMessageActionsProps(message), [
                el('button', view.getCopyReplyProps(message), message.copyText),
                el('button', view.getFeedbackUpProps(message), [drawTree(icons['thumb-up'])]),
                el('button', view.getFeedbackDownProps(message), [drawTree(icons['thumb-down'])]),
              ]),
            ]),
          message.id,
        ),
      ),
      el('div', view.getTypingProps(), [dot(), dot(), dot()]),
    ]),
    el(
      'div',
      view.getStarterPromptsProps(),
      view.starterPrompts.map((text, index) =>
        el('button', view.getStarterPromptProps(index), text),
      ),
    ),
    el('div', view.getErrorProps(), view.errorText),
    el(
      'div',
      view.getAttachmentsProps(),
      view.files.map((file) =>
        h('div', { ...vueProps(view.getAttachmentProps(file)), key: file.id }, [
          ...file.content.map((node) => drawTree(node)),
          el('button', view.getAttachmentRemoveProps(file), [drawTree(icons.close)]),
        ]),
      ),
    ),
    part(slots.composer, scope(view.getComposerProps()), (props) =>
      h('form', props, [
        el('button', view.getAttachButtonProps(), [drawTree(icons.attach)]),
        h('input', { type: 'file', ...vueProps(view.getFileInputProps()) }),
        el('textarea', view.getInputProps()),
        el('button', view.getStopButtonProps(), [drawTree(icons.stop)]),
        el('button', view.getSendButtonProps(), [drawTree(icons.send)]),
      ]),
    ),
    part(slots.footer, scope(view.getFooterProps()), (props) =>
      h('div', props, [
        el('span', view.getFooterTextProps(), view.footerText),
        ...view.footerLinks.map((link) => el('a', view.getFooterLinkProps(link), link.label)),
      ]),
    ),
  ]);
}

/** A floating, inline or fullscreen chat widget drawn from core's `connect()` props. */
export const ChatWidget = defineComponent({
  name: 'ChatWidget',
  props: {
    /** A config: the component creates the widget and destroys it on unmount. */
    config: Object as PropType<ChatWidgetConfig>,
    /** Or a widget you created (and destroy yourself). */
    widget: Object as PropType<ChatWidgetApi>,
    /** Floating window open (`v-model:open`); leave it out to let the widget decide. */
    open: { type: Boolean, default: undefined },
    /** Render inside an open shadow root, attached once mounted (the server renders the host). */
    shadow: Boolean,
    /** CSP nonce for the `<style>` used where constructed stylesheets are unsupported. */
    nonce: String,
  },
  emits: { 'update:open': (open: boolean) => typeof open === 'boolean' },
  slots: Object as SlotsType<ChatWidgetSlots>,
  setup(props, { emit, slots }) {
    const { widget, state, view, dom } = useChatWidget(
      props.widget ?? (props.config as ChatWidgetConfig),
    );
    watchEffect(() => syncOpen(widget, props.open));
    const isOpen = computed(() => state.value.isOpen);
    watch(isOpen, (open) => emit('update:open', open));

    const host = shallowRef<HTMLElement>();
    const shadowRoot = shallowRef<ShadowRoot>();
    const root = shallowRef<HTMLElement>();
    let releaseStyles = () => {};
    onMounted(() => {
      if (host.value) {
        // The host sits in the page: keep it out of layout whatever the page's CSS says.
        host.value.style.setProperty('display', 'contents', 'important');
        shadowRoot.value = host.value.attachShadow({ mode: 'open' });
      }
      releaseStyles = adoptStylesheet(shadowRoot.value ?? document, stylesheet, props.nonce);
    });
    onUnmounted(() => releaseStyles());
    // Sync: attached as soon as the root is in the page, before any event can reach it.
    watch(root, (element) => (element ? dom.attach(element) : dom.detach()), { flush: 'sync' });

    return () => {
      const v = view.value;
      const tree = h('div', { ...vueProps(v.getRootProps()), ref: root }, [
        el('div', v.getTooltipProps(), [
          el('img', v.getTooltipAvatarProps()),
          el('span', v.getTooltipTextProps(), v.tooltipText),
          el('button', v.getTooltipCloseProps(), [drawTree(icons.close)]),
        ]),
        el('button', v.getBubbleProps(), [
          drawTree(v.bubbleIcon),
          drawTree(icons.close),
          el('span', v.getUnreadBadgeProps(), v.unreadBadgeText),
        ]),
        drawWindow(v, slots),
      ]);
      if (!props.shadow) return tree;
      // The shadow root exists once mounted: until then (and on the server) the host is empty.
      const content = shadowRoot.value ? [h(Teleport, { to: shadowRoot.value }, [tree])] : [];
      return h('div', { ref: host, 'data-cwp-host': '' }, content);
    };
  },
});
