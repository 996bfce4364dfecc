// HELP and the hints show each command's argument string. redis-cli 7.0 builds it from the
// server's COMMAND DOCS (cliAddArgument: tokens, [optional], oneof a|b, blocks, "[x ...]" for
// multiple); ours is the `syntax` of our command table. This rebuilds redis-cli's string from a
// real redis-server's COMMAND DOCS and compares, with `since` and `group`, for every command
// and subcommand we declare.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { HelpTable } from '../../src/cli/help.js';
import { commandSpecs } from '../../src/engine/commands/index.js';
import type { Reply } from '../../src/shared/reply.js';
import { parseReply } from '../../src/protocol/parse-reply.js';
import { RespConnection, startRealRedis, type RealRedis } from '../diff/harness.js';

let server: RealRedis;
beforeAll(async () => {
  server = await startRealRedis();
});
afterAll(async () => {
  await server?.stop();
});

const text = (r: Reply): string => {
  if (r.t !== 'bulk' && r.t !== 'simple') throw new Error(`not a string: ${JSON.stringify(r)}`);
  return r.v ?? '';
};

/** A RESP3 map or a RESP2 flat array of pairs. */
function fields(r: Reply): Map<string, Reply> {
  const out = new Map<string, Reply>();
  if (r.t === 'map') for (const [k, v] of r.v) out.set(text(k), v);
  else if (r.t === 'array' && r.v) for (let i = 0; i < r.v.length; i += 2) out.set(text(r.v[i]!), r.v[i + 1]!);
  return out;
}

const orQuotes = (s: string) => (s === '' ? '""' : s);

/** cliAddArgument, rebuilt: one argument's part of the string. */
function argumentString(arg: Reply): string {
  const f = fields(arg);
  const name = f.has('name') ? text(f.get('name')!) : '';
  const type = text(f.get('type')!);
  let token = f.has('token') ? orQuotes(text(f.get('token')!)) : '';
  const flags = new Set(((f.get('flags') as { v: Reply[] } | undefined)?.v ?? []).map(text));
  const nested = (f.get('arguments') as { v: Reply[] } | undefined)?.v ?? [];
  let repeat = '';
  if (['key', 'string', 'integer', 'double', 'pattern', 'unix-time', 'token'].includes(type)) repeat = orQuotes(name);
  else if (type === 'oneof') repeat = nested.map(argumentString).join('|');
  else if (type === 'block') repeat = nested.map(argumentString).join(' ');
  if (token !== '' && type !== 'pure-token') token += ' ';
  let out = flags.has('optional') ? '[' : '';
  out += token + repeat;
  if (flags.has('multiple')) out += ' [' + (flags.has('multiple_token') ? token : '') + repeat + ' ...]';
  if (flags.has('optional')) out += ']';
  return out;
}

it('shows the argument string, since and group redis-cli shows for every command', async () => {
  const conn = await RespConnection.connect(server.port);
  const docs = parseReply(await conn.send(['COMMAND', 'DOCS']))!.reply;
  conn.close();
  const real = new Map<string, { params: string; since: string; group: string }>();
  const add = (full: string, doc: Reply) => {
    const f = fields(doc);
    const args = (f.get('arguments') as { v: Reply[] } | undefined)?.v ?? [];
    real.set(full, { params: args.map(argumentString).join(' '), since: text(f.get('since')!), group: text(f.get('group')!) });
    const subs = f.get('subcommands');
    if (subs) for (const [name, sub] of fields(subs)) add(name.toUpperCase().replace('|', ' '), sub);
  };
  for (const [name, doc] of fields(docs)) add(name.toUpperCase(), doc);

  const table = new HelpTable(commandSpecs);
  const mismatches: string[] = [];
  let checked = 0;
  for (const e of table.entries) {
    if (e.kind !== 'command') continue;
    checked++;
    const r = real.get(e.full);
    if (r === undefined) {
      mismatches.push(`${e.full}: not a Redis 7.0.15 command`);
      continue;
    }
    if (r.since !== e.since || r.group !== e.group) mismatches.push(`${e.full}: since/group ${e.since}/${e.group}, Redis ${r.since}/${r.group}`);
    if (r.params !== e.params) mismatches.push(`${e.full}: '${e.params}', redis-cli shows '${r.params}'`);
  }
  expect(mismatches).toEqual([]);
  expect(checked).toBeGreaterThan(150);
});
