import type { Exchange } from './exchange.js';
import { beginLine, chunkMetadata, endLine, errorLine, itemLine, keepaliveLine } from './ndjson.js';

/** Every broken reply in shared/hostile/transport.md, served at `POST /webhook/fault/<name>`. */
const bodyFaults = [
  'html-200',
  'empty-200',
  'null-json',
  'array-json',
  'output-number',
  'no-output',
  'json-as-html',
  'ndjson-as-json',
  'split-line',
  'split-multibyte',
  'no-final-newline',
  'bad-line',
  'two-blocks',
  'error-line',
  'no-items',
  'keepalive',
  'stall',
  'never-ends',
  'drop-mid-stream',
] as const;

const statusCodes = [401, 403, 404, 413, 429, 500, 502, 503, 504] as const;
type StatusCode = (typeof statusCodes)[number];
type StatusFaultName = `status-${StatusCode}-${'html' | 'json'}`;

export type FaultName = (typeof bodyFaults)[number] | StatusFaultName;

export const faultNames: readonly FaultName[] = [
  ...bodyFaults,
  ...statusCodes.flatMap((code) => [`status-${code}-html`, `status-${code}-json`] as const),
];

export function isFaultName(name: string): name is FaultName {
  return (faultNames as readonly string[]).includes(name);
}

/**
 * The text a correct client receives from the faults that carry some: the whole reply, or the
 * streamed item contents in order (two-blocks: one entry per block; error-line: the items before
 * the error; stall, never-ends, drop-mid-stream: the items sent before things go wrong).
 */
export const faultContent = {
  'json-as-html': ['This JSON reply was served as text/html.'],
  'ndjson-as-json': ['This stream ', 'was served ', 'as application/json.'],
  'split-line': ['Hello, ', 'split world!'],
  'split-multibyte': ['Café 👋 déjà vu'],
  'no-final-newline': ['No final ', 'newline.'],
  'bad-line': ['Before the bad line. ', 'After the bad line.'],
  'two-blocks': ['First block.', 'Second block.'],
  'error-line': ['Partial answer '],
  'no-items': [],
  keepalive: ['Still ', 'here.'],
  stall: ['Stalled ', 'reply '],
  'never-ends': ['Never ', 'ending '],
  'drop-mid-stream': ['Dropped ', 'mid ', 'stream '],
} as const satisfies Partial<Record<FaultName, readonly string[]>>;

/** The error line's content in the `error-line` fault. */
export const faultErrorMessage = 'The workflow failed while answering.';

export interface FaultOptions {
  /** How long `stall` stays silent before finishing (default 60 s). */
  stallMs?: number;
}

const pauseMs = 30;
const dropAfterMs = 150;
const defaultStallMs = 60_000;

const htmlErrorPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Something went wrong</title>
<style>body{font-family:sans-serif;margin:4em}</style></head>
<body><h1>Web server is returning an unknown error</h1>
<p>The origin server answered with something unexpected. <a href="/">Try again</a>.</p>
<script>console.log('proxy page')</script>
</body>
</html>
`;

const statusTitles: Record<StatusCode, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

const n8nNotRegistered = {
  code: 404,
  message: 'The requested webhook "POST abc/chat" is not registered.',
  hint: "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)",
};

/** Bodies close to what n8n or the proxy in front of it answers with each status. */
const statusJson: Record<StatusCode, unknown> = {
  401: { code: 401, message: 'Authorization is required!' },
  403: { code: 403, message: 'Authorization data is wrong!' },
  404: n8nNotRegistered,
  413: { code: 413, message: 'request entity too large' },
  429: { code: 429, message: 'Too many requests, please try again later.' },
  500: { code: 0, message: 'Error in workflow' },
  502: { code: 502, message: 'Bad Gateway' },
  503: { code: 503, message: 'Service Unavailable' },
  504: { code: 504, message: 'Gateway Timeout' },
};

function statusHtml(code: StatusCode): string {
  const title = `${code} ${statusTitles[code]}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

async function writeAll(ex: Exchange, pieces: readonly (string | Buffer)[]): Promise<boolean> {
  for (const [index, piece] of pieces.entries()) {
    if (index > 0 && !(await ex.sleep(pauseMs))) return false;
    if (!ex.write(piece)) return false;
  }
  return true;
}

async function streamPieces(ex: Exchange, pieces: readonly (string | Buffer)[]): Promise<void> {
  if (!ex.startStream()) return;
  if (await writeAll(ex, pieces)) ex.end();
}

function items(contents: readonly string[], metadata = chunkMetadata()): string[] {
  return contents.map((content) => itemLine(content, metadata));
}

async function runStatusFault(ex: Exchange, code: StatusCode, kind: 'html' | 'json') {
  const headers = code === 429 ? { 'Retry-After': '2' } : {};
  if (kind === 'json') ex.json(code, statusJson[code], headers);
  else ex.send(code, 'text/html', statusHtml(code), headers);
}

/** Serves the broken reply `name`. Resolves when the response is over or the client has gone. */
export async function runFault(ex: Exchange, name: FaultName, options: FaultOptions = {}) {
  const statusMatch = /^status-(\d{3})-(html|json)$/.exec(name);
  if (statusMatch) {
    return runStatusFault(
      ex,
      Number(statusMatch[1]) as StatusCode,
      statusMatch[2] as 'html' | 'json',
    );
  }
  const meta = chunkMetadata();
  switch (name) {
    case 'html-200':
      return ex.send(200, 'text/html; charset=utf-8', htmlErrorPage);
    case 'empty-200':
      return ex.send(200, 'application/json; charset=utf-8', '');
    case 'null-json':
      return ex.send(200, 'application/json; charset=utf-8', 'null');
    case 'array-json':
      return ex.send(200, 'application/json; charset=utf-8', '[]');
    case 'output-number':
      return ex.json(200, { output: 123 });
    case 'no-output':
      return ex.json(200, { status: 'ok', answer: 'The text is not where a client looks for it.' });
    case 'json-as-html':
      return ex.send(
        200,
        'text/html; charset=utf-8',
        JSON.stringify({ output: faultContent['json-as-html'][0] }),
      );
    case 'ndjson-as-json':
      // The whole stream in one body with a length, so it looks like a plain JSON reply.
      return ex.send(
        200,
        'application/json',
        beginLine(meta) + items(faultContent['ndjson-as-json'], meta).join('') + endLine(meta),
      );
    case 'split-line': {
      const [first, second] = items(faultContent['split-line'], meta) as [string, string];
      const cut = Math.floor(second.length / 2);
      return streamPieces(ex, [
        beginLine(meta) + first + second.slice(0, cut),
        second.slice(cut) + endLine(meta),
      ]);
    }
    case 'split-multibyte': {
      const text = faultContent['split-multibyte'][0];
      const bytes = Buffer.from(beginLine(meta) + itemLine(text, meta) + endLine(meta), 'utf8');
      const accent = bytes.indexOf(Buffer.from('é', 'utf8'));
      const emoji = bytes.indexOf(Buffer.from('👋', 'utf8'));
      // Cut after the first byte of "é" and after the second byte of the emoji.
      const cuts = [accent + 1, emoji + 2];
      return streamPieces(ex, [
        bytes.subarray(0, cuts[0]),
        bytes.subarray(cuts[0], cuts[1]),
        bytes.subarray(cuts[1]),
      ]);
    }
    case 'no-final-newline':
      return streamPieces(ex, [
        beginLine(meta),
        ...items(faultContent['no-final-newline'], meta),
        endLine(meta).trimEnd(),
      ]);
    case 'bad-line': {
      const [before, after] = items(faultContent['bad-line'], meta) as [string, string];
      return streamPieces(ex, [
        beginLine(meta),
        before,
        '{"type":"item","content":"this line is cut sh\n',
        after,
        endLine(meta),
      ]);
    }
    case 'two-blocks': {
      const [first, second] = faultContent['two-blocks'];
      const a = chunkMetadata('agent-1', 'First agent');
      const b = chunkMetadata('agent-2', 'Second agent');
      return streamPieces(ex, [
        beginLine(a),
        itemLine(first, a),
        endLine(a),
        beginLine(b),
        itemLine(second, b),
        endLine(b),
      ]);
    }
    case 'error-line':
      return streamPieces(ex, [
        beginLine(meta),
        ...items(faultContent['error-line'], meta),
        errorLine(faultErrorMessage, meta),
      ]);
    case 'no-items':
      return streamPieces(ex, [beginLine(meta), endLine(meta)]);
    case 'keepalive': {
      const [still, here] = items(faultContent.keepalive, meta) as [string, string];
      return streamPieces(ex, [
        keepaliveLine(),
        beginLine(meta),
        still,
        keepaliveLine(),
        keepaliveLine(),
        here,
        keepaliveLine(),
        endLine(meta),
      ]);
    }
    case 'stall': {
      if (!ex.startStream()) return;
      if (!(await writeAll(ex, [beginLine(meta), ...items(faultContent.stall, meta)]))) return;
      if (!(await ex.sleep(options.stallMs ?? defaultStallMs))) return;
      ex.write(itemLine('resumed.', meta));
      return ex.end(endLine(meta));
    }
    case 'never-ends': {
      if (!ex.startStream()) return;
      if (!(await writeAll(ex, [beginLine(meta), ...items(faultContent['never-ends'], meta)])))
        return;
      return ex.untilClosed();
    }
    case 'drop-mid-stream': {
      if (!ex.startStream()) return;
      const pieces = [beginLine(meta), ...items(faultContent['drop-mid-stream'], meta)];
      if (!(await writeAll(ex, pieces))) return;
      // A reset discards what the client has received but not yet read: give a busy client time
      // to read the items first, still well inside the widget's idle timeout.
      if (await ex.sleep(dropAfterMs)) ex.destroy();
      return;
    }
  }
}
