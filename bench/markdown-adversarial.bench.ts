// Markdown parse time against input size for every hostile input in
// packages/core/src/markdown/__tests__/adversarial.ts: `npx tsx bench/markdown-adversarial.bench.ts`
// Linear parsing shows as a ratio near 2 per doubling of size. Times are CPU time of this process
// (best of up to 3), steadier than wall time on a shared machine. Options: `--sizes 25,50,100` (KB),
// `--only <text>` (inputs whose name contains it), `--impl <path>` (another parser's index.ts,
// e.g. a copy of the old code, to compare in the same run).
import { parseArgs } from 'node:util';
import { adversarialInputs } from '../packages/core/src/markdown/__tests__/adversarial.js';
import { parseMarkdown as current } from '../packages/core/src/markdown/index.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '25,50,100,200,400' },
    only: { type: 'string', default: '' },
    impl: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map((kb) => Number(kb) * 1024);
const parse: typeof current = values.impl
  ? (
      (await import(new URL(values.impl, `file://${process.cwd()}/`).href)) as {
        parseMarkdown: typeof current;
      }
    ).parseMarkdown
  : current;
/** A size slower than this is not doubled further (quadratic code would take minutes). */
const giveUpMs = 3000;

function time(text: string, options: Parameters<typeof current>[1]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    parse(text, options);
    const used = process.cpuUsage(before);
    const elapsed = (used.user + used.system) / 1000;
    best = Math.min(best, elapsed);
    if (elapsed > 200) break;
  }
  return best;
}

const inputs = adversarialInputs.filter((input) => input.name.includes(values.only));
for (const input of inputs) parse(input.build(2000), input.options); // warm up the JIT

const header = [
  'input'.padEnd(28),
  ...sizes.map((s) => `${s / 1024} KB`.padStart(10)),
  'ratio'.padStart(7),
];
console.log(
  `${header.join(' ')}   (CPU ms, best of up to 3; ratio = growth per doubling over the last two sizes, ~2 is linear)`,
);
const gaveUp: string[] = [];
let slowest = { name: '', ms: 0 };
for (const input of inputs) {
  const times: number[] = [];
  for (const size of sizes) {
    if ((times.at(-1) ?? 0) > giveUpMs) break;
    times.push(time(input.build(size), input.options));
  }
  const last = times.length - 1;
  const ratio =
    last > 0
      ? ((times[last] as number) / Math.max(times[last - 1] as number, 0.05)) **
        (1 / Math.log2((sizes[last] as number) / (sizes[last - 1] as number)))
      : Number.NaN;
  const cells = sizes.map((_, i) =>
    (i < times.length ? (times[i] as number).toFixed(1) : '-').padStart(10),
  );
  console.log([input.name.padEnd(28), ...cells, ratio.toFixed(2).padStart(7)].join(' '));
  if (last < sizes.length - 1) gaveUp.push(input.name);
  else if ((times[last] as number) > slowest.ms)
    slowest = { name: input.name, ms: times[last] as number };
}
const largest = `${(sizes.at(-1) as number) / 1024} KB`;
if (slowest.name !== '')
  console.log(`slowest at ${largest}: ${slowest.name} (${slowest.ms.toFixed(1)} ms)`);
if (gaveUp.length > 0) console.log(`over ${giveUpMs} ms before ${largest}: ${gaveUp.join(', ')}`);
