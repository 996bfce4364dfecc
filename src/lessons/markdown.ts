// Markdown-lite for lesson text: paragraphs (separated by a blank line), lists (lines starting
// with "- "), `code` and **bold**. Parsed into plain data that the UI turns into React elements:
// nothing is ever handed to the browser as HTML.

export type Inline = { t: 'text' | 'code' | 'bold'; v: string };
export type Block = { t: 'p'; content: Inline[] } | { t: 'ul'; items: Inline[][] };

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*- /.test(l))) {
      blocks.push({ t: 'ul', items: lines.map((l) => parseInline(l.replace(/^\s*- /, ''))) });
    } else {
      blocks.push({ t: 'p', content: parseInline(lines.map((l) => l.trim()).join(' ')) });
    }
  }
  return blocks;
}

/** `code` first (its inside is literal), then **bold** in the text between code spans. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const parts = text.split('`');
  // An odd number of backticks leaves the last one literal.
  if (parts.length % 2 === 0) parts[parts.length - 2] += '`' + parts.pop()!;
  parts.forEach((part, i) => {
    if (i % 2 === 1) out.push({ t: 'code', v: part });
    else bold(part, out);
  });
  return out.filter((x) => x.v !== '');
}

function bold(text: string, out: Inline[]): void {
  const re = /\*\*(.+?)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ t: 'text', v: text.slice(last, m.index) });
    out.push({ t: 'bold', v: m[1]! });
    last = m.index + m[0].length;
  }
  out.push({ t: 'text', v: text.slice(last) });
}

/** The text without markup (titles, accessible labels, tests). */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .map((b) => (b.t === 'p' ? b.content : b.items.flat()).map((i) => i.v).join(''))
    .join('\n');
}
