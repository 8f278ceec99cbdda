import { describe, expectTypeOf, it } from 'vitest';
import type { ChatWidgetConfig } from '../../config/schema.js';
import type { LocalePack } from '../locale-pack.js';
import type { Messages, PluralMessage } from '../messages.js';

type MessagesOption = NonNullable<ChatWidgetConfig['messages']>;

describe('message types', () => {
  it('takes a plural message or one string for a count, and strings elsewhere', () => {
    expectTypeOf({ unread: '{count} new' }).toExtend<MessagesOption>();
    expectTypeOf({ unread: { one: '1 new', other: '{count} new' } }).toExtend<MessagesOption>();
    expectTypeOf({ unread: { one: '1 new' } }).not.toExtend<MessagesOption>();
    expectTypeOf({ send: { other: 'Send' } }).not.toExtend<MessagesOption>();
    expectTypeOf({ sendd: 'Send' }).not.toExtend<MessagesOption>();
  });

  it('resolves every text to a string and every count to a plural message', () => {
    expectTypeOf<Messages['send']>().toEqualTypeOf<string>();
    expectTypeOf<Messages['unread']>().toEqualTypeOf<PluralMessage>();
    expectTypeOf<LocalePack['messages']>().toEqualTypeOf<Messages>();
  });
});
