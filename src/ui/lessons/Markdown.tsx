// Lesson text (Markdown-lite, parsed by src/lessons/markdown.ts) as React elements: text only,
// never HTML.

import { useMemo } from 'react';
import { parseMarkdown, type Inline } from '../../lessons/markdown.js';

function Inlines({ items }: { items: Inline[] }) {
  return (
    <>
      {items.map((it, i) => (it.t === 'code' ? <code key={i}>{it.v}</code> : it.t === 'bold' ? <strong key={i}>{it.v}</strong> : <span key={i}>{it.v}</span>))}
    </>
  );
}

export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <>
      {blocks.map((b, i) =>
        b.t === 'p' ? (
          <p key={i}>
            <Inlines items={b.content} />
          </p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Inlines items={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </>
  );
}
