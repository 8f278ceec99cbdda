// Runs the headless example: `pnpm exec tsx examples/headless/serve.ts`.
//   PORT         where the page is served (default 5173; 0 picks a free port)
//   BOT_URL      use a bot that is already running (e.g. http://127.0.0.1:5678) instead of starting one
//   WEBHOOK_URL  talk to any n8n Chat Trigger webhook instead of the local bot
import { type Bot, startBot } from '@cwp/bot';
import { startExampleServer } from './server.js';

const port = Number(process.env.PORT ?? 5173);
let bot: Bot | undefined;
let webhookUrl = process.env.WEBHOOK_URL;
if (!webhookUrl) {
  const botUrl = process.env.BOT_URL?.replace(/\/+$/, '');
  if (botUrl) webhookUrl = botUrl.endsWith('/webhook') ? botUrl : `${botUrl}/webhook`;
  else {
    bot = await startBot({ port: 0 });
    webhookUrl = bot.webhookUrl;
  }
}

try {
  const server = await startExampleServer({ webhookUrl, port });
  console.log(`Headless example: ${server.url}`);
  console.log(`  talking to ${webhookUrl}${bot ? ' (a local bot started for it)' : ''}`);
  const stop = async () => {
    await server.close();
    await bot?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `headless example: port ${port} is in use; run with PORT=<another port> (0 picks a free one)`
      : `headless example: ${error instanceof Error ? error.message : String(error)}`,
  );
  await bot?.close();
  process.exit(1);
}
