import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { typeAllowed, type UploadRules } from './upload-rules.js';

export interface UploadRefusal {
  readonly status: 400 | 413 | 415;
  readonly code: string;
  readonly message: string;
}

export type UploadOutcome = { ok: true; files: number } | { ok: false; refusal: UploadRefusal };

/** A multipart chat message being received: its fields first, its files streamed on demand. */
export interface IncomingUpload {
  /** The text fields sent before the first file (n8n's chat and @cwp/core send them first). */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * The body for the webhook, as n8n's chat sends it: `fields` as parts, then each file as a
   * `files` part, streamed as it arrives (never a whole file in memory).
   */
  start(fields: Readonly<Record<string, string>>): { body: Readable; contentType: string };
  /** Reads and drops the rest of the request (answered without forwarding it). */
  discard(): void;
  /** All files read and within the rules, or why they were refused. */
  readonly outcome: Promise<UploadOutcome>;
}

interface QueuedFile {
  readonly stream: Readable;
  readonly filename: string;
  readonly mimeType: string;
}

const quoted = (value: string) => value.replace(/"/g, '%22').replace(/[\r\n]+/g, ' ');

/** Drops what is left of a request, up to `maxBytes`; past that the connection is cut. */
function drain(input: Readable, maxBytes: number): void {
  let seen = 0;
  input.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) input.destroy();
  });
  input.resume();
}

/**
 * Parses a multipart chat message against a widget's upload rules while it streams: a file of a
 * type not allowed (415), too big or one too many (413) ends the upload with a refusal.
 */
export function receiveUpload(
  source: IncomingMessage | Request,
  contentType: string,
  rules: UploadRules,
  maxFieldBytes: number,
): Promise<IncomingUpload | UploadRefusal> {
  const input =
    'socket' in source
      ? source
      : Readable.fromWeb((source.body ?? new ReadableStream()) as WebReadableStream);
  const drainCap = rules.maxFiles * rules.maxFileSize + 1024 * 1024;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: {
        fileSize: rules.maxFileSize,
        files: rules.maxFiles,
        fields: 20,
        fieldSize: maxFieldBytes,
        parts: rules.maxFiles + 20,
      },
    });
  } catch {
    drain(input, drainCap);
    return Promise.resolve({
      status: 400,
      code: 'bad_request',
      message: 'malformed multipart body',
    });
  }

  const fields: Record<string, string> = {};
  const queue: QueuedFile[] = [];
  let files = 0;
  let parsed = false;
  let body: PassThrough | null = null;
  let boundary = '';
  let piping = false;
  let finished = false;
  let ready: (value: IncomingUpload | UploadRefusal) => void = () => {};
  let settle: (outcome: UploadOutcome) => void = () => {};
  const outcome = new Promise<UploadOutcome>((resolve) => {
    settle = resolve;
  });

  const refuse = (refusal: UploadRefusal) => {
    if (finished) return;
    finished = true;
    input.unpipe(parser);
    drain(input, drainCap);
    body?.destroy(new Error(refusal.message));
    settle({ ok: false, refusal });
    ready(refusal);
  };

  /** Writes queued files into the body one after another, keeping to its pace. */
  const pump = () => {
    if (body === null || piping || finished) return;
    const next = queue.shift();
    if (next === undefined) {
      if (!parsed) return;
      finished = true;
      body.end(`--${boundary}--\r\n`);
      settle({ ok: true, files });
      return;
    }
    piping = true;
    const out = body;
    out.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${quoted(next.filename)}"\r\nContent-Type: ${quoted(next.mimeType)}\r\n\r\n`,
    );
    next.stream.on('data', (chunk: Buffer) => {
      if (!out.write(chunk)) {
        next.stream.pause();
        out.once('drain', () => next.stream.resume());
      }
    });
    next.stream.once('end', () => {
      if (finished) return;
      out.write('\r\n');
      piping = false;
      pump();
    });
  };

  const upload: IncomingUpload = {
    fields,
    outcome,
    start(values) {
      boundary = `cwp-${randomBytes(16).toString('hex')}`;
      body = new PassThrough();
      for (const [name, value] of Object.entries(values)) {
        body.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
        );
      }
      pump();
      return { body, contentType: `multipart/form-data; boundary=${boundary}` };
    },
    discard() {
      if (body !== null || finished) return;
      finished = true;
      input.unpipe(parser);
      drain(input, drainCap);
      for (const file of queue) file.stream.resume();
      settle({ ok: true, files: 0 });
    },
  };

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) {
      refuse({ status: 413, code: 'payload_too_large', message: `the field ${name} is too long` });
      return;
    }
    fields[name] = value;
  });
  parser.on('file', (_name, stream, info) => {
    files += 1;
    const filename = info.filename ?? 'file';
    if (!typeAllowed(rules, filename, info.mimeType)) {
      stream.resume();
      refuse({
        status: 415,
        code: 'unsupported_media_type',
        message: `"${filename}" (${info.mimeType}) is not a file type this widget accepts`,
      });
      return;
    }
    stream.once('limit', () =>
      refuse({
        status: 413,
        code: 'payload_too_large',
        message: `"${filename}" is larger than ${rules.maxFileSize} bytes`,
      }),
    );
    queue.push({ stream, filename, mimeType: info.mimeType });
    // The first file: every field has arrived.
    ready(upload);
    pump();
  });
  parser.on('filesLimit', () =>
    refuse({
      status: 413,
      code: 'too_many_files',
      message: `at most ${rules.maxFiles} files per message`,
    }),
  );
  parser.on('partsLimit', () =>
    refuse({ status: 413, code: 'payload_too_large', message: 'too many parts' }),
  );
  parser.on('fieldsLimit', () =>
    refuse({ status: 413, code: 'payload_too_large', message: 'too many fields' }),
  );
  parser.on('error', () =>
    refuse({ status: 400, code: 'bad_request', message: 'malformed multipart body' }),
  );
  parser.on('close', () => {
    parsed = true;
    ready(upload);
    pump();
  });
  input.on('error', () =>
    refuse({ status: 400, code: 'bad_request', message: 'the upload broke off' }),
  );
  input.pipe(parser);
  return new Promise((resolve) => {
    ready = (value) => {
      ready = () => {};
      resolve(value);
    };
  });
}
