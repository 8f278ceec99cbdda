/** About 2,000 words of a typical assistant reply: paragraphs, headings, lists and code blocks. */
export const wordReply = (() => {
  const sentence =
    'The widget keeps **every finished block** of a streamed reply and redraws only the part still arriving, so a long answer stays cheap to show';
  const paragraph = (n: number) =>
    `${sentence} (paragraph ${n}). ${sentence}, with \`code\` and a [link](https://example.com/${n}).`;
  const blocks: string[] = [];
  for (let n = 0; blocks.join(' ').split(/\s+/).length < 2000; n++) {
    if (n % 6 === 0) blocks.push(`## Section ${n / 6 + 1}`);
    blocks.push(paragraph(n));
    if (n % 6 === 2) blocks.push('- first point\n- second point with *emphasis*\n- third point');
    if (n % 6 === 4) blocks.push('```ts\nconst answer = 42;\nconsole.log(answer);\n```');
  }
  return blocks.join('\n\n');
})();
