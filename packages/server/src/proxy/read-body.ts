import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too_large' | 'aborted' };

const tooLarge: BodyResult = { ok: false, reason: 'too_large' };

function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  const declared = Number(contentLength);
  return contentLength != null && Number.isFinite(declared) && declared > maxBytes;
}

/**
 * Reads a request body, stopping as soon as it passes `maxBytes`: the count is of bytes
 * received, so a missing or lying Content-Length changes nothing. On Node the socket's
 * IncomingMessage is read directly (much cheaper than the web stream over it).
 */
export function readLimitedBody(
  source: Request | IncomingMessage,
  maxBytes: number,
): Promise<BodyResult> {
  return 'socket' in source ? readIncoming(source, maxBytes) : readWebBody(source, maxBytes);
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (declaredTooLarge(incoming.headers['content-length'], maxBytes)) {
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onFail);
      incoming.off('close', onFail);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.pause();
        finish(tooLarge);
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onFail = () => finish({ ok: false, reason: 'aborted' });
    if (incoming.readableEnded) return finish({ ok: true, bytes: new Uint8Array() });
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onFail);
    incoming.on('close', onFail);
  });
}

async function readWebBody(request: Request, maxBytes: number): Promise<BodyResult> {
  if (declaredTooLarge(request.headers.get('content-length'), maxBytes)) return tooLarge;
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge;
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON request body; text that is not UTF-8 or not JSON is not ok. */
export function parseJsonBody(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(strictUtf8.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}
