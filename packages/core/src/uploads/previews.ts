/**
 * Thumbnails of the images a visitor sent, by message id, while the page lives. Object URLs die
 * with the page, so they stay out of the stored log: after a reload a message shows names only.
 */
const previews = new Map<string, readonly (string | undefined)[]>();

export function setPreviews(messageId: string, urls: readonly (string | undefined)[]): void {
  if (urls.some((url) => url !== undefined)) previews.set(messageId, urls);
}

export function previewsOf(messageId: string): readonly (string | undefined)[] | undefined {
  return previews.get(messageId);
}

export function dropPreviews(urls: Iterable<string>): void {
  const gone = new Set(urls);
  for (const [id, list] of previews)
    if (list.some((url) => url && gone.has(url))) previews.delete(id);
}
