import { describe, expect, it } from 'vitest';
import { fakeWidget, stateOf } from '../../__tests__/fake-widget.js';
import { syncOpen } from '../sync-open.js';

describe('syncOpen (a renderer’s controlled open prop)', () => {
  it('opens a closed widget when the prop says open, telling analytics it was the API', () => {
    const fake = fakeWidget(stateOf({ isOpen: false }));
    syncOpen(fake.widget, true);
    expect(fake.calls).toEqual(['open:api']);
  });

  it('closes an open widget when the prop says closed', () => {
    const fake = fakeWidget(stateOf({ isOpen: true }));
    syncOpen(fake.widget, false);
    expect(fake.calls).toEqual(['close']);
  });

  it('does nothing when the prop already agrees', () => {
    const open = fakeWidget(stateOf({ isOpen: true }));
    syncOpen(open.widget, true);
    const closed = fakeWidget(stateOf({ isOpen: false }));
    syncOpen(closed.widget, false);
    expect([...open.calls, ...closed.calls]).toEqual([]);
  });

  it('leaves an uncontrolled widget alone', () => {
    const open = fakeWidget(stateOf({ isOpen: true }));
    const closed = fakeWidget(stateOf({ isOpen: false }));
    syncOpen(open.widget, undefined);
    syncOpen(closed.widget, undefined);
    expect([...open.calls, ...closed.calls]).toEqual([]);
  });
});
