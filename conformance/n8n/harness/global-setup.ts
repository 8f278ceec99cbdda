// Vitest globalSetup of the `n8n` project: installs n8n (or reuses the cache), starts the fake model
// server, imports and activates the workflows in ../workflows, starts n8n and hands the URLs to the tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type FakeLlm, startFakeLlm } from './fake-llm.js';
// @ts-expect-error plain .mjs without types (it runs before `pnpm install` in npm test)
import { install } from './install.mjs';
import { type RunningN8n, startN8n } from './n8n.js';

export interface N8nContext {
  /** n8n's origin, e.g. http://127.0.0.1:5678 (its websocket is at /chat there). */
  readonly origin: string;
  /** Chat Trigger URL by workflow file name (without .json). */
  readonly chatUrls: Readonly<Record<string, string>>;
  /** Base URL of the fake OpenAI-compatible model server. */
  readonly llmUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    n8n: N8nContext;
  }
}

export const fakeCredentialId = 'cwpFakeOpenAi01';

const workflowDir = join(import.meta.dirname, '..', 'workflows');

interface Workflow {
  name: string;
  nodes: { type: string; webhookId?: string }[];
}

function chatWebhookId(workflow: Workflow): string {
  const trigger = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
  if (!trigger?.webhookId)
    throw new Error(`workflow ${workflow.name} has no Chat Trigger webhookId`);
  return trigger.webhookId;
}

export default async function setup(project: TestProject) {
  const t0 = Date.now();
  const { dir, cached } = await install();
  const t1 = Date.now();
  let llm: FakeLlm | undefined;
  let n8n: RunningN8n | undefined;
  try {
    llm = await startFakeLlm();
    const files = readdirSync(workflowDir).filter((f) => f.endsWith('.json'));
    const workflows = files.map(
      (f) => JSON.parse(readFileSync(join(workflowDir, f), 'utf8')) as Workflow,
    );
    const ids = workflows.map(chatWebhookId);
    n8n = await startN8n({
      dir,
      workflows,
      webhookIds: ids,
      credentials: [
        {
          id: fakeCredentialId,
          name: 'Fake OpenAI (local)',
          type: 'openAiApi',
          data: { apiKey: 'sk-cwp-fake', url: llm.baseUrl },
        },
      ],
    });
    const running = n8n;
    const chatUrls = Object.fromEntries(
      files.map((f, i) => [f.replace(/\.json$/, ''), running.chatUrl(ids[i]!)]),
    );
    project.provide('n8n', { origin: n8n.origin, chatUrls, llmUrl: llm.baseUrl });
    console.log(
      `n8n: ${cached ? 'cached install' : `installed in ${((t1 - t0) / 1000).toFixed(1)}s`}, ` +
        `${workflows.length} workflows imported and ready in ${((Date.now() - t1) / 1000).toFixed(1)}s ` +
        `(${Object.entries(n8n.timings)
          .map(([k, v]) => `${k} ${v}s`)
          .join(', ')})`,
    );
  } catch (error) {
    await n8n?.close();
    await llm?.close();
    throw error;
  }
  return async () => {
    await n8n?.close();
    await llm?.close();
  };
}
