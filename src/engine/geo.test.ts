// Unit tests of the geo math (geo.ts): scores, decoding, hashes, distances, search cells and the
// number formats, with values taken from Redis 7.0.15. test/diff/geo.test.ts compares the
// commands byte for byte.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundingBox,
  cellScores,
  decodeScore,
  distance,
  distanceIfWithin,
  roughDistance,
  estimateStepsByRadius,
  formatDistance,
  formatF6,
  formatHumanDouble,
  geoAsin,
  geoCos,
  geohashString,
  geoSin,
  geoScore,
  searchCells,
  type GeoShape,
} from './geo.js';

describe('geo math', () => {
  it('scores are the 52-bit interleaved hash Redis stores', () => {
    expect(geoScore(13.361389, 38.115556)).toBe(3479099956230698);
    expect(geoScore(15.087269, 37.502669)).toBe(3479447370796909);
    expect(geoScore(-180, -85.05112878)).toBe(0);
    // The top corner overflows 26 bits per coordinate, as the uint32 cast in Redis lets it.
    expect(geoScore(180, 85.05112878)).toBe(2 ** 52 + 2 ** 53);
  });

  it('decodes a score to the centre of its cell', () => {
    const xy = [0, 0];
    decodeScore(3479099956230698, xy);
    expect(formatHumanDouble(xy[0]!)).toBe('13.36138933897018433');
    expect(formatHumanDouble(xy[1]!)).toBe('38.11555639549629859');
    decodeScore(Infinity, xy);
    expect(xy[0]).toBeLessThan(-179.99);
    decodeScore(-1, xy);
    expect(xy).toEqual([180, 85.05112878]);
  });

  it('standard geohash strings', () => {
    expect(geohashString(3479099956230698)).toBe('sqc8b49rny0');
    expect(geohashString(3479447370796909)).toBe('sqdtr74hyu0');
  });

  it('haversine distance on Redis earth radius', () => {
    const a = [0, 0];
    const b = [0, 0];
    decodeScore(3479099956230698, a);
    decodeScore(3479447370796909, b);
    expect(formatDistance(distance(a[0]!, a[1]!, b[0]!, b[1]!) / 1000)).toBe('166.2742');
    expect(distance(10, 10, 10, 11)).toBeCloseTo(111226.3, 0);
    expect(distance(1, 2, 1, 2)).toBe(0);
  });

  it('shapes: inside / outside and the distance reported', () => {
    const circle: GeoShape = { circle: true, lon: 15, lat: 37, radius: 200, width: 0, height: 0, conversion: 1000 };
    const xy = [0, 0];
    decodeScore(3479447370796909, xy);
    expect(formatDistance(distanceIfWithin(circle, xy[0]!, xy[1]!) / 1000)).toBe('56.4413');
    expect(distanceIfWithin({ ...circle, radius: 50 }, xy[0]!, xy[1]!)).toBe(-1);
    const box: GeoShape = { circle: false, lon: 15, lat: 37, radius: 0, width: 10, height: 200, conversion: 1000 };
    expect(distanceIfWithin(box, xy[0]!, xy[1]!)).toBe(-1);
    expect(distanceIfWithin({ ...box, width: 200 }, xy[0]!, xy[1]!)).toBeGreaterThan(0);
  });

  it('step estimate, bounding box and the nine cells', () => {
    expect(estimateStepsByRadius(0, 0)).toBe(26);
    expect(estimateStepsByRadius(200000, 0)).toBe(6);
    expect(estimateStepsByRadius(200000, 70)).toBe(5);
    expect(estimateStepsByRadius(200000, 85)).toBe(4);
    expect(estimateStepsByRadius(1e9, 0)).toBe(1);
    const shape: GeoShape = { circle: true, lon: 15, lat: 37, radius: 200, width: 0, height: 0, conversion: 1000 };
    const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
    expect(minLon).toBeLessThan(15);
    expect(maxLon).toBeGreaterThan(15);
    expect(maxLat - 37).toBeCloseTo(37 - minLat, 10);
    const cells = searchCells(shape);
    expect(cells).toHaveLength(9);
    const centre = cells[0]!;
    const [lo, hi] = cellScores(centre);
    const s = geoScore(15, 37);
    expect(s >= lo && s < hi).toBe(true);
  });

  it('sin, cos and asin give what glibc gives where V8 is 1 ulp off', () => {
    // Expected values printed by glibc 2.36 (Python's math module on the reference machine).
    expect(geoSin(0.8392962638654144)).toBe(0.7441732179103783);
    expect(geoSin(-0.8679608919345516)).toBe(-0.7630124778987362);
    expect(geoCos(-0.5720134100955991)).toBe(0.8408127688244997);
    expect(geoCos(1.2017095815525098)).toBe(0.3607638288994734);
    expect(geoAsin(0.5289901450369934)).toBe(0.5574101378982791);
    expect(geoAsin(0.5371159522360424)).toBe(0.5670142629599108);
    expect(geoSin(0)).toBe(0);
    expect(geoCos(0)).toBe(1);
    expect(geoAsin(1)).toBe(Math.PI / 2);
    expect(geoSin(3)).toBe(Math.sin(3));
    for (let x = -1.6; x <= 1.6; x += 0.0137) {
      expect(Math.abs(geoSin(x) - Math.sin(x))).toBeLessThanOrEqual(Math.abs(Math.sin(x)) * 2.3e-16);
      expect(Math.abs(geoCos(x) - Math.cos(x))).toBeLessThanOrEqual(Math.abs(Math.cos(x)) * 2.3e-16 + 1e-300);
    }
  });

  it('formats: %f, 4-decimal distances, human long doubles', () => {
    expect(formatF6(200)).toBe('200.000000');
    expect(formatF6(0.0078125)).toBe('0.007812');
    expect(formatF6(-0)).toBe('-0.000000');
    expect(formatF6(1e30)).toBe('1000000000000000019884624838656.000000');
    expect(formatF6(-Infinity)).toBe('-inf');
    expect(formatDistance(0)).toBe('0.0000');
    expect(formatDistance(0.00005)).toBe('0.0000');
    expect(formatDistance(0.00015)).toBe('0.0001'); // 1.4999999999999998 after scaling
    expect(formatDistance(-1.23456)).toBe('-1.2346');
    expect(formatDistance(12.3456789)).toBe('12.3457');
    expect(formatHumanDouble(180)).toBe('180');
    expect(formatHumanDouble(-0.5)).toBe('-0.5');
  });
});

describe('roughDistance (the pre-filter of searches)', () => {
  // distanceIfWithin turns a point away on the rough distance only when it exceeds the limit by
  // more than a metre: the two must never differ by that much, antipodes included.
  it('stays within a metre of the exact distance', () => {
    const lon = fc.double({ min: -180, max: 180, noNaN: true });
    const lat = fc.double({ min: -85.05112878, max: 85.05112878, noNaN: true });
    fc.assert(
      fc.property(lon, lat, lon, lat, (a, b, c, d) => {
        expect(Math.abs(roughDistance(a, b, c, d) - distance(a, b, c, d))).toBeLessThan(1);
      }),
      { numRuns: 20_000 },
    );
    for (const [a, b] of [
      [0, 0],
      [179.9999999, 0.0000001],
      [-180, 85.05112878],
      [0.000001, -0.000001],
    ]) {
      expect(Math.abs(roughDistance(0, 0, a!, b!) - distance(0, 0, a!, b!))).toBeLessThan(1);
      expect(Math.abs(roughDistance(-a!, -b!, a!, b!) - distance(-a!, -b!, a!, b!))).toBeLessThan(1);
    }
  });
});
