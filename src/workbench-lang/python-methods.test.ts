import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientMethods, methodCompletion, methodSignature, pythonClientNames, pythonMethods } from './index.js';

const pkg = join(import.meta.dirname, '../python/redis');
const commandsPy = readFileSync(join(pkg, 'commands.py'), 'utf8');
const clientPy = readFileSync(join(pkg, 'client.py'), 'utf8');
const methods = clientMethods(commandsPy, clientPy);
const names = (list: readonly { name: string }[]) => list.map((m) => m.name);
const at = (text: string, line = text.split('\n').at(-1)!) => methodCompletion(methods, text, line, line.length + 1);

describe('the package’s methods, read from its source', () => {
  it('has each public def of Commands with its parameters after self, and its aliases', () => {
    const commands = pythonMethods(commandsPy, 'Commands');
    // Every `    def name(` of the class that does not start with _ (a count, independent of the parser's regex).
    const body = commandsPy.slice(commandsPy.indexOf('class Commands'), commandsPy.indexOf('\nclass Script'));
    const defs = body.split('\n').filter((l) => l.startsWith('    def ') && !l.startsWith('    def _')).length;
    expect(commands.length).toBe(defs + ['incr', 'decr', 'substr'].length);
    const byName = new Map(commands.map((m) => [m.name, m]));
    expect(methodSignature(byName.get('hset')!)).toBe('hset(name, key=None, value=None, mapping=None, items=None)');
    expect(methodSignature(byName.get('incr')!)).toBe('incr(name, amount=1)');
    expect(methodSignature(byName.get('hgetall')!)).toBe('hgetall(name)');
    expect(methodSignature(byName.get('client_list')!)).toBe('client_list(_type=None, client_id=[])');
    expect(byName.get('register_script')!.doc).toMatch(/^A callable that runs `script` by its SHA-1/);
    expect(names(commands).filter((n) => n.startsWith('_'))).toEqual([]);
  });

  it('gives a client the Redis class’s own methods too, and a pipeline its execute and multi', () => {
    const client = new Map(methods.client.map((m) => [m.name, m]));
    expect(methodSignature(client.get('pipeline')!)).toBe('pipeline(transaction=True, shard_hint=None)');
    expect(methodSignature(client.get('from_url')!)).toBe('from_url(url, **kwargs)');
    expect(client.has('pubsub') && client.has('get') && client.has('close')).toBe(true);
    expect(client.has('execute')).toBe(false);
    expect(names(methods.pipeline)).toEqual(expect.arrayContaining(['execute', 'multi', 'watch', 'hset']));
    expect(names(methods.client)).toEqual([...names(methods.client)].sort());
  });

  it('reads a def whose parameters go over several lines', () => {
    const src =
      'class A:\n    def f(self, a,\n          b=(1, 2)):\n        """Does f."""\n        pass\n\n    g = f\n\n\nclass B:\n    def h(self):\n        pass\n';
    expect(pythonMethods(src, 'A')).toEqual([
      { name: 'f', params: 'a, b=(1, 2)', doc: 'Does f.' },
      { name: 'g', params: 'a, b=(1, 2)', doc: 'Does f.' },
    ]);
  });
});

describe('which names hold a client', () => {
  it('takes r, redis_client, pipe, and names assigned a client or a pipeline', () => {
    const n = pythonClientNames(
      [
        'import redis',
        'cache = redis.Redis(host="localhost", decode_responses=True)',
        'db: redis.Redis = redis.StrictRedis()',
        'other = redis.from_url("redis://localhost")',
        'aio = await aioredis.from_url("redis://")',
        'async with aioredis.Redis(decode_responses=True) as client:',
        'tx = cache.pipeline(transaction=True)',
        'with r.pipeline() as p:',
        'value = cache.get("k")',
      ].join('\n'),
    );
    expect([...n.clients].sort()).toEqual(['aio', 'cache', 'client', 'db', 'other', 'r', 'redis_client']);
    expect([...n.pipelines].sort()).toEqual(['p', 'pipe', 'tx']);
  });
});

describe('completion after a client’s dot', () => {
  it('offers the methods after r. with the range of the partial name', () => {
    const c = at('r.hs');
    expect(c).not.toBeNull();
    expect(names(c!.methods)).toContain('hset');
    expect(c!.methods).toBe(methods.client);
    expect([c!.startColumn, c!.endColumn]).toEqual([3, 5]);
    // Mid-line, the rest of the word is replaced too.
    const line = 'x = r.hge(1)';
    expect(methodCompletion(methods, line, line, 'x = r.h'.length + 1)).toMatchObject({ startColumn: 7, endColumn: 10 });
  });

  it('offers the pipeline’s methods after pipe., the client’s after a name assigned redis.Redis(...)', () => {
    expect(at('pipe.')!.methods).toBe(methods.pipeline);
    expect(at('cache = redis.Redis()\ncache.')!.methods).toBe(methods.client);
  });

  it('offers nothing after another name, after a dotted chain, or without a dot', () => {
    expect(at('os.')).toBeNull();
    expect(at('self.r.')).toBeNull();
    expect(at('r')).toBeNull();
    expect(at('print(value.')).toBeNull();
  });
});
