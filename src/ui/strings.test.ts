import { describe, expect, it } from 'vitest';
import { LATE_STRINGS } from './late-strings.js';
import { formatDuration, UI_STRINGS } from './strings.js';

const { en, ko } = UI_STRINGS;

describe('page strings', () => {
  it('writes durations largest unit first, in each language', () => {
    expect(en.duration(0)).toBe('0 s');
    expect(en.duration(1_000)).toBe('1 s');
    expect(en.duration(60_000)).toBe('1 min');
    expect(en.duration(65_000)).toBe('1 min 5 s');
    expect(en.duration(90_061_000)).toBe('1 d 1 h 1 min 1 s');
    expect(ko.duration(65_000)).toBe('1분 5초');
    expect(ko.duration(3_600_000)).toBe('1시간');
    expect(formatDuration(1_499, ['d', 'h', 'm', 's'])).toBe('1s');
  });

  it('says how the clock runs', () => {
    expect(en.clockState(false, en.duration(60_000))).toBe('Time runs, 1 min ahead');
    expect(en.clockState(true, null)).toBe('Time is paused');
    expect(ko.clockState(false, ko.duration(60_000))).toBe('시간이 흐르고 있어요. 실제보다 1분 앞서 있어요.');
  });

  it('has every word in both languages, none left empty', () => {
    const flat = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v as object).map((x) => `${k}.${x}`) : typeof v === 'string' && v === '' ? [] : [k]));
    for (const { en, ko } of [UI_STRINGS, LATE_STRINGS]) expect(flat(ko).sort()).toEqual(flat(en).sort());
  });
});
