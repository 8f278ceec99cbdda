export function post(url: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

export function send(url: string, chatInput: string, sessionId = 'session-1', init?: RequestInit) {
  return post(url, { action: 'sendMessage', sessionId, chatInput }, init);
}

/** The body's raw reads, in arrival order. */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export function concat(chunks: readonly Uint8Array[]): string {
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON objects of an NDJSON body, skipping lines that do not parse. */
export function ndjson(text: string): Array<{ type: string; content?: string }> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as { type: string; content?: string }];
      } catch {
        return [];
      }
    });
}

export function itemText(text: string): string {
  return ndjson(text)
    .filter((chunk) => chunk.type === 'item')
    .map((chunk) => chunk.content)
    .join('');
}
