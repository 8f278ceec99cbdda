/**
 * The parts of a webhook URL that must never reach a browser, and a check that a text holds none
 * of them in any spelling a browser or JSON.parse would undo (case, %-escapes, \u escapes,
 * backslashes, doubled slashes, default ports).
 */
export interface WebhookSecret {
  readonly needles: readonly string[];
}

// Path segments and query values this long are the unguessable part (n8n puts a UUID there).
const minSecretPart = 12;

function decodePercent(text: string): string {
  let current = text;
  for (let round = 0; round < 3 && current.includes('%'); round++) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

function normalise(text: string): string {
  return decodePercent(
    text.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    ),
  )
    .toLowerCase()
    .replace(/:(80|443)(?=[/\\?#]|$)/g, '');
}

const collapse = (text: string) => text.replace(/\/{2,}/g, '/');

export function webhookSecret(
  webhookUrl: string,
  allowedOrigins: readonly string[],
): WebhookSecret | null {
  let url: URL;
  try {
    url = new URL(webhookUrl);
  } catch {
    const raw = normalise(webhookUrl);
    return raw.length >= minSecretPart ? { needles: [raw] } : null;
  }
  const needles = new Set<string>();
  const path = collapse(normalise(url.pathname)).replace(/\/+$/, '');
  needles.add(`${url.hostname}${path}`);
  needles.add(`${url.host}${path}`);
  for (const part of [...path.split('/'), ...[...url.searchParams.values()].map(normalise)]) {
    if (part.length >= minSecretPart) needles.add(part);
  }
  // The webhook's host on its own, unless it is the site's own host (then it is public anyway);
  // a bare name such as a container's "n8n" tells a browser nothing and is common in texts.
  const siteHosts = allowedOrigins.flatMap((origin) =>
    URL.canParse(origin) ? [new URL(origin).hostname] : [],
  );
  if (/[.:]/.test(url.hostname) && !siteHosts.includes(url.hostname)) needles.add(url.hostname);
  return { needles: [...needles] };
}

/** Does `text` hold the webhook URL or one of its secret parts, in any spelling? */
export function revealsWebhook(text: string, secret: WebhookSecret): boolean {
  const base = normalise(text);
  const variants = [collapse(base.replace(/\\/g, '')), collapse(base.replace(/\\/g, '/'))];
  return secret.needles.some((needle) => variants.some((variant) => variant.includes(needle)));
}
