/** The lines of an n8n streamed reply (newline-delimited JSON, one chunk object per line). */

export interface ChunkMetadata {
  nodeId: string;
  nodeName: string;
  itemIndex: number;
  runIndex: number;
  timestamp: number;
}

export function chunkMetadata(nodeId = 'agent', nodeName = 'Agent'): ChunkMetadata {
  return { nodeId, nodeName, itemIndex: 0, runIndex: 0, timestamp: Date.now() };
}

export function beginLine(metadata = chunkMetadata()): string {
  return `${JSON.stringify({ type: 'begin', metadata })}\n`;
}

export function itemLine(content: string, metadata = chunkMetadata()): string {
  return `${JSON.stringify({ type: 'item', content, metadata })}\n`;
}

export function endLine(metadata = chunkMetadata()): string {
  return `${JSON.stringify({ type: 'end', metadata })}\n`;
}

export function errorLine(content: string, metadata = chunkMetadata()): string {
  return `${JSON.stringify({ type: 'error', content, metadata })}\n`;
}

export function keepaliveLine(): string {
  return `${JSON.stringify({ type: 'keepalive' })}\n`;
}

/** Splits text into pieces of `size` characters, never inside a surrogate pair. */
export function splitText(text: string, size: number): string[] {
  const chars = Array.from(text);
  const step = Math.max(1, Math.floor(size));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += step) pieces.push(chars.slice(i, i + step).join(''));
  return pieces;
}
