/** How close to the end (px) still counts as "reading the latest". */
const threshold = 48;

/**
 * Keeps a scroll container at its end while the visitor is there, and leaves it alone once they
 * scroll up to read; scrolling back down re-attaches it.
 */
export function createAutoScroll(element: HTMLElement) {
  let pinned = true;
  const onScroll = () => {
    pinned = element.scrollHeight - element.scrollTop - element.clientHeight <= threshold;
  };
  element.addEventListener('scroll', onScroll, { passive: true });
  return {
    /** Call after content changed; `force` re-attaches (the visitor just sent something). */
    update(force = false): void {
      if (force) pinned = true;
      if (pinned) element.scrollTop = element.scrollHeight;
    },
    get pinned(): boolean {
      return pinned;
    },
    destroy(): void {
      element.removeEventListener('scroll', onScroll);
    },
  };
}
