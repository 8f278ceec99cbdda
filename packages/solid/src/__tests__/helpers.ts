/** Polls until `check` holds (the local bot answers over real HTTP). */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Elements, attributes and text, in order: what a visitor and the stylesheet see. Comments
 * (framework markers) and Solid's hydration keys are left out; adjacent text reads as one.
 */
export function outline(el: Element): string {
  const attrs = el
    .getAttributeNames()
    .filter((name) => name !== 'data-hk' && name !== 'style')
    .sort()
    .map((name) => ` ${name}=${JSON.stringify(el.getAttribute(name))}`)
    .join('');
  const value = el instanceof HTMLTextAreaElement ? ` value=${JSON.stringify(el.value)}` : '';
  let inner = '';
  let text = '';
  for (const child of el.childNodes) {
    if (child.nodeType === 3) text += child.textContent;
    if (child.nodeType !== 1) continue;
    if (text !== '') inner += JSON.stringify(text);
    text = '';
    inner += outline(child as Element);
  }
  if (text !== '') inner += JSON.stringify(text);
  return `<${el.localName}${attrs}${value}>${inner}</${el.localName}>`;
}
