import type { PartName } from '@cwp/core';
import { expect, type Locator, type Page } from '@playwright/test';

/** Anatomy part names, straight from @cwp/core's anatomy. */
export type Part = PartName;

export const partSelector = (part: Part) => `[data-scope="cwp"][data-part="${part}"]`;

/**
 * One widget on a page, found by `data-part` only (Playwright's CSS engine pierces open shadow
 * roots), so every renderer is driven by the same model.
 */
export class WidgetModel {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly type: 'floating' | 'inline' | 'fullscreen',
    readonly index = 0,
  ) {
    // The embed's placeholder bubble (shown while the rest loads) is not the widget.
    this.root = page.locator(`${partSelector('root')}:not([data-placeholder])`).nth(index);
  }

  part(name: Part): Locator {
    return this.root.locator(partSelector(name));
  }

  get bubble() {
    return this.part('bubble');
  }
  get window() {
    return this.part('window');
  }
  get input() {
    return this.part('input');
  }
  get sendButton() {
    return this.part('send-button');
  }
  get messages() {
    return this.part('message');
  }
  get botMessages() {
    return this.root.locator(`${partSelector('message')}[data-role="bot"]`);
  }
  get userMessages() {
    return this.root.locator(`${partSelector('message')}[data-role="user"]`);
  }
  get error() {
    return this.part('error');
  }
  get typing() {
    return this.part('typing');
  }

  /** This widget's bubble, which on the embed may still be the loader's placeholder. */
  get anyBubble(): Locator {
    return this.page.locator(partSelector('bubble')).nth(this.index);
  }

  async open(): Promise<void> {
    if (this.type === 'floating') {
      await this.anyBubble.click();
    }
    await expect(this.window).toBeVisible();
  }

  async send(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  async expectBotReply(text: string | RegExp, timeout = 10_000): Promise<void> {
    await expect(this.botMessages.last()).toContainText(text, { timeout });
    await expect(this.botMessages.last()).toHaveAttribute('data-status', 'done');
  }
}
