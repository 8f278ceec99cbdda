/** How close to the end (px) still counts as "reading the latest". */
const threshold = 48;

/**
 * Keeps a scroll container at its end while the visitor is there, and leaves it alone once they
 * scroll up to read; scrolling back down re-attaches it. Scroll events arrive a frame late, so an
 * update also compares the position with where it last put it: any move up is the visitor's.
 */
export function createAutoScroll(element: HTMLElement) {
  let pinned = true;
  let placedAt = -1;
  const nearEnd = () =>
    element.scrollHeight - element.scrollTop - element.clientHeight <= threshold;
  const onScroll = () => {
    if (nearEnd()) pinned = true;
    else if (element.scrollTop < placedAt - 1) pinned = false;
  };
  element.addEventListener('scroll', onScroll, { passive: true });
  return {
    /** Call after content changed; `force` re-attaches (the visitor just sent something). */
    update(force = false): void {
      if (force) pinned = true;
      else if (pinned && placedAt >= 0 && element.scrollTop < placedAt - 1 && !nearEnd()) {
        pinned = false;
      }
      if (!pinned) return;
      element.scrollTop = element.scrollHeight;
      placedAt = element.scrollTop;
    },
    get pinned(): boolean {
      return pinned;
    },
    destroy(): void {
      element.removeEventListener('scroll', onScroll);
    },
  };
}

export type AutoScroll = ReturnType<typeof createAutoScroll>;
