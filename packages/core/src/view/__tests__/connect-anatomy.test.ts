// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { configOf, message, stateOf } from '../../__tests__/fake-widget.js';
import { parts } from '../anatomy.js';
import { messageAttachments } from '../attachment-tree.js';
import { configView } from '../config-view.js';
import { connect } from '../connect.js';
import { icons } from '../icons.js';
import { getIds } from '../ids.js';
import { markdownTree } from '../markdown-tree.js';
import type { RenderElement } from '../render-tree.js';
import type { ChatWidgetView, MessageView, PartProps } from '../types.js';
import { fakeWidget, viewOf } from './connect-fixtures.js';

describe('ids and anatomy', () => {
  /** Every part's props, in anatomy order (the icon part comes from `icons`, not a getter). */
  function codeCopyAttrs(): PartProps {
    const [block] = markdownTree('```\nx\n```', { copyLabel: 'Copy code' });
    const button = typeof block === 'object' ? block.children[0] : undefined;
    if (typeof button !== 'object') throw new Error('expected a code block with a copy button');
    return button.attrs as unknown as PartProps;
  }

  /** message-error, message-buttons and message-button: n8n's JSON messages, in the content. */
  function buttonMessageAttrs(): PartProps[] {
    const bot = message({
      id: 'b1',
      role: 'bot',
      botError: true,
      buttons: [{ text: 'Yes', type: 'primary' }],
    });
    const state = stateOf({ messages: [bot] });
    const [error, group] = connect(state, fakeWidget(state).widget).messages[0]!
      .content as RenderElement[];
    const button = group!.children[0] as RenderElement;
    return [error!.attrs, group!.attrs, button.attrs] as unknown as PartProps[];
  }

  const chip = { id: 'f1', name: 'a.png', content: [] };
  /** message-attachments, message-attachment, attachment-preview, -name and -size, in order. */
  function attachmentTreeAttrs(): PartProps[] {
    const files = [{ name: 'a.png', size: 1, type: 'image/png' }];
    const list = messageAttachments(files, ['blob:x'], 'en') as RenderElement;
    const item = list.children[0] as RenderElement;
    return [list, item, ...(item.children as RenderElement[])].map(
      (node) => node.attrs as unknown as PartProps,
    );
  }

  function allProps(api: ChatWidgetView, msg: MessageView): PartProps[] {
    const link = { label: 'a', href: 'https://a.test' };
    return [
      api.getRootProps(),
      api.getTooltipProps(),
      api.getTooltipAvatarProps(),
      api.getTooltipTextProps(),
      api.getTooltipCloseProps(),
      api.getBubbleProps(),
      api.getUnreadBadgeProps(),
      api.getWindowProps(),
      api.getHeaderProps(),
      api.getAvatarProps(),
      api.getHeaderTextProps(),
      api.getTitleProps(),
      api.getSubtitleProps(),
      api.getStatusProps(),
      api.getMuteButtonProps(),
      api.getNewSessionButtonProps(),
      api.getCloseButtonProps(),
      api.getMessagesProps(),
      api.getMessageProps(msg),
      api.getMessageContentProps(msg),
      // Not a getter: with header.avatar, the first node of a bot message's content.
      configView(configOf({ header: { avatar: 'https://a.test/a.png' } })).botAvatar!
        .attrs as unknown as PartProps,
      // Nor these: the files a visitor's message carried, in its render tree.
      ...attachmentTreeAttrs(),
      // Not a getter either: the copy button a code block's render tree carries.
      codeCopyAttrs(),
      ...buttonMessageAttrs(),
      api.getMessageStatusProps(msg),
      api.getRetryButtonProps(msg),
      api.getMessageActionsProps(msg),
      api.getCopyReplyProps(msg),
      api.getFeedbackUpProps(msg),
      api.getFeedbackDownProps(msg),
      api.getTypingProps(),
      api.getTypingDotProps(),
      api.getStarterPromptsProps(),
      api.getStarterPromptProps(0),
      api.getErrorProps(),
      api.getAttachmentsProps(),
      api.getAttachmentProps(chip),
      api.getAttachmentRemoveProps(chip),
      api.getComposerProps(),
      api.getAttachButtonProps(),
      api.getFileInputProps(),
      api.getInputProps(),
      api.getStopButtonProps(),
      api.getSendButtonProps(),
      api.getFooterProps(),
      api.getFooterTextProps(),
      api.getFooterLinkProps(link),
    ];
  }

  it('gives every anatomy part, in order, its scope and part name', () => {
    const msg = message({ id: 'm1' });
    const api = connect(stateOf({ messages: [msg] }), fakeWidget(stateOf()).widget);
    const props = allProps(api, viewOf(api, 'm1'));
    const icon = icons.chat.attrs;
    expect([...props.map((p) => p['data-part']), icon['data-part']]).toEqual([...parts]);
    for (const p of [...props, icon]) expect(p['data-scope']).toBe('cwp');
  });

  it('puts no style attribute on any part (theme tokens are not props)', () => {
    const config = configOf({ theme: { tokens: { primary: '#0a84ff' } } });
    const msg = message({ id: 'm1', status: 'failed' });
    const state = stateOf({ messages: [msg], isOpen: true }, config);
    const api = connect(state, fakeWidget(state).widget);
    for (const p of allProps(api, viewOf(api, 'm1'))) expect(Object.keys(p)).not.toContain('style');
  });

  it('keeps each part’s attribute names the same in every state, so stale attributes get cleared', () => {
    const msg = message({ id: 'm1', status: 'failed' });
    const { widget } = fakeWidget(stateOf());
    const quietApi = connect(stateOf({ messages: [msg] }), widget);
    const quiet = allProps(quietApi, viewOf(quietApi, 'm1'));
    const busyApi = connect(
      stateOf({
        messages: [msg],
        isOpen: true,
        isResponding: true,
        isTyping: true,
        unread: 2,
        draft: 'x',
        error: { kind: 'network', messageKey: 'error.network', message: '', detail: '' },
      }),
      widget,
    );
    const busy = allProps(busyApi, viewOf(busyApi, 'm1'));
    expect(busy.map((p) => Object.keys(p))).toEqual(quiet.map((p) => Object.keys(p)));
  });

  it('keeps two widgets on one page from sharing any element id', () => {
    const a = getIds('alpha');
    const b = getIds('beta');
    const aIds = Object.values(a);
    expect(new Set(aIds).size).toBe(aIds.length);
    for (const id of Object.values(b)) expect(aIds).not.toContain(id);
    expect(a.window).toBe('cwp-alpha-window');
    const other = configOf({ id: 'beta' });
    const msg = message({ id: 'same' });
    const apiA = connect(stateOf({ messages: [msg] }), fakeWidget(stateOf()).widget);
    const apiB = connect(
      stateOf({ messages: [msg] }, other),
      fakeWidget(stateOf({}, other)).widget,
    );
    expect(apiA.getMessageProps(viewOf(apiA, 'same')).id).toBe('cwp-w1-msg-same');
    expect(apiB.getMessageProps(viewOf(apiB, 'same')).id).toBe('cwp-beta-msg-same');
  });

  it('keeps message ids usable in aria references whatever the bot sends as an id', () => {
    const odd = message({ id: 'a b"<c>', status: 'failed' });
    const api = connect(stateOf({ messages: [odd] }), fakeWidget(stateOf()).widget);
    const oddView = viewOf(api, 'a b"<c>');
    const id = api.getMessageProps(oddView).id ?? '';
    expect(id).toMatch(/^cwp-w1-msg-[\w-]+$/);
    expect(api.getRetryButtonProps(oddView)['aria-describedby']).toBe(`${id}-status`);
    expect(api.getMessageStatusProps(oddView).id).toBe(`${id}-status`);
    // The view keeps the message's own id, for retry and for keyed lists.
    expect(oddView.id).toBe('a b"<c>');
  });
});
