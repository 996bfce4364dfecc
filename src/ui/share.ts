// A playground in a link: the commands that recreate its data (the `.redis` lines the worker
// writes) and, if one is open, the lesson step, deflated into the URL's fragment, which never
// leaves the browser. Opening such a link runs nothing by itself (SharedLinkDialog asks first).

/** What a link carries. `commands` are redis-cli lines, as bytes (latin1). */
export interface Shared {
  commands: string;
  lesson?: { id: string; step: number };
}

const PREFIX = '#share=';
/** Past this, a link is too long to paste anywhere: download dataset.redis instead. */
export const MAX_LINK_CHARS = 32_000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Bytes as a byte string (one char a byte), as the worker's `.redis` export is read. */
export function latin1Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

function base64url(bytes: Uint8Array): string {
  return btoa(latin1Of(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The link to `page` (its address without a fragment) that recreates `shared`. */
export async function shareLink(page: string, shared: Shared): Promise<string> {
  const json = JSON.stringify({ c: shared.commands, l: shared.lesson === undefined ? undefined : [shared.lesson.id, shared.lesson.step] });
  return page + PREFIX + base64url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** Whether the address's fragment is a shared playground (before reading it). */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(PREFIX);
}

/** What a link's fragment carries, or null when it is not a share or cannot be read. */
export async function readShared(hash: string): Promise<Shared | null> {
  if (!isShareHash(hash)) return null;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    const v = JSON.parse(json) as { c?: unknown; l?: unknown };
    if (typeof v.c !== 'string') return null;
    const l = Array.isArray(v.l) && typeof v.l[0] === 'string' && Number.isInteger(v.l[1]) ? { id: v.l[0], step: v.l[1] as number } : undefined;
    return l === undefined ? { commands: v.c } : { commands: v.c, lesson: l };
  } catch {
    return null;
  }
}
