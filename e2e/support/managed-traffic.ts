import type { Bot } from '@cwp/bot';
import type { Page } from '@playwright/test';

export interface SeenRequest {
  url: string;
  method: string;
  postData: string | null;
}

export interface SeenResponse {
  url: string;
  status: number;
  contentType: string;
  /** What the page received; null when it could not be read back. */
  body: string | null;
  /** Why the body may be cut short (e.g. the widget aborted the request after the reply). */
  error?: string;
}

export interface Traffic {
  requests: SeenRequest[];
  /** Every response so far with its body (waits for the bodies still arriving). */
  responses(): Promise<SeenResponse[]>;
}

declare global {
  interface Window {
    __cwpFetchBodies?: Promise<SeenResponse>[];
  }
}

/**
 * Records every request the page makes and every response body it receives. Bodies of `fetch`
 * responses are copied in the page (a `clone()` of each response, which leaves streaming alone):
 * Chromium's DevTools cannot always give them back once the widget has read and released them.
 * Call before the page loads.
 */
export async function recordTraffic(page: Page): Promise<Traffic> {
  await page.addInitScript(() => {
    const original = window.fetch.bind(window);
    const bodies: Promise<SeenResponse>[] = [];
    window.__cwpFetchBodies = bodies;
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      const seen = {
        url: response.url,
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
      };
      // The widget aborts its request once it has the reply, which also ends this copy: keep
      // every byte that arrived before that.
      const copy = async (): Promise<SeenResponse> => {
        const reader = response.clone().body?.getReader();
        const decoder = new TextDecoder();
        let body = '';
        try {
          for (let r = await reader?.read(); r && !r.done; r = await reader?.read())
            body += decoder.decode(r.value, { stream: true });
          return { ...seen, body: body + decoder.decode() };
        } catch (error) {
          return { ...seen, body: body + decoder.decode(), error: String(error) };
        }
      };
      bodies.push(copy());
      return response;
    };
  });
  const requests: SeenRequest[] = [];
  const others: Promise<SeenResponse>[] = [];
  let fetches = 0;
  page.on('request', (request) =>
    requests.push({ url: request.url(), method: request.method(), postData: request.postData() }),
  );
  page.on('response', (response) => {
    if (response.request().resourceType() === 'fetch') {
      fetches++;
      return;
    }
    const seen = {
      url: response.url(),
      status: response.status(),
      contentType: response.headers()['content-type'] ?? '',
    };
    others.push(
      response.body().then(
        (body) => ({ ...seen, body: body.toString('utf8') }),
        (error: unknown) => ({ ...seen, body: null, error: String(error) }),
      ),
    );
  });
  return {
    requests,
    async responses() {
      const fetched = await page.evaluate(() => Promise.all(window.__cwpFetchBodies ?? []));
      if (fetched.length < fetches)
        throw new Error(`the page answered ${fetches} fetches but copied ${fetched.length}`);
      return [...(await Promise.all(others)), ...fetched];
    },
  };
}

/**
 * Where `text` gives the bot away: its webhook URL, its origin, or (`barePort`) its port alone.
 * The bare port is checked only in the server's short JSON answers, which carry no other such number.
 */
export function botTraces(text: string, bot: Bot, barePort: boolean): string[] {
  const { host, port } = new URL(bot.url);
  const needles = [bot.webhookUrl, bot.url, host, `localhost:${port}`, `:${port}`];
  const found = needles.filter((needle) => text.includes(needle));
  if (barePort && new RegExp(`\\b${port}\\b`).test(text)) found.push(port);
  return found;
}

/** The HTML of every open shadow root on the page (the widget renders into one). */
export function shadowHtml(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return parts.join('\n');
  });
}
