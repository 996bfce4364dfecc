import { describe, expect, it } from 'vitest';
import { afterKeyword, commandGroup, key, keyNum, keyRange, unknownKeys } from './command-decl.js';

const handler = () => null;
const docs = { since: '1.0.0', summary: 'x' };

describe('command declarations', () => {
  const command = commandGroup('string', 'string');

  it('derives ACL categories from the flags as Redis does, in ACLCommandCategories order', () => {
    expect(command('a', 2, 'readonly fast', [key(1, 'RO')], handler, docs).acl).toEqual(['read', 'string', 'fast']);
    expect(command('b', 2, 'write denyoom', [key(1, 'RW')], handler, docs).acl).toEqual(['write', 'string', 'slow']);
    expect(command('c', 2, 'write blocking', [key(1, 'RW')], handler, docs).acl).toEqual(['write', 'string', 'slow', 'blocking']);
    expect(commandGroup('server')('d', 1, 'admin noscript', [], handler, { ...docs, acl: 'keyspace' }).acl).toEqual(['keyspace', 'admin', 'slow', 'dangerous']);
    // @scripting commands are not @read, even when read-only.
    expect(commandGroup('scripting', 'scripting')('e', 2, 'readonly', [], handler, docs).acl).toEqual(['slow', 'scripting']);
  });

  it('orders flags as COMMAND INFO prints them and refuses an unknown one', () => {
    expect(command('a', 2, 'fast readonly', [], handler, docs).flags).toEqual(['readonly', 'fast']);
    expect(() => command('a', 2, 'readonly quick', [], handler, docs)).toThrow(/unknown command flag 'quick'/);
    expect(() => command('a', 2, 'readonly', [], handler, { ...docs, acl: 'strings' })).toThrow(/unknown ACL category/);
  });

  it('derives the legacy key range and movablekeys from the key specs', () => {
    const range = (...specs: Parameters<typeof command>[3]) => command('x', -2, 'write', specs, handler, docs);
    expect(range().keys).toEqual([0, 0, 0]);
    expect(range(key(1, 'RW')).keys).toEqual([1, 1, 1]);
    expect(range(keyRange(1, -1, 2, 'OW')).keys).toEqual([1, -1, 2]);
    // Two contiguous single keys (RENAME, LMOVE) make one range.
    expect(range(key(1, 'RW'), key(2, 'OW')).keys).toEqual([1, 2, 1]);
    // A numkeys spec cannot be a range: the first key stays (ZUNIONSTORE), and the keys move.
    const zunionstore = range(key(1, 'OW'), keyNum(2, 'RO'));
    expect(zunionstore.keys).toEqual([1, 1, 1]);
    expect(zunionstore.flags).toEqual(['write', 'movablekeys']);
    const xread = range(afterKeyword('STREAMS', 1, 'RO', -1, 1, 2));
    expect([xread.keys, xread.flags]).toEqual([
      [0, 0, 0],
      ['write', 'movablekeys'],
    ]);
    expect(range(key(1, 'RO'), unknownKeys('OW', 'STORE')).flags).toContain('movablekeys');
    expect(range(key(1, 'RW incomplete')).flags).toContain('movablekeys');
  });

  it('declares containers and help subcommands as Redis does', () => {
    const sub = command.help('thing', '5.0.0', { handler });
    const box = command.container('thing', -2, docs, [sub]);
    expect([box.flags, box.acl, box.keys, box.handler]).toEqual([[], ['slow'], [0, 0, 0], undefined]);
    expect([sub.name, sub.arity, sub.flags, sub.acl, sub.summary]).toEqual(['help', 2, ['loading', 'stale'], ['string', 'slow'], 'List the THING subcommands']);
  });
});
