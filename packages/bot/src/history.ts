/** Completed exchanges per session, answered to `loadPreviousSession` in LangChain's serialised form. */

export interface LangChainMessage {
  lc: 1;
  type: 'constructor';
  id: ['langchain_core', 'messages', 'HumanMessage' | 'AIMessage'];
  kwargs: {
    content: string;
    additional_kwargs: Record<string, never>;
    response_metadata: Record<string, never>;
    tool_calls?: [];
    invalid_tool_calls?: [];
  };
}

function humanMessage(content: string): LangChainMessage {
  return {
    lc: 1,
    type: 'constructor',
    id: ['langchain_core', 'messages', 'HumanMessage'],
    kwargs: { content, additional_kwargs: {}, response_metadata: {} },
  };
}

function aiMessage(content: string): LangChainMessage {
  return {
    lc: 1,
    type: 'constructor',
    id: ['langchain_core', 'messages', 'AIMessage'],
    kwargs: {
      content,
      additional_kwargs: {},
      response_metadata: {},
      tool_calls: [],
      invalid_tool_calls: [],
    },
  };
}

export class SessionHistory {
  readonly #sessions = new Map<string, LangChainMessage[]>();

  record(sessionId: string, input: string, output: string): void {
    const messages = this.#sessions.get(sessionId) ?? [];
    messages.push(humanMessage(input), aiMessage(output));
    this.#sessions.set(sessionId, messages);
  }

  load(sessionId: string): LangChainMessage[] {
    return [...(this.#sessions.get(sessionId) ?? [])];
  }

  clear(): void {
    this.#sessions.clear();
  }
}
