/** What n8n's response-node websocket sends, besides bot text. */
export const heartbeatFrame = 'n8n|heartbeat';
/** Must answer every heartbeat, or n8n cancels the execution after about a minute. */
export const heartbeatAckFrame = 'n8n|heartbeat-ack';
/** Sent after a message whose node does not wait: n8n carries on by itself. */
export const continueFrame = 'n8n|continue';

export type Frame =
  | { readonly kind: 'heartbeat' }
  | { readonly kind: 'continue' }
  | { readonly kind: 'message'; readonly text: string };

/** Classifies one text frame from the execution's socket. */
export function readFrame(data: string): Frame {
  if (data === heartbeatFrame) return { kind: 'heartbeat' };
  if (data === continueFrame) return { kind: 'continue' };
  return { kind: 'message', text: data };
}
