import { describe, expect, it, vi } from 'vitest';
import { createReplySound } from '../dom/reply-sound.js';
import { createMemoryStorage } from '../session/storage.js';
import { createChatWidget } from '../widget.js';
import { idle, manualTransport, useWidgets } from './helpers.js';

const track = useWidgets();

/** A widget whose replies the test sends, with a fake player in place of Web Audio. */
function setup(sound: boolean | { url?: string }, storage = createMemoryStorage()) {
  const { transport, calls } = manualTransport();
  const widget = track(createChatWidget({ transport, storage, sound }));
  const play = vi.fn();
  const replySound = createReplySound(play);
  let previous = widget.getSnapshot();
  const off = widget.subscribe((state) => {
    replySound(previous, state);
    previous = state;
  });
  const reply = async (text: string, blocks = 1) => {
    const call = calls.at(-1)!;
    for (let i = 0; i < blocks; i++) {
      call.push({ type: 'delta', text: `${text} ${i}` });
      if (i < blocks - 1) call.push({ type: 'end' });
    }
    call.finish();
    await idle(widget);
  };
  return { widget, play, off, reply };
}

describe('reply sound', () => {
  it('plays once for a reply that arrives while the window is closed', async () => {
    const { widget, play, reply } = setup(true);
    widget.open();
    widget.send('hello');
    widget.close();
    await reply('Hi!', 2);
    expect(widget.getSnapshot().unread).toBe(2);
    expect(play).toHaveBeenCalledTimes(1);
    expect(play).toHaveBeenCalledWith(undefined);
    widget.send('again');
    await reply('Again');
    expect(play).toHaveBeenCalledTimes(2);
  });

  it('plays the configured file', async () => {
    const { widget, play, reply } = setup({ url: 'https://cdn.example/ding.mp3' });
    widget.send('hello');
    await reply('Hi!');
    expect(play).toHaveBeenCalledWith('https://cdn.example/ding.mp3');
  });

  it('stays silent while the window is open, when muted, and without config.sound', async () => {
    const open = setup(true);
    open.widget.open();
    open.widget.send('hello');
    await open.reply('Hi!');
    expect(open.play).not.toHaveBeenCalled();

    const muted = setup(true);
    muted.widget.setMuted(true);
    muted.widget.send('hello');
    await muted.reply('Hi!');
    expect(muted.widget.getSnapshot().unread).toBe(1);
    expect(muted.play).not.toHaveBeenCalled();

    const off = setup(false);
    off.widget.send('hello');
    await off.reply('Hi!');
    expect(off.play).not.toHaveBeenCalled();
  });

  it('remembers the mute in the widget storage', () => {
    const storage = createMemoryStorage();
    const first = setup(true, storage).widget;
    expect(first.getSnapshot().muted).toBe(false);
    first.setMuted(true);
    expect(first.getSnapshot().muted).toBe(true);
    first.destroy();
    const second = setup(true, storage).widget;
    expect(second.getSnapshot().muted).toBe(true);
    second.setMuted(false);
    expect(setup(true, storage).widget.getSnapshot().muted).toBe(false);
  });
});
