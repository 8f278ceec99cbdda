import { afterEach, describe, expect, it } from 'vitest';
import { type ChatWidget, createChatWidget } from '../../widget.js';
import { connect } from '../connect.js';
import { icons } from '../icons.js';

const webhookUrl = 'https://n8n.example.com/webhook/abc/chat';
const avatar = 'https://cdn.example.com/bot.png';
const widgets: ChatWidget[] = [];
afterEach(() => {
  for (const widget of widgets.splice(0)) widget.destroy();
});

function viewOf(config: Parameters<typeof createChatWidget>[0]) {
  const widget = createChatWidget({ storage: 'memory', ...config });
  widgets.push(widget);
  return { widget, view: () => connect(widget.getSnapshot(), widget) };
}

describe('brand', () => {
  it('draws the chat icon by default, a named built-in icon, or a decorative image', () => {
    expect(viewOf({ webhookUrl }).view().bubbleIcon).toBe(icons.chat);
    expect(viewOf({ webhookUrl, bubble: { icon: 'help' } }).view().bubbleIcon).toBe(icons.help);
    const image = viewOf({ webhookUrl, bubble: { icon: 'https://cdn.example.com/logo.svg' } });
    expect(image.view().bubbleIcon).toEqual({
      tag: 'img',
      attrs: {
        'data-scope': 'cwp',
        'data-part': 'icon',
        'data-icon': 'image',
        src: 'https://cdn.example.com/logo.svg',
        alt: '',
        referrerpolicy: 'no-referrer',
        decoding: 'async',
      },
      children: [],
    });
  });

  it('puts header.avatar beside bot messages and in the tooltip, decorative and without referrer', () => {
    const { view } = viewOf({ webhookUrl, header: { avatar }, initialMessages: ['Hi **there**'] });
    const [message] = view().messages;
    expect(message?.content[0]).toEqual({
      tag: 'img',
      attrs: {
        'data-scope': 'cwp',
        'data-part': 'message-avatar',
        src: avatar,
        alt: '',
        referrerpolicy: 'no-referrer',
      },
      children: [],
    });
    expect(view().getTooltipAvatarProps()).toMatchObject({ src: avatar, alt: '', hidden: false });
    expect(view().getAvatarProps()).toMatchObject({ referrerpolicy: 'no-referrer' });

    const plain = viewOf({ webhookUrl, initialMessages: ['Hi'] }).view();
    expect(
      plain.messages[0]?.content.some((node) => typeof node !== 'string' && node.tag === 'img'),
    ).toBe(false);
    expect(plain.getTooltipAvatarProps().hidden).toBe(true);
  });

  it('shows a mute toggle only with config.sound, pressed once muted', () => {
    expect(viewOf({ webhookUrl }).view().getMuteButtonProps().hidden).toBe(true);
    const { widget, view } = viewOf({ webhookUrl, sound: true });
    const button = view().getMuteButtonProps();
    expect(button).toMatchObject({
      hidden: false,
      'aria-pressed': 'false',
      'aria-label': 'Mute sounds',
    });
    button.onClick?.({} as MouseEvent);
    expect(widget.getSnapshot().muted).toBe(true);
    expect(view().getMuteButtonProps()['aria-pressed']).toBe('true');
  });
});
