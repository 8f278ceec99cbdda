/** A file as n8n's response-node socket takes it (what `@n8n/chat` sends there). */
export interface SocketFile {
  readonly name: string;
  readonly type: string;
  /** A base64 `data:` URL of the file's bytes. */
  readonly data: string;
}

const chunk = 0x8000;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * Encodes files for a visitor message sent over n8n's websocket:
 * `{ sessionId, action: 'sendMessage', chatInput, files: await socketFiles(files) }`.
 */
export async function socketFiles(files: readonly File[]): Promise<SocketFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const type = file.type || 'application/octet-stream';
      const bytes = new Uint8Array(await file.arrayBuffer());
      return { name: file.name, type: file.type, data: `data:${type};base64,${base64(bytes)}` };
    }),
  );
}
