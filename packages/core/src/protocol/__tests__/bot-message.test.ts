import { describe, expect, it } from 'vitest';
import { isSafeButtonLink, maxButtons, parseBotMessage } from '../index.js';

const withButtons = (extra: Record<string, unknown>) =>
  JSON.stringify({ type: 'with-buttons', text: 'Pick one', ...extra });

describe("n8n's JSON chat messages", () => {
  it('reads a with-buttons message: its text, its buttons and whether it blocks input', () => {
    const text = withButtons({
      buttons: [
        {
          text: 'Approve',
          link: 'https://n8n.example.com/webhook-waiting/1?approved=true',
          type: 'primary',
        },
        { text: ' Decline ', link: 'https://n8n.example.com/webhook-waiting/1', type: 'secondary' },
        { text: 'Tell me more' },
      ],
      blockUserInput: true,
    });
    expect(parseBotMessage(`  ${text}\n`)).toEqual({
      text: 'Pick one',
      buttons: [
        {
          text: 'Approve',
          link: 'https://n8n.example.com/webhook-waiting/1?approved=true',
          type: 'primary',
        },
        { text: 'Decline', link: 'https://n8n.example.com/webhook-waiting/1', type: 'secondary' },
        { text: 'Tell me more', type: 'primary' },
      ],
      blockUserInput: true,
    });
  });

  it('reads message and error messages as their text', () => {
    expect(parseBotMessage('{"type":"message","text":"Hello **there**"}')).toEqual({
      text: 'Hello **there**',
    });
    expect(parseBotMessage('{"type":"error","message":"The order service is down"}')).toEqual({
      text: 'The order service is down',
      error: true,
    });
  });

  it('leaves everything else as text', () => {
    for (const text of [
      'Hello',
      '{"output":"x"}',
      '{"type":"message"}',
      '{"type":"message","text":5}',
      '{"type":"with-buttons", broken',
      '[{"type":"message","text":"x"}]',
      '{"type":"__proto__","text":"x"}',
      'Here is JSON: {"type":"message","text":"x"}',
    ])
      expect(parseBotMessage(text), text).toBeUndefined();
  });

  it('drops buttons whose link is not http(s) or a plain path, so javascript: never reaches a page', () => {
    const parsed = parseBotMessage(
      withButtons({
        buttons: [
          { text: 'a', link: 'javascript:alert(1)' },
          { text: 'b', link: 'JaVaScRiPt:alert(1)' },
          { text: 'c', link: 'data:text/html,<script>1</script>' },
          { text: 'd', link: '//evil.example/x' },
          { text: 'e', link: '\\\\evil.example' },
          { text: 'f', link: 'java\nscript:alert(1)' },
          { text: 'g', link: 42 },
          { text: '', link: 'https://ok.example' },
          { text: 'ok', link: 'https://ok.example/x' },
          { text: 'relative', link: 'buttons/abc_123' },
        ],
        blockUserInput: true,
      }),
    );
    expect(parsed?.buttons?.map((b) => b.text)).toEqual(['ok', 'relative']);
    expect(isSafeButtonLink('mailto:a@b.c')).toBe(false);
    expect(isSafeButtonLink('/webhook-waiting/1?x=y')).toBe(true);
  });

  it('bounds what a hostile message can make: button count and text length', () => {
    const buttons = Array.from({ length: 60 }, (_, i) => ({ text: `${'x'.repeat(400)}${i}` }));
    const parsed = parseBotMessage(withButtons({ buttons }));
    expect(parsed?.buttons).toHaveLength(maxButtons);
    expect(parsed?.buttons?.[0]?.text).toHaveLength(200);
    expect(parseBotMessage(withButtons({ text: 'x'.repeat(70_000) }))).toBeUndefined();
  });

  it('never blocks the composer without a button to choose', () => {
    expect(parseBotMessage(withButtons({ buttons: [], blockUserInput: true }))).toEqual({
      text: 'Pick one',
    });
    expect(
      parseBotMessage(
        withButtons({ buttons: [{ text: 'x', link: 'javascript:1' }], blockUserInput: true }),
      ),
    ).toEqual({ text: 'Pick one' });
  });
});
