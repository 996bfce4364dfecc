import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from './keytable.js';
import { createString, type RObj } from './objects.js';

const str = (value: string, enc?: 'raw' | 'int' | 'embstr') => createString(value, enc);

describe('KeyTable', () => {
  it('adds, finds, replaces and deletes keys, each with its access field', () => {
    const t = new KeyTable();
    const a = t.add('a', str('1'), 7);
    const b = t.add('b', { type: 'list', value: null as never }, 9);
    expect(t.size).toBe(2);
    expect(t.find('a')).toBe(a);
    expect(t.find('b')).toBe(b);
    expect(t.find('c')).toBe(-1);
    expect(t.get('a')).toEqual({ type: 'string', value: '1', enc: undefined });
    expect(t.get('b')!.type).toBe('list');
    expect(t.accessAt(a)).toBe(7);
    t.setAccessAt(a, 0xffffff);
    expect(t.accessAt(a)).toBe(0xffffff);
    t.replaceAt(a, str('2', 'raw'));
    expect(t.get('a')).toEqual({ type: 'string', value: '2', enc: 'raw' });
    t.replaceStringAt(a, '3');
    expect(t.get('a')).toEqual({ type: 'string', value: '3', enc: undefined });
    expect(t.holdsString(a)).toBe(true);
    expect(t.holdsString(b)).toBe(false);
    expect(t.delete('a')).toBe(a);
    expect(t.delete('a')).toBe(-1);
    expect(t.find('a')).toBe(-1);
    expect(t.size).toBe(1);
  });

  it('keeps a string of SET’s encoding unwrapped and hands out equal objects for it', () => {
    const t = new KeyTable();
    const plain = t.add('k', str('v'), 0);
    const copied = t.add('c', { type: 'string', value: '5', enc: undefined, unsharedValue: '5' }, 0);
    expect(t.valueAt(plain)).toEqual(t.valueAt(plain));
    expect(t.valueAt(copied)).toEqual({ type: 'string', value: '5', enc: undefined, unsharedValue: '5' });
  });

  it('reuses the last freed slot first and starts over once empty', () => {
    const t = new KeyTable();
    for (const k of ['a', 'b', 'c', 'd', 'e']) t.add(k, str(k), 0);
    expect(t.slotCount).toBe(5);
    const b = t.delete('b');
    const d = t.delete('d');
    expect(t.add('x', str('x'), 0)).toBe(d);
    expect(t.add('y', str('y'), 0)).toBe(b);
    expect(t.slotCount).toBe(5);
    for (const k of ['a', 'c', 'e', 'x', 'y']) t.delete(k);
    expect(t.size).toBe(0);
    expect(t.slotCount).toBe(0);
    expect(t.add('z', str('z'), 0)).toBe(0);
  });

  it('keeps every key and slot through growth (thousands of keys, colliding buckets)', () => {
    const t = new KeyTable();
    const slots = new Map<string, number>();
    for (let i = 0; i < 5000; i++) slots.set(`key:${i}`, t.add(`key:${i}`, str(String(i)), i));
    for (const [k, slot] of slots) {
      expect(t.find(k)).toBe(slot);
      expect(t.accessAt(slot)).toBe(Number(k.slice(4)));
    }
    expect([...t.keys()].sort()).toEqual([...slots.keys()].sort());
  });

  it('walks its slots while keys come and go: a key present throughout is visited once', () => {
    const t = new KeyTable();
    for (let i = 0; i < 100; i++) t.add(`k${i}`, str('v'), 0);
    const seen: string[] = [];
    let n = 0;
    for (const slot of t.slots()) {
      seen.push(t.keyAt(slot)!);
      // Churn: drop a key ahead and add new ones (which reuse its slot or go past the end).
      if (n++ % 3 === 0) {
        t.delete(`k${99 - n}`);
        t.add(`new${n}`, str('v'), 0);
      }
    }
    for (let i = 0; i < 100; i++) {
      const k = `k${i}`;
      if (t.has(k)) expect(seen.filter((s) => s === k)).toHaveLength(1);
    }
  });

  it('behaves as a Map would under any sequence of adds, replaces and deletes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 3 }), value: fc.string({ maxLength: 3 }), raw: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 3 }) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const t = new KeyTable();
        const model = new Map<string, RObj>();
        for (const o of ops) {
          if (o.kind === 'set') {
            const obj = str(o.value, o.raw ? 'raw' : undefined);
            const slot = t.find(o.key);
            if (slot >= 0) t.replaceAt(slot, obj);
            else t.add(o.key, obj, 0);
            model.set(o.key, obj);
          } else if (o.kind === 'delete') {
            expect(t.delete(o.key) >= 0).toBe(model.delete(o.key));
          } else {
            t.clear();
            model.clear();
          }
          expect(t.size).toBe(model.size);
        }
        expect(new Map(t.entries())).toEqual(model);
        for (const k of model.keys()) expect(t.get(k)).toEqual(model.get(k));
      }),
    );
  });
});
