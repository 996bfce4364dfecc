// The guard of everyone's command metadata: for every command and subcommand in our table,
// COMMAND INFO must be byte-identical to Redis 7.0.15 (RESP2 and RESP3), and COMMAND DOCS must
// give the same group and since. Container commands list their subcommands in Redis's hash
// order, which is random per process, so those are compared in sorted order.

import { describe, expect, it } from 'vitest';
import { buildCommandTable, commandSpecs } from '../../src/engine/commands/index.js';
import type { Reply } from '../../src/shared/reply.js';
import { encodeReply } from '../../src/protocol/encode.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { show, useDiff } from './harness.js';

const table = buildCommandTable(commandSpecs);
const names: string[] = [];
for (const cmd of table.values()) {
  names.push(cmd.fullName);
  for (const sub of cmd.subs?.values() ?? []) names.push(sub.fullName);
}

function parse(raw: string): Reply {
  const p = parseReply(raw);
  if (p === null) throw new Error(`incomplete reply: ${show(raw)}`);
  return p.reply;
}

/** COMMAND INFO reply with the subcommand entries (10th field) in a canonical order. */
function canonicalInfo(raw: string, resp: 2 | 3): string {
  const r = parse(raw);
  if (r.t !== 'array' || r.v === null) return raw;
  const entries = r.v.map((entry): Reply => {
    if (entry.t !== 'array' || entry.v === null || entry.v.length !== 10) return entry;
    const subs = entry.v[9]!;
    if (subs.t !== 'array' || subs.v === null || subs.v.length < 2) return entry;
    const sorted = [...subs.v].sort((a, b) => {
      const x = encodeReply(a, 3);
      const y = encodeReply(b, 3);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return { t: 'array', v: [...entry.v.slice(0, 9), { t: 'array', v: sorted }] };
  });
  return encodeReply({ t: 'array', v: entries }, resp);
}

/** group and since from a COMMAND DOCS reply for one name (RESP2: flat arrays). */
function docsFacts(raw: string): { group?: string; since?: string } | null {
  const r = parse(raw);
  if (r.t !== 'array' || r.v === null || r.v.length !== 2) return null;
  const body = r.v[1]!;
  if (body.t !== 'array' || body.v === null) return null;
  const facts: Record<string, string> = {};
  for (let i = 0; i + 1 < body.v.length; i += 2) {
    const k = body.v[i]!;
    const v = body.v[i + 1]!;
    if (k.t === 'bulk' && v.t === 'bulk' && k.v !== null && v.v !== null) facts[k.v] = v.v;
  }
  return { group: facts.group, since: facts.since };
}

describe('command table metadata equals Redis 7.0.15', () => {
  const d = useDiff();

  it('has commands to check', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain('command|info');
  });

  it.each(names)('%s', async (name) => {
    // RESP2
    const r2 = await d.both(['COMMAND', 'INFO', name]);
    expect(parse(r2.real), `${name} is not a Redis 7.0.15 command`).not.toEqual({ t: 'array', v: [{ t: 'bulk', v: null }] });
    expect(show(canonicalInfo(r2.ours, 2)), `COMMAND INFO ${name} (RESP2)`).toBe(show(canonicalInfo(r2.real, 2)));

    // DOCS: group and since
    const docs = await d.both(['COMMAND', 'DOCS', name]);
    expect(docsFacts(docs.ours), `COMMAND DOCS ${name}: group and since`).toEqual(docsFacts(docs.real));

    // RESP3
    await d.pair.real.send(['HELLO', '3']);
    d.pair.ours.client.resp = 3;
    const r3 = await d.both(['COMMAND', 'INFO', name]);
    expect(show(canonicalInfo(r3.ours, 3)), `COMMAND INFO ${name} (RESP3)`).toBe(show(canonicalInfo(r3.real, 3)));
  });
});
