import { describe, expect, it } from 'vitest';
import { defaults, parseState, stateQuery } from '../url-state.js';

describe("the playground's URL contract", () => {
  it('shows the DOM renderer, floating, direct, whole replies and the auto theme by default', () => {
    expect(parseState('')).toEqual({
      renderer: 'dom',
      type: 'floating',
      mode: 'direct',
      reply: 'whole',
      theme: 'auto',
    });
  });

  it('takes every setting from the query string', () => {
    expect(
      parseState('?renderer=solid&type=fullscreen&mode=managed&reply=streamed&theme=dark'),
    ).toEqual({
      renderer: 'solid',
      type: 'fullscreen',
      mode: 'managed',
      reply: 'streamed',
      theme: 'dark',
    });
  });

  it('falls back to the default for a value it does not know', () => {
    expect(parseState('?renderer=react&type=sidebar&theme=light')).toEqual({
      ...defaults,
      theme: 'light',
    });
  });

  it('writes a link that reads back as the same state', () => {
    const state = parseState('?type=inline&renderer=svelte&reply=streamed');
    expect(stateQuery(state)).toBe(
      '?renderer=svelte&type=inline&mode=direct&reply=streamed&theme=auto',
    );
    expect(parseState(stateQuery(state))).toEqual(state);
  });
});
