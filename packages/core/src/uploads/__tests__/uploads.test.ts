import { WebSocketClient } from '@cwp/bot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idle, sends, useBot, useWidgets, waitFor } from '../../__tests__/helpers.js';
import { ConfigError } from '../../config/config-error.js';
import type { WidgetEvent } from '../../events/types.js';
import { connect } from '../../view/connect.js';
import type { RenderElement, RenderNode } from '../../view/render-tree.js';
import { createChatWidget } from '../../widget.js';
import { socketFiles } from '../socket-files.js';

const ctx = useBot();
const track = useWidgets();

function chat(extra: Record<string, unknown> = {}) {
  const widget = track(
    createChatWidget({
      webhookUrl: ctx.bot.webhookUrl,
      storage: 'memory',
      type: 'inline',
      allowFileUploads: true,
      allowedFilesMimeTypes: 'image/*,application/pdf',
      maxFileSize: 1000,
      maxFiles: 2,
      ...extra,
    }),
  );
  const events: WidgetEvent[] = [];
  widget.on('*', (event) => events.push(event));
  return { widget, events, view: () => connect(widget.getSnapshot(), widget) };
}

const png = (name = 'cat.png', size = 10) =>
  new File([new Uint8Array(size)], name, { type: 'image/png' });
const pdf = () => new File(['%PDF-1.4'], 'terms.pdf', { type: 'application/pdf' });

function text(node: RenderNode): string {
  return typeof node === 'string' ? node : node.children.map(text).join('');
}

afterEach(() => vi.unstubAllGlobals());

describe('file uploads', () => {
  it('refuses a wrong type, a too-big file and one too many, saying why in the error part', () => {
    const { widget, view } = chat();
    expect(widget.addFiles([new File(['a,b'], 'data.csv', { type: 'text/csv' })])).toBe(false);
    expect(view().errorText).toBe('“data.csv” is not a file type this chat accepts.');
    expect(view().getErrorProps().hidden).toBe(false);
    expect(widget.addFiles([png('huge.png', 5000)])).toBe(false);
    expect(view().errorText).toBe('“huge.png” is larger than 1,000 B.');
    expect(widget.addFiles([png(), pdf(), png('third.png')])).toBe(false);
    expect(view().errorText).toBe('You can attach up to 2 files.');
    expect(view().files.map((f) => f.name)).toEqual(['cat.png', 'terms.pdf']);
    expect(view().getAttachButtonProps().disabled).toBe(true);
    expect(view().getFileInputProps()).toMatchObject({
      accept: 'image/*,application/pdf',
      multiple: true,
    });
    const chip = view().files[1]!;
    expect(view().getAttachmentRemoveProps(chip)['aria-label']).toBe('Remove terms.pdf');
    view()
      .getAttachmentRemoveProps(chip)
      .onClick?.({} as MouseEvent);
    expect(view().files.map((f) => f.name)).toEqual(['cat.png']);
    expect(view().errorText).toBe('');
  });

  it('sends chosen files as multipart with the text; the message keeps names, a thumbnail and a count in analytics', async () => {
    const { widget, events, view } = chat();
    widget.addFiles([png(), pdf()]);
    expect(view().getSendButtonProps().disabled).toBe(false);
    expect(widget.send('See these')).toBe(true);
    await idle(widget);
    const [request] = sends(ctx.bot);
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request!.body).toMatchObject({
      action: 'sendMessage',
      chatInput: 'See these',
      files: [
        { field: 'files', name: 'cat.png', size: 10, type: 'image/png' },
        { field: 'files', name: 'terms.pdf', size: 8, type: 'application/pdf' },
      ],
    });
    const [question, answer] = widget.getSnapshot().messages;
    expect(question!.attachments).toEqual([
      { name: 'cat.png', size: 10, type: 'image/png' },
      { name: 'terms.pdf', size: 8, type: 'application/pdf' },
    ]);
    expect(answer!.text).toContain('Files: cat.png (image/png, 10 bytes), terms.pdf');
    expect(widget.getSnapshot().files).toEqual([]);
    const shown = view().messages[0]!.content[1] as RenderElement;
    expect(shown.attrs['data-part']).toBe('message-attachments');
    const [image, file] = shown.children as RenderElement[];
    expect((image!.children[0] as RenderElement).attrs.src).toMatch(/^blob:/);
    expect(text(file!)).toBe('terms.pdf8 B');
    expect(events.find((e) => e.type === 'message_sent')).toMatchObject({ files: 2 });
  });

  it('keeps the text and files of a failed upload and sends both again on retry', async () => {
    const { widget } = chat({ webhookUrl: `${ctx.bot.url}/webhook/fault/status-500-json` });
    widget.addFiles([pdf()]);
    widget.send('With a file');
    const failed = await waitFor(widget, (s) => s.messages[0]?.status === 'failed');
    const question = failed.messages[0]!;
    expect(question.text).toBe('With a file');
    expect(question.attachments?.map((a) => a.name)).toEqual(['terms.pdf']);
    widget.retry(question.id);
    await idle(widget);
    const bodies = sends(ctx.bot).map((r) => r.body as { files: { name: string }[] });
    expect(bodies.map((b) => b.files.map((f) => f.name))).toEqual([['terms.pdf'], ['terms.pdf']]);
  });

  it('sends files alone, without text', async () => {
    const { widget } = chat();
    widget.addFiles([pdf()]);
    expect(widget.send('')).toBe(true);
    await idle(widget);
    expect(sends(ctx.bot)[0]!.body).toMatchObject({
      chatInput: '',
      files: [{ name: 'terms.pdf' }],
    });
  });

  it('takes no files while uploads are off, and names bad upload settings', () => {
    const { widget, view } = chat({ allowFileUploads: false });
    expect(widget.addFiles([pdf()])).toBe(false);
    expect(view().getAttachButtonProps().hidden).toBe(true);
    expect(view().getWindowProps().onDrop).toBeUndefined();
    const bad = () =>
      createChatWidget({
        webhookUrl: ctx.bot.webhookUrl,
        allowFileUploads: 'yes',
        allowedFilesMimeTypes: 'image/*;pdf',
        maxFileSize: -1,
        maxFiles: 1.5,
      } as never);
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      const paths = (error as ConfigError).issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'allowFileUploads',
          'allowedFilesMimeTypes',
          'maxFileSize',
          'maxFiles',
        ]),
      );
    }
  });
});

describe('files over the response-node socket', () => {
  it('encodes each file as n8n expects: name, type and a base64 data URL', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const [big, note] = await socketFiles([
      new File([bytes], 'big.bin', { type: 'application/octet-stream' }),
      new File(['hi'], 'note.txt', { type: 'text/plain' }),
    ]);
    expect(note).toEqual({
      name: 'note.txt',
      type: 'text/plain',
      data: 'data:text/plain;base64,aGk=',
    });
    const decoded = Buffer.from(big!.data.split(',')[1]!, 'base64');
    expect(new Uint8Array(decoded)).toEqual(bytes);
  });
});

describe('uploads in a response-node conversation', () => {
  it('sends the visitor’s files over n8n’s socket as { name, type, data }', async () => {
    vi.stubGlobal('WebSocket', WebSocketClient);
    const { widget } = chat({ webhookUrl: ctx.bot.responseNodeUrl });
    widget.send('hello');
    await waitFor(widget, (s) => s.messages[1]?.status === 'done' && !s.isTyping);
    widget.addFiles([png('dot.png', 3)]);
    expect(widget.addFiles([pdf()])).toBe(true);
    widget.send('my reply');
    await waitFor(widget, (s) => s.messages.length === 4 && s.messages[3]?.status === 'done');
    expect(ctx.bot.socketMessages.map((m) => m.body)).toEqual([
      {
        sessionId: widget.getSnapshot().sessionId,
        action: 'sendMessage',
        chatInput: 'my reply',
        files: [
          { name: 'dot.png', type: 'image/png', data: 'data:image/png;base64,AAAA' },
          {
            name: 'terms.pdf',
            type: 'application/pdf',
            data: 'data:application/pdf;base64,JVBERi0xLjQ=',
          },
        ],
      },
    ]);
    expect(widget.getSnapshot().messages[2]!.attachments?.map((a) => a.name)).toEqual([
      'dot.png',
      'terms.pdf',
    ]);
  });
});
