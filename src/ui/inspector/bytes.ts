// How the inspector shows a byte string: as text when it is valid UTF-8 without control
// characters, otherwise escaped the way redis-cli would print it (never as garbage).

import { quoteRepr } from '../../cli/format-reply.js';
import { utf8Decode } from '../../cli/split-args.js';

export function showBytes(bytes: string): { text: string; escaped: boolean } {
  const text = utf8Decode(bytes);
  // U+FFFD marks invalid UTF-8; C0/C1 controls (other than tab and newline) would be invisible.
  if (/[\ufffd\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text)) return { text: quoteRepr(bytes), escaped: true };
  return { text, escaped: false };
}

/** Pretty-printed JSON when the whole value parses as an object or array, else null. */
export function prettyJson(text: string): string | null {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return null;
  }
}

/**
 * Text split where a tab or newline would go unseen (HTML shows a tab as a space, a newline in a
 * line of text as nothing): those parts come as their escapes ('\t', '\n') to show in their
 * own style. With `newlines`, a newline stays a line break (a multi-line string value).
 */
export function controlParts(text: string, newlines = false): { text: string; control: boolean }[] {
  const parts: { text: string; control: boolean }[] = [];
  let plain = '';
  for (const ch of text) {
    if (ch === '\t' || (ch === '\n' && !newlines)) {
      if (plain !== '') parts.push({ text: plain, control: false });
      plain = '';
      parts.push({ text: ch === '\t' ? '\\t' : '\\n', control: true });
    } else plain += ch;
  }
  if (plain !== '' || parts.length === 0) parts.push({ text: plain, control: false });
  return parts;
}

/**
 * A size as people read it, in 1024s as Redis counts them: "64 B", "1.02 MB". With `scale`, in
 * the unit `scale` would take, so that two sizes side by side read alike ("0.98 MB of 1.00 MB").
 */
export function humanBytes(n: number, scale = n): string {
  if (scale < 1024) return `${n} B`;
  let d = n / 1024;
  let s = scale / 1024;
  for (const unit of ['KB', 'MB', 'GB']) {
    if (s < 1024 || unit === 'GB') return `${d.toFixed(2)} ${unit}`;
    d /= 1024;
    s /= 1024;
  }
  return `${n} B`;
}
