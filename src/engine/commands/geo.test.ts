// Unit tests for the GEO group on the engine directly. The byte-for-byte comparisons with
// Redis are in test/diff/geo.test.ts.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { late } from '../late.js';
import type { Reply } from '../../shared/reply.js';

function setup() {
  const e = new Engine({ clock: new VirtualClock(1_700_000_000_000), late });
  const c = e.createClient();
  const run = (...argv: string[]): Reply | null => e.execute(c, argv);
  run('GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania');
  return { e, c, run };
}

const bulk = (v: string | null): Reply => ({ t: 'bulk', v });

describe('geo commands', () => {
  it('GEOADD stores geohash scores in a sorted set', () => {
    const { run } = setup();
    expect(run('TYPE', 'Sicily')).toEqual({ t: 'simple', v: 'zset' });
    expect(run('ZSCORE', 'Sicily', 'Palermo')).toMatchObject({ s: '3479099956230698' });
    expect(run('GEOADD', 'Sicily', 'CH', '13.4', '38.1', 'Palermo', '1', '1', 'x')).toEqual({ t: 'int', v: 2 });
    expect(run('GEOADD', 'Sicily', '200', '1', 'y')).toEqual({
      t: 'error',
      v: 'ERR invalid longitude,latitude pair 200.000000,1.000000',
    });
    expect(run('GEOADD', 'Sicily', 'NX', 'XX', '1', '1', 'y')).toEqual({ t: 'error', v: 'ERR syntax error' });
  });

  it('GEOPOS, GEOHASH and GEODIST', () => {
    const { run } = setup();
    const pos = run('GEOPOS', 'Sicily', 'Palermo', 'nope') as { t: 'array'; v: Reply[] };
    expect(pos.v[0]).toEqual({
      t: 'array',
      v: [
        { t: 'double', v: expect.any(Number) as number, s: '13.36138933897018433' },
        { t: 'double', v: expect.any(Number) as number, s: '38.11555639549629859' },
      ],
    });
    expect(pos.v[1]).toEqual({ t: 'array', v: null });
    expect(run('GEOHASH', 'Sicily', 'Palermo', 'nope')).toEqual({ t: 'array', v: [bulk('sqc8b49rny0'), bulk(null)] });
    expect(run('GEODIST', 'Sicily', 'Palermo', 'Catania', 'km')).toEqual(bulk('166.2742'));
    expect(run('GEODIST', 'Sicily', 'Palermo', 'Catania', 'yd')).toEqual({
      t: 'error',
      v: 'ERR unsupported unit provided. please use M, KM, FT, MI',
    });
  });

  it('GEOSEARCH sorts, counts and decorates', () => {
    const { run } = setup();
    expect(run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC')).toEqual({
      t: 'array',
      v: [bulk('Catania'), bulk('Palermo')],
    });
    expect(run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '1', 'DESC', 'WITHDIST')).toEqual({
      t: 'array',
      v: [{ t: 'array', v: [bulk('Palermo'), bulk('190.4424')] }],
    });
    expect(run('GEOSEARCH', 'Sicily', 'FROMMEMBER', 'nope', 'BYRADIUS', '1', 'km')).toEqual({
      t: 'error',
      v: 'ERR could not decode requested zset member',
    });
    expect(run('GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km', 'ANY')).toEqual({
      t: 'error',
      v: 'ERR the ANY argument requires COUNT argument',
    });
  });

  it('GEOSEARCHSTORE and GEORADIUS STORE write sorted sets', () => {
    const { run } = setup();
    expect(run('GEOSEARCHSTORE', 'd', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST')).toEqual({ t: 'int', v: 2 });
    expect(run('ZSCORE', 'd', 'Catania')).toMatchObject({ s: '56.441257870158204' });
    expect(run('GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd2')).toEqual({ t: 'int', v: 2 });
    expect(run('ZSCORE', 'd2', 'Palermo')).toMatchObject({ s: '3479099956230698' });
    expect(run('GEORADIUS', 'Sicily', '15', '37', '1', 'm', 'STORE', 'd2')).toEqual({ t: 'int', v: 0 });
    expect(run('EXISTS', 'd2')).toEqual({ t: 'int', v: 0 });
    expect(run('GEORADIUS_RO', 'Sicily', '15', '37', '1', 'm', 'STORE', 'd2')).toEqual({ t: 'error', v: 'ERR syntax error' });
  });
});
