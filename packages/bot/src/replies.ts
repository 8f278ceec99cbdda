/** The default bot's answers: an echo, plus a few commands that are handy in a demo. */

export interface ReplyInput {
  chatInput: string;
  sessionId: string;
  metadata?: unknown;
  /** Files of a multipart message (name, size, type; the bot keeps no contents). */
  files?: readonly { name: string; size: number; type: string }[];
}

export type ReplyFunction = (input: ReplyInput) => string | Promise<string>;

export const markdownSample = [
  '# A markdown reply',
  '',
  'Some **bold** text, some _emphasis_ and `inline code`.',
  '',
  '- a first point',
  '- a second point with a [link](https://example.com)',
  '',
  '1. step one',
  '2. step two',
  '',
  '```ts',
  "const greeting = 'hello';",
  'console.log(greeting);',
  '```',
].join('\n');

/** GitHub-flavoured extras: a table wider than the window, strikethrough, task items, code. */
export const gfmSample = [
  'GFM sample',
  '',
  `| Plan | ${Array.from({ length: 12 }, (_, i) => `Feature ${i + 1}`).join(' | ')} |`,
  `|:--|${'--:|'.repeat(12)}`,
  `| Pro | ${Array.from({ length: 12 }, (_, i) => `value ${i + 1}`).join(' | ')} |`,
  '',
  'Price: ~~$20~~ $15',
  '',
  '- [x] sign up',
  '- [ ] pay',
  '',
  '```sh',
  'npm install @cwp/dom',
  '```',
].join('\n');

const longParagraph =
  'This is a long reply, written to show how the widget copes with text that goes on for a while. ' +
  'It wraps across many lines, scrolls the message list, and when streamed it arrives in many small pieces. ';

/** About 2,000 characters of plain prose, in paragraphs. */
export const longSample = Array.from({ length: 10 }, (_, i) =>
  `${i + 1}. ${longParagraph}`.trimEnd(),
).join('\n\n');

export const helpText = [
  'Commands this local bot understands:',
  '- `/markdown`: a markdown sample',
  '- `/gfm`: a table, strikethrough, task items and code',
  '- `/long`: about 2,000 characters',
  '- `/fault <name>`: a broken reply (for example `/fault status-504-html`)',
  'Anything else is echoed back.',
].join('\n');

/** "Files: a.png (image/png, 68 bytes)": proves a multipart upload arrived, and with what. */
function filesLine(files: ReplyInput['files']): string {
  if (!files || files.length === 0) return '';
  const list = files.map((f) => `${f.name} (${f.type || 'no type'}, ${f.size} bytes)`);
  return `\n\nFiles: ${list.join(', ')}`;
}

export const defaultReply: ReplyFunction = ({ chatInput, files }) => {
  const command = chatInput.trim().toLowerCase();
  if (command === '/markdown') return markdownSample;
  if (command === '/gfm') return gfmSample;
  if (command === '/long') return longSample;
  if (command === '/help') return helpText;
  return `You said: ${chatInput}${filesLine(files)}`;
};

/** The fault named by a `/fault <name>` message, or undefined when the message is not one. */
export function faultCommand(chatInput: string): string | undefined {
  const match = /^\/fault\s+(\S+)\s*$/i.exec(chatInput.trim());
  return match?.[1]?.toLowerCase();
}
