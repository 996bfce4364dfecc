import { describe, expect, it } from 'vitest';
import { freshScriptName, localizedName } from './workbench-store.js';

describe('script names', () => {
  it('a given name follows the page language; the person’s own name stays', () => {
    expect(localizedName('script 1', '스크립트')).toBe('스크립트 1');
    expect(localizedName('스크립트 12', 'script')).toBe('script 12');
    expect(localizedName('script 1', 'script')).toBeNull();
    expect(localizedName('my script 1', '스크립트')).toBeNull();
    expect(localizedName('second one', '스크립트')).toBeNull();
  });

  it('a new script takes the next free number in the given words', () => {
    const s = (name: string, id: number) => ({ id, name, text: '', language: 'redis' as const });
    expect(freshScriptName([s('스크립트 1', 1)], '스크립트')).toBe('스크립트 2');
    expect(freshScriptName([s('script 1', 1), s('script 2', 2)])).toBe('script 3');
  });
});
