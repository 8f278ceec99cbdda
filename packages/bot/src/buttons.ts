/**
 * n8n's JSON chat messages with buttons (as newer n8n sends them and `@n8n/chat` 1.37 draws them),
 * so the widget's buttons can be tried without n8n: `/buttons` answers with one, and
 * `GET /webhook-waiting/<name>` stands in for n8n's resume URLs (every hit is in `bot.requests`).
 */

/** Where a button link on the bot's own origin points. */
export const waitingPath = '/webhook-waiting/';

/**
 * The with-buttons message for `/buttons` (`/buttons free`: without `blockUserInput`): a link on
 * the bot's origin, a link elsewhere, and a button with no link (its text is sent back).
 */
export function buttonsReply(chatInput: string, origin: string): string | undefined {
  const command = chatInput.trim().toLowerCase();
  if (command !== '/buttons' && command !== '/buttons free') return undefined;
  return JSON.stringify({
    type: 'with-buttons',
    text: 'Shall I **approve** the order?',
    buttons: [
      { text: 'Approve', link: `${origin}${waitingPath}approve?order=42`, type: 'primary' },
      { text: 'Read the terms', link: 'https://example.com/terms', type: 'secondary' },
      { text: 'Tell me more', type: 'secondary' },
    ],
    blockUserInput: command === '/buttons',
  });
}
