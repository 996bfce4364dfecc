import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import type { LateParts } from '../engine/engine.js';
import { late } from '../engine/late.js';
import { EngineHost } from './engine-host.js';
import { MessageGate } from './message-gate.js';
import type { FromWorker } from './protocol.js';
import { LATE_PARTS_MISSING } from '../shared/errors.js';

/** A host without the late parts (Lua, HELP lines, LOLWUT) behind a gate; `sent` is what it posted, replies by request id. */
function gated() {
  const sent: FromWorker[] = [];
  const host = new EngineHost((m) => sent.push(m), { engine: { clock: new VirtualClock() } });
  const gate = new MessageGate(host);
  const replies = () => sent.flatMap((m) => (m.type === 'result' ? [[m.id, m.replies.map((r) => r.v)]] : []));
  return { host, gate, sent, replies };
}

/** A gate opened with the late parts on their way (`parts.resolve` brings them) and one client opened through it. */
function gatedWithClient() {
  const g = gated();
  g.host.start();
  const parts = deferred<LateParts | null>();
  g.gate.open(parts.promise);
  g.gate.receive({ type: 'open', id: 1 });
  const clientId = (g.sent.find((m) => m.type === 'opened') as { clientId: number }).clientId;
  return { ...g, parts, clientId };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('MessageGate', () => {
  it('holds messages until open, then hands them over in order', () => {
    const { host, gate, sent } = gated();
    gate.receive({ type: 'open', id: 1 });
    expect(sent).toEqual([]);
    host.start();
    gate.open(new Promise<LateParts | null>(() => undefined));
    expect(sent.map((m) => m.type)).toEqual(['ready', 'opened']);
  });

  it('holds an EVAL, and every message after it, until Lua is here; other commands go on before', async () => {
    const { gate, parts, clientId, replies } = gatedWithClient();
    gate.receive({ type: 'run', id: 2, clientId, argv: ['SET', 'k', 'v'] });
    gate.receive({ type: 'run', id: 3, clientId, argv: ['EVAL', "return redis.call('GET', 'k')", '0'] });
    gate.receive({ type: 'run', id: 4, clientId, argv: ['DEL', 'k'] });
    expect(replies()).toEqual([[2, ['OK']]]);
    parts.resolve(late);
    await expect
      .poll(() => replies())
      .toEqual([
        [2, ['OK']],
        [3, ['v']],
        [4, [1]],
      ]);
    // Once here, EVAL runs at once.
    gate.receive({ type: 'run', id: 5, clientId, argv: ['EVAL', 'return 7', '0'] });
    expect(replies().at(-1)).toEqual([5, [7]]);
  });

  it('holds FUNCTION and FCALL as it holds EVAL', async () => {
    const { gate, parts, clientId, replies } = gatedWithClient();
    gate.receive({ type: 'run', id: 2, clientId, argv: ['FUNCTION', 'LOAD', "#!lua name=l\nredis.register_function('seven', function() return 7 end)"] });
    gate.receive({ type: 'run', id: 3, clientId, argv: ['FCALL', 'seven', '0'] });
    expect(replies()).toEqual([]);
    parts.resolve(late);
    await expect
      .poll(() => replies())
      .toEqual([
        [2, ['l']],
        [3, [7]],
      ]);
  });

  it('holds every command whose work is a late part (late.handlers) until the parts are here', async () => {
    // One gate each: a held message holds every later one, which would hide a command let through.
    for (const name of Object.keys(late.handlers)) {
      const { gate, sent, parts, clientId } = gatedWithClient();
      gate.receive({ type: 'run', id: 100, clientId, argv: name.split('|') });
      const answer = () => sent.find((m) => m.type === 'result' && m.id === 100);
      expect(answer(), name).toBeUndefined();
      parts.resolve(late);
      await expect.poll(answer).toBeDefined();
      expect(JSON.stringify(answer()), name).not.toContain(LATE_PARTS_MISSING);
    }
  });

  it('holds any HELP subcommand and LOLWUT, whose text comes with the late parts', async () => {
    const { gate, parts, clientId, replies } = gatedWithClient();
    gate.receive({ type: 'run', id: 2, clientId, argv: ['PING'] });
    gate.receive({ type: 'run', id: 3, clientId, argv: ['client', 'help'] });
    gate.receive({ type: 'run', id: 4, clientId, argv: ['LOLWUT', 'VERSION', '6'] });
    expect(replies()).toEqual([[2, ['PONG']]]);
    parts.resolve(late);
    await expect.poll(() => replies().length).toBe(3);
    expect(replies()[1]).toEqual([3, [expect.arrayContaining([{ t: 'simple', v: 'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:' }])]]);
    expect(replies()[2]).toEqual([4, [expect.stringContaining('Dedicated to the 8 bit game developers')]]);
  });

  it('late parts that could not be fetched: EVAL, HELP and LOLWUT say so instead of waiting for ever', async () => {
    const { host, gate, sent, replies } = gated();
    host.start();
    gate.open(Promise.resolve(null));
    gate.receive({ type: 'open', id: 1 });
    const clientId = (sent.find((m) => m.type === 'opened') as { clientId: number }).clientId;
    gate.receive({ type: 'run', id: 2, clientId, argv: ['EVAL', 'return 1', '0'] });
    gate.receive({ type: 'run', id: 3, clientId, argv: ['CONFIG', 'HELP'] });
    gate.receive({ type: 'run', id: 4, clientId, argv: ['LOLWUT', 'VERSION', '5'] });
    const missing = 'ERR this command needs a part of the engine that could not be loaded';
    await expect
      .poll(() => replies())
      .toEqual([
        [2, ['ERR Lua scripting is not available in this engine']],
        [3, [missing]],
        [4, [missing]],
      ]);
  });
});
