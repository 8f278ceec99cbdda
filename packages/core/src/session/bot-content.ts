import { parseBotMessage } from '../protocol/bot-message.js';
import type { ChatMessage } from '../types.js';

/**
 * A finished whole bot message, read as n8n's JSON chat messages are (see `parseBotMessage`): its
 * text becomes what the JSON says, with its buttons. Anything else comes back as it was.
 */
export function readBotContent(message: ChatMessage): ChatMessage {
  if (message.role !== 'bot' || message.buttons !== undefined) return message;
  const content = parseBotMessage(message.text);
  if (content === undefined) return message;
  const { text, buttons, blockUserInput, error } = content;
  return {
    ...message,
    text,
    ...(buttons ? { buttons } : {}),
    ...(blockUserInput ? { blockUserInput } : {}),
    ...(error ? { botError: true } : {}),
  };
}

/** The message the composer waits on: the latest bot message, blocking input and not yet chosen. */
export function blockingMessage(messages: readonly ChatMessage[]): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== 'bot') continue;
    return message.blockUserInput === true && message.chosen === undefined ? message : undefined;
  }
  return undefined;
}
