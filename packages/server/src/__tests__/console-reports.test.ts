import { describe, expect, it } from 'vitest';
import { base, createThroughForm, h, page, useConsole } from './console-harness.js';
import { sendMessage } from './harness.js';

useConsole();

describe('reports in the console', () => {
  it('picks a range, draws one day as a labelled bar on a readable axis, and exports the same numbers', async () => {
    const id = await createThroughForm({ name: 'Reported' });
    await h.chat(id, sendMessage('r-1', 'hello'));
    await h.chat(id, sendMessage('r-1', 'again'));
    await h.server.flushAnalytics();
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await page(`${base}?widget=${id}&from=${today}&to=${today}`);
    expect(body).toContain(`type="date" name="from" value="${today}"`);
    for (const days of [7, 30, 90]) expect(body).toContain(`?days=${days}&amp;widget=${id}`);
    // One day: bars with their value written beside them, not a lone dot.
    expect(body).toMatch(/<text class="value"[^>]*>2<\/text>/);
    expect(body).not.toContain('<polyline');
    // No errors: the error-rate axis still runs 0%–1%, not 0%–0%.
    const errorChart = body.slice(body.indexOf('Error rate</figcaption>'));
    expect(errorChart).toMatch(/class="tick"[^>]*>1%<\/text>/);

    const csv = await page(`${base}/report.csv?widget=${id}&from=${today}&to=${today}`);
    expect(csv.res.headers.get('content-type')).toContain('text/csv');
    const [header, row] = csv.body.trim().split('\r\n');
    const record = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    expect(record).toMatchObject({
      widgetId: id,
      widgetName: 'Reported',
      day: today,
      sessions: '1',
      messages: '2',
      errors: '0',
    });

    const ninety = await page(`${base}?widget=${id}&days=90`);
    expect(ninety.res.status).toBe(200);
    const figure = (body: string, title: string) => {
      const start = body.indexOf(`${title}</figcaption>`);
      return body.slice(start, body.indexOf('</figure>', start));
    };
    // Ninety days: one bar a day, labelled by a few spread dates rather than a value each.
    const sessions = figure(ninety.body, 'Sessions per day');
    expect(sessions.match(/<rect /g)).toHaveLength(90);
    expect(sessions).not.toContain('class="value"');
    expect(sessions.match(/class="tick"[^>]*text-anchor="middle"/g)).toHaveLength(5);
  });
});

describe('reply feedback in the console', () => {
  it('shows thumbs up and down, their rate, starter prompt clicks and buttons chosen, in the table, charts and the CSV', async () => {
    const id = await createThroughForm({ name: 'Rated' });
    const at = Date.now();
    const sent = await h.text(`/v1/widgets/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-1', value: 'up' },
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-2', value: 'up' },
          { type: 'feedback', at, sessionId: 's-1', messageId: 'r-3', value: 'up' },
          { type: 'feedback', at, sessionId: 's-2', messageId: 'r-4', value: 'down' },
          { type: 'starter_prompt_sent', at, sessionId: 's-2', index: 0, messageId: 'q-1' },
          {
            type: 'button_chosen',
            at,
            sessionId: 's-2',
            messageId: 'b-1',
            index: 0,
            action: 'fetch',
          },
          {
            type: 'button_chosen',
            at,
            sessionId: 's-3',
            messageId: 'b-2',
            index: 1,
            action: 'open',
          },
        ],
      }),
    });
    expect(sent.res.status).toBe(202);
    await h.server.flushAnalytics();
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await page(`${base}?widget=${id}&from=${today}&to=${today}`);
    expect(body).toContain('<th>thumbs up</th><th>thumbs down</th><th>thumbs-up rate</th>');
    expect(body).toContain(
      '<th>starter prompts</th><th>buttons chosen</th><th>thumbs up</th><th>thumbs down</th><th>thumbs-up rate</th>',
    );
    expect(body).toContain('<td>1</td><td>2</td><td>3</td><td>1</td><td>75%</td></tr>');
    expect(body).toContain('Reply feedback per day</figcaption>');
    expect(body).toContain('Buttons chosen per day</figcaption>');
    const csv = await page(`${base}/report.csv?widget=${id}&from=${today}&to=${today}`);
    const [header, row] = csv.body.trim().split('\r\n');
    const record = Object.fromEntries(header!.split(',').map((k, i) => [k, row!.split(',')[i]]));
    expect(record).toMatchObject({
      starterPrompts: '1',
      buttonsChosen: '2',
      feedbackUp: '3',
      feedbackDown: '1',
      feedbackRate: '0.75',
    });
  });
});
