// Geo commands (GEOADD, GEOPOS, GEODIST, GEOHASH, GEOSEARCH, GEOSEARCHSTORE, GEORADIUS,
// GEORADIUSBYMEMBER and the _RO forms) against a real redis-server, byte for byte: scores via
// ZSCORE, positions, hashes, distances, every option and error path, RESP3 forms, and a
// property test of random points, centres and radii / boxes.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { show, useDiff, type Step } from './harness.js';
import { readUntil, resp3, same } from './pubsub-support.js';
import { optionArgs, optionWord } from './option-words.js';

const SICILY = ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'];
const MORE = [
  'GEOADD',
  'Sicily',
  '12.758489',
  '38.788135',
  'edge1',
  '17.241510',
  '38.788135',
  'edge2',
  '13.583333',
  '37.316667',
  'Agrigento',
  '14.015',
  '37.5',
  '\xec\x95\x88',
  '15.087269',
  '37.502669',
  'Catania2',
];

describe('geo', () => {
  const d = useDiff();

  describe('GEOADD', () => {
    it('adds, scores, options, CH, NX, XX', () =>
      d.run([
        SICILY,
        ['ZSCORE', 'Sicily', 'Palermo'],
        ['ZSCORE', 'Sicily', 'Catania'],
        ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo'],
        ['GEOADD', 'Sicily', 'CH', '13.361389', '38.115556', 'Palermo', '1', '1', 'x'],
        ['GEOADD', 'Sicily', 'ch', '13.4', '38.1', 'Palermo'],
        ['GEOADD', 'Sicily', 'NX', '13.5', '38.2', 'Palermo', '2', '2', 'y'],
        ['GEOADD', 'Sicily', 'XX', 'CH', '13.6', '38.3', 'Palermo', '3', '3', 'z'],
        ['GEOADD', 'Sicily', 'XX', '13.6', '38.3', 'Palermo'],
        ['ZRANGE', 'Sicily', '0', '-1', 'WITHSCORES'],
        ['GEOADD', 'nokey', 'XX', '1', '1', 'a'],
        ['EXISTS', 'nokey'],
        ['GEOADD', 'Sicily', 'NX', 'XX', '1', '1', 'a'],
        ['GEOADD', 'Sicily', '1', '1'],
        ['GEOADD', 'Sicily', '1', '1', 'a', '2'],
        ['GEOADD', 'Sicily', 'GT', '1', '1', 'a'],
        ['GEOADD', 'Sicily', 'CH', 'NX', 'XX'],
        ['GEOADD', 'Sicily', 'nx', 'ch', 'xx', 'ch'],
        ['GEOADD', 'Sicily', 'x', '1', 'a'],
        ['GEOADD', 'Sicily', '1', 'y', 'a'],
        ['GEOADD', 'Sicily', '181', '1', 'a'],
        ['GEOADD', 'Sicily', '1', '85.06', 'a'],
        ['GEOADD', 'Sicily', '-180.0000001', '-85.05112879', 'a'],
        ['GEOADD', 'Sicily', '0.0078125', '1e30', 'a'],
        ['GEOADD', 'Sicily', 'inf', '-0', 'a'],
        ['GEOADD', 'Sicily', '-inf', '0', 'a'],
        ['GEOADD', 'Sicily', 'nan', '0', 'a'],
        ['GEOADD', 'Sicily', '1', '1', 'ok', '200', '1', 'bad'],
        ['ZSCORE', 'Sicily', 'ok'],
        ['GEOADD', 'Sicily'],
        ['GEOADD', 'Sicily', '1', '1'],
        ['SET', 'str', 'v'],
        ['GEOADD', 'str', '1', '1', 'a'],
        ['GEOADD', 'str', '1', '500', 'a'],
      ]));

    it('edge coordinates and their scores, positions and hashes', () => {
      const pts: [string, string][] = [
        ['180', '85.05112878'],
        ['-180', '-85.05112878'],
        ['180', '0'],
        ['0', '85.05112878'],
        ['-180', '85.05112878'],
        ['0', '0'],
        ['-0', '-0'],
        ['179.99999999', '-85.05112877'],
        ['1e-300', '-1e-300'],
        ['.5', '+1.5'],
        ['0x10', '1e1'],
        ['-122.4194155', '37.7749295'],
        ['139.6917', '35.6895'],
        ['-0.1276', '51.5072'],
        ['151.2093', '-33.8688'],
      ];
      const steps: Step[] = [];
      pts.forEach(([lon, lat], i) => steps.push(['GEOADD', 'g', lon, lat, `p${i}`]));
      pts.forEach((_, i) => {
        steps.push(['ZSCORE', 'g', `p${i}`], ['GEOPOS', 'g', `p${i}`], ['GEOHASH', 'g', `p${i}`]);
      });
      steps.push(['ZRANGE', 'g', '0', '-1', 'WITHSCORES']);
      return d.run(steps);
    });

    it('encodings and keyspace events', () =>
      d.run([
        ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
        ['GEOADD', 'a', '1', '1', 'x', '2', '2', 'y'],
        ['OBJECT', 'ENCODING', 'a'],
        ['GEOADD', 'a', '3', '3', 'z'],
        ['OBJECT', 'ENCODING', 'a'],
        ['GEOADD', 'b', '1', '1', 'x'.repeat(100)],
        ['OBJECT', 'ENCODING', 'b'],
        ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
      ]));
  });

  describe('GEOPOS / GEOHASH / GEODIST', () => {
    it('replies, missing members and keys, wrong type', () =>
      d.run([
        SICILY,
        ['GEOPOS', 'Sicily', 'Palermo', 'Catania', 'nope', 'Palermo'],
        ['GEOPOS', 'nokey', 'a', 'b'],
        ['GEOHASH', 'Sicily', 'Palermo', 'Catania', 'nope'],
        ['GEOHASH', 'nokey', 'a'],
        ['GEOHASH', 'Sicily'],
        ['GEOPOS', 'Sicily'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'km'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'MI'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'Ft'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'm'],
        ['GEODIST', 'Sicily', 'Palermo', 'Palermo'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'yd'],
        ['GEODIST', 'Sicily', 'Palermo', 'Catania', 'km', 'x'],
        ['GEODIST', 'Sicily', 'Palermo', 'nope'],
        ['GEODIST', 'nokey', 'a', 'b'],
        ['GEODIST', 'nokey', 'a', 'b', 'parsec'],
        ['SET', 'str', 'v'],
        ['GEOPOS', 'str', 'a'],
        ['GEOHASH', 'str', 'a'],
        ['GEODIST', 'str', 'a', 'b'],
        ['GEODIST', 'str', 'a', 'b', 'bad'],
        ['GEODIST', 'Sicily', 'Palermo'],
      ]));

    it('scores not made by GEOADD decode like Redis', () =>
      d.run([
        ['ZADD', 'z', '0', 'zero', '1.5', 'frac', '-1', 'neg', '4503599627370496', 'big', '9007199254740993', 'bigger'],
        ['ZADD', 'z', '1e19', 'huge', 'inf', 'pinf', '-inf', 'ninf', '-1e19', 'nhuge', '1e25', 'vast'],
        ['GEOPOS', 'z', 'zero', 'frac', 'neg', 'big', 'bigger', 'huge', 'pinf', 'ninf', 'nhuge', 'vast'],
        ['GEOHASH', 'z', 'zero', 'frac', 'neg', 'big', 'bigger', 'huge', 'pinf', 'ninf', 'nhuge', 'vast'],
        ['GEODIST', 'z', 'zero', 'neg', 'km'],
        ['GEODIST', 'z', 'pinf', 'ninf'],
        ['GEOSEARCH', 'z', 'FROMLONLAT', '0', '0', 'BYRADIUS', '20000', 'km', 'WITHHASH', 'WITHCOORD', 'WITHDIST', 'ASC'],
      ]));

    it('RESP3 forms', () =>
      resp3(d.pair).then(() =>
        d.run([
          SICILY,
          ['GEOPOS', 'Sicily', 'Palermo', 'nope'],
          ['GEOPOS', 'nokey', 'a'],
          ['GEOHASH', 'Sicily', 'Palermo', 'nope'],
          ['GEODIST', 'Sicily', 'Palermo', 'Catania'],
          ['GEODIST', 'Sicily', 'Palermo', 'nope'],
          ['GEODIST', 'nokey', 'a', 'b'],
          ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC', 'WITHCOORD', 'WITHDIST', 'WITHHASH'],
          ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST', 'DESC'],
          ['GEOSEARCH', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ]),
      ));
  });

  describe('GEOSEARCH', () => {
    it('by radius and box, from member and point, with every WITH option', () =>
      d.run([
        SICILY,
        MORE,
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'DESC'],
        { argv: ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'], unordered: true },
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'ASC', 'WITHCOORD', 'WITHDIST', 'WITHHASH'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'km', 'desc', 'withdist'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '100', 'mi', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '300000', '100000', 'm', 'ASC', 'WITHCOORD'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Catania', 'BYRADIUS', '0', 'm', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Catania', 'BYBOX', '0', '0', 'm', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1000000', 'ft', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
        ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'FROMLONLAT', '15', '37', 'WITHHASH', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '20000', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '-165', '-37', 'BYRADIUS', '20000', 'km', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1e9', '1e9', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', 'inf', 'km', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1e308', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', 'inf', 'inf', 'm', 'DESC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', 'inf', '1', 'm', 'DESC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '-0', 'm'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1e400', 'm'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '180', '85.05112878', 'BYRADIUS', '5000', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '-180', '-85.05112878', 'BYRADIUS', '20000', 'km', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '2000', '10', 'km', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '10', '2000', 'km', 'ASC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMMEMBER', 'Catania', 'BYRADIUS', '10', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '10', 'km', 'BYRADIUS', '200', 'km', 'asc'],
        ['GEOSEARCH', 'Sicily', 'fromlonlat\x00junk', '15', '37', 'ByRadius', '200', 'KM', 'aSc'],
      ]));

    it('COUNT, COUNT ANY, ordering', () =>
      d.run([
        SICILY,
        MORE,
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '2'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '2', 'DESC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '1', 'ANY'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '3', 'ANY', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'ANY', 'COUNT', '2', 'DESC', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '100'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '9223372036854775807', 'ANY'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '3', 'COUNT', '1'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'ASC', 'DESC'],
      ]));

    it('errors', () =>
      d.run([
        SICILY,
        ['SET', 'str', 'v'],
        ['GEOSEARCH', 'str', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'str', 'FROMLONLAT', '500', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '500', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', 'x', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'nope', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'nokey', 'FROMMEMBER', 'nope', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'BYBOX', '1', '1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'km', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'BYRADIUS', '200', 'km', 'WITHDIST', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'WITHDIST', 'ASC'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', 'x', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '-1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'yd'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', 'x', '1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', 'x', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '-1', '1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '-1', 'yd'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1', 'yd'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYBOX', '1', '1'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '0'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', '-1'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT', 'x'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'COUNT'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ANY'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STORE', 'x'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'bogus'],
        ['geoSEARCH', 'nokey', 'BYRADIUS', '200', 'km', 'WITHDIST'],
        ['GEOSEARCH', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ANY'],
        ['GEOSEARCH', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS'],
      ]));
  });

  describe('GEOSEARCHSTORE', () => {
    it('stores scores or distances, empties and deletes', () =>
      d.run([
        SICILY,
        MORE,
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['OBJECT', 'ENCODING', 'dst'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STOREDIST'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '400', '400', 'km', 'COUNT', '2', 'STOREDIST', 'DESC'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
        ['EXISTS', 'dst'],
        ['SET', 'dst', 'x'],
        ['GEOSEARCHSTORE', 'dst', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
        ['EXISTS', 'dst'],
        ['GEOSEARCHSTORE', 'dst', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
        ['GEOSEARCHSTORE', 'Sicily', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1000', 'km', 'STOREDIST'],
        ['ZRANGE', 'Sicily', '0', '-1', 'WITHSCORES'],
        ['SET', 'str', 'v'],
        ['GEOSEARCHSTORE', 'dst', 'str', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
        ['GEOSEARCHSTORE', 'str', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '1', 'm'],
        ['TYPE', 'str'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'WITHDIST'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'WITHCOORD', 'STOREDIST'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'STORE', 'x'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'COUNT', '1', 'ANY'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'BYRADIUS', '15', 'km', 'COUNT', '1', 'ANY'],
      ]));

    it('listpack or skiplist for the stored set', () =>
      d.run([
        ['CONFIG', 'SET', 'zset-max-listpack-entries', '2'],
        SICILY,
        MORE,
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km'],
        ['OBJECT', 'ENCODING', 'dst'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '500', 'km', 'COUNT', '2'],
        ['OBJECT', 'ENCODING', 'dst'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
      ]));
  });

  describe('GEORADIUS and GEORADIUSBYMEMBER', () => {
    it('searches, STORE and STOREDIST, the _RO forms', () =>
      d.run([
        SICILY,
        MORE,
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST', 'ASC'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHCOORD', 'WITHHASH', 'COUNT', '2'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'ANY', 'DESC'],
        ['GEORADIUS_RO', 'Sicily', '15', '37', '200', 'km', 'WITHDIST', 'DESC'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km', 'WITHDIST', 'ASC'],
        ['GEORADIUSBYMEMBER_RO', 'Sicily', 'Palermo', '200', 'km', 'WITHDIST', 'ASC', 'COUNT', '2'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'dst'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'dst', 'ASC'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'a', 'STORE', 'b'],
        ['ZRANGE', 'b', '0', '-1', 'WITHSCORES'],
        ['EXISTS', 'a'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'mi', 'STOREDIST', 'dst', 'COUNT', '2', 'DESC'],
        ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
        ['GEORADIUS', 'Sicily', '15', '37', '1', 'm', 'STORE', 'dst'],
        ['EXISTS', 'dst'],
        ['GEORADIUS', 'nokey', '15', '37', '1', 'm', 'STORE', 'b'],
        ['EXISTS', 'b'],
        ['GEORADIUS', 'nokey', '15', '37', '1', 'm'],
        ['GEORADIUSBYMEMBER', 'nokey', 'm', '-1', 'yd', 'WITHDIST'],
        ['GEORADIUSBYMEMBER', 'nokey', 'm', '-1', 'yd', 'STORE', 'b'],
        ['GEORADIUSBYMEMBER', 'nokey', 'm', '1', 'km', 'bogus'],
      ]));

    it('errors', () =>
      d.run([
        SICILY,
        ['SET', 'str', 'v'],
        ['GEORADIUS', 'str', '15', '37', '200', 'km'],
        ['GEORADIUS', 'Sicily', '500', '37', '200', 'km'],
        ['GEORADIUS', 'nokey', '500', '37', '200', 'km'],
        ['GEORADIUS', 'Sicily', 'x', '37', '200', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', 'x', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '-5', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'yd'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'STORE'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'STORE', 'dst', 'WITHDIST'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'WITHHASH', 'STOREDIST', 'dst'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'FROMLONLAT', '1', '1'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'BYRADIUS', '1', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'ANY'],
        ['GEORADIUS', 'Sicily', '15', '37', '5', 'km', 'COUNT', '0'],
        ['GEORADIUS_RO', 'Sicily', '15', '37', '5', 'km', 'STORE', 'dst'],
        ['GEORADIUS_RO', 'Sicily', '15', '37', '5', 'km', 'STOREDIST', 'dst'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'nope', '5', 'km'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'nope', 'x', 'yd'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', 'x', 'km'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '5', 'yd'],
        ['GEORADIUSBYMEMBER', 'str', 'Palermo', '5', 'km'],
        ['GEORADIUSBYMEMBER_RO', 'Sicily', 'Palermo', '5', 'km', 'STORE', 'x'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '5'],
        ['GEORADIUS', 'Sicily', '15', '37', '5'],
      ]));
  });

  describe('transactions and keyspace events', () => {
    afterEach(async () => {
      await d.pair.real.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
    });

    it('the events geo commands send', async () => {
      const [listener] = await d.clients(1);
      const l = listener;
      await same(l, ['PSUBSCRIBE', '__key*__:*'], 1);
      await same(l, ['SUBSCRIBE', 'end'], 1);
      await same(d.pair, ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA']);
      const commands: string[][] = [
        SICILY,
        ['GEOADD', 'Sicily', 'NX', '13.361389', '38.115556', 'Palermo'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'dst2'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '1', 'm', 'STOREDIST', 'dst3'],
        ['GEORADIUS', 'Sicily', '15', '37', '1', 'm', 'STORE', 'dst2'],
        ['GEOSEARCHSTORE', 'dst', 'nokey', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km'],
        ['MULTI'],
        ['GEOADD', 'Sicily', '1', '1', 'x'],
        ['GEOPOS', 'Sicily', 'x'],
        ['GEOADD', 'Sicily', '1', '100', 'y'],
        ['EXEC'],
        ['MULTI'],
        ['GEOADD', 'Sicily', '1'],
        ['EXEC'],
      ];
      for (const argv of commands) await same(d.pair, argv);
      await same(d.pair, ['PUBLISH', 'end', 'END-OF-EVENTS']);
      const real = await readUntil(l.real, 'END-OF-EVENTS');
      const ours = await readUntil(l.ours, 'END-OF-EVENTS');
      expect(ours.map(show)).toEqual(real.map(show));
    });
  });

  /**
   * Full-precision distances (STOREDIST scores) go through sin, cos and asin. Ours are correctly
   * rounded; glibc's are in all but about 0.15% of calls, where it is 1 ulp off. So stored
   * distances compare to within a few ulps; everything else stays byte for byte.
   */
  async function sameDistances(argv: string[]): Promise<void> {
    const { real, ours } = await d.both(argv);
    const parse = (raw: string): [string[], number[]] => {
      const parts = raw.split('\r\n').filter((x, i) => i % 2 === 0 && i > 0 && x !== '');
      return [parts.filter((_, i) => i % 2 === 0), parts.filter((_, i) => i % 2 === 1).map(Number)];
    };
    const [rm, rs] = parse(real);
    const [om, os] = parse(ours);
    expect(om, `members of ${argv.join(' ')}`).toEqual(rm);
    os.forEach((x, i) => expect(Math.abs(x - rs[i]!), `score ${i}: ${x} vs ${rs[i]}`).toBeLessThanOrEqual(Math.abs(x) * 1e-15));
  }

  describe('option words and the order of errors', () => {
    it('option words are C strings in any case', () =>
      d.run([
        SICILY,
        ['GEOADD', 'Sicily', 'nx\0x', 'cH\0', '1', '1', 'a'],
        ['GEOADD', 'Sicily', 'Xx\0nx', 'ch', '13.4', '38.1', 'Palermo'],
        ['GEOADD', 'Sicily', 'nx\0', 'xX\0', '1', '1', 'b'],
        ['GEOADD', 'Sicily', 'nxx', '1', '1', 'b'],
        ['GEOSEARCH', 'Sicily', 'fromlonlat\0x', '15', '37', 'ByRadius\0', '200', 'km\0x', 'withdist\0', 'Count\0', '1', 'desc\0'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER\0', 'Palermo', 'bybox\0x', '400', '400', 'MI\0', 'WITHHASH\0', 'withcoord\0', 'asc\0', 'any\0', 'count', '1'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'k\0m'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'withdistx'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'storedist\0x'],
        ['ZRANGE', 'dst', '0', '-1'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'store\0', 'd1'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'StoreDist\0x', 'd2'],
        ['ZRANGE', 'd1', '0', '-1'],
        ['ZRANGE', 'd2', '0', '-1'],
        ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '200', 'km', 'STORE', 'd3', 'STOREDIST', 'd4'],
        ['EXISTS', 'd3', 'd4'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km\0', 'WITHDIST', 'count', '1', 'STORE'],
      ]));

    it('the first bad option answers, later ones are never read', () =>
      d.run([
        SICILY,
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'COUNT', '0', 'BYRADIUS', '-1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '-1', 'km', 'COUNT', 'x'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '500', '37', 'BYRADIUS', 'x', 'km'],
        ['GEOSEARCH', 'Sicily', 'BYRADIUS', '1', 'yd', 'FROMLONLAT', '500', '37'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'nope', 'BYBOX', 'x', '1', 'km'],
        ['GEOSEARCH', 'Sicily', 'BYBOX', '1', 'x', 'km', 'FROMMEMBER', 'nope'],
        ['GEOSEARCH', 'Sicily', 'bogus', 'COUNT', '0'],
        ['GEOSEARCH', 'Sicily', 'COUNT', '0', 'bogus'],
        ['GEOSEARCH', 'Sicily', 'ANY', 'WITHDIST'],
        ['GEOSEARCH', 'Sicily', 'FROMLONLAT', '15', '37', 'ANY'],
        ['GEOSEARCH', 'nokey', 'FROMMEMBER', 'nope', 'BYRADIUS', '-1', 'km'],
        ['GEOSEARCH', 'nokey', 'FROMMEMBER', 'nope', 'FROMLONLAT', '1', '1', 'BYRADIUS', '1', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'FROMMEMBER', 'Catania', 'BYRADIUS', '200', 'km', 'BYRADIUS', '10', 'km'],
        ['GEOSEARCH', 'Sicily', 'FROMMEMBER', 'Palermo', 'BYBOX', '1', '1', 'km', 'BYBOX', '900', '900', 'km'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'WITHDIST', 'FROMLONLAT', '15', '37', 'BYRADIUS', '-1', 'km'],
        ['GEOSEARCHSTORE', 'dst', 'Sicily', 'WITHDIST', 'ANY'],
        ['GEOSEARCHSTORE', 'dst', 'nokey', 'WITHDIST', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'km'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'dst', 'COUNT', '0', 'WITHDIST'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'WITHDIST', 'STORE', 'dst', 'ANY'],
        ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'ANY', 'STORE'],
        ['GEORADIUSBYMEMBER', 'nokey', 'Palermo', 'x', 'yd', 'COUNT', '0'],
        ['GEORADIUSBYMEMBER', 'nokey', 'Palermo', 'x', 'yd', 'STORE', 'dst', 'WITHHASH'],
        ['GEORADIUSBYMEMBER', 'nokey', 'Palermo', 'x', 'yd', 'STORE', 'dst'],
        ['GEOADD', 'Sicily', 'NX', 'XX', 'x', 'y', 'a'],
        ['GEOADD', 'Sicily', 'XX', 'NX', '1', '1'],
        ['GEOADD', 'Sicily', 'CH', 'x', '1', 'a', '500', '1', 'b'],
      ]));

    it('property: random option words, values and orders', async () => {
      const lonlat = [fc.constantFrom('15', '13.361389', '500', 'x'), fc.constantFrom('37', '38.115556', '-90', 'x')];
      const unit = fc.oneof(optionWord('km'), optionWord('m'), optionWord('mi'), optionWord('ft'), fc.constantFrom('yd', ''));
      const dist = fc.constantFrom('200', '1000', '0', '-1', 'x', '1e3');
      const count = fc.constantFrom('1', '2', '0', '-1', 'x');
      const dest = fc.constantFrom('dst', 'Sicily', 'str');
      const shapes = [
        { word: 'frommember', values: [fc.constantFrom('Palermo', 'Catania', 'nope')] },
        { word: 'fromlonlat', values: lonlat },
        { word: 'byradius', values: [dist, unit] },
        { word: 'bybox', values: [dist, dist, unit] },
        { word: 'withdist' },
        { word: 'withhash' },
        { word: 'withcoord' },
        { word: 'any' },
        { word: 'asc' },
        { word: 'desc' },
        { word: 'count', values: [count] },
        { word: 'store', values: [dest] },
        { word: 'storedist', values: [dest] },
        { word: 'storedist' },
      ];
      const stray = fc.constantFrom('x', '1', 'km', 'Palermo', '');
      const src = fc.constantFrom('Sicily', 'nokey', 'str');
      const search = fc.oneof(
        fc.tuple(src, optionArgs(shapes, stray, 6)).map(([k, o]) => ['GEOSEARCH', k, ...o]),
        fc.tuple(dest, src, optionArgs(shapes, stray, 6)).map(([dst, k, o]) => ['GEOSEARCHSTORE', dst, k, ...o]),
        fc.tuple(src, lonlat[0]!, lonlat[1]!, dist, unit, optionArgs(shapes, stray, 4)).map(([k, x, y, r, u, o]) => ['GEORADIUS', k, x, y, r, u, ...o]),
        fc
          .tuple(src, fc.constantFrom('Palermo', 'nope'), dist, unit, optionArgs(shapes, stray, 4))
          .map(([k, m, r, u, o]) => ['GEORADIUSBYMEMBER_RO', k, m, r, u, ...o]),
        fc
          .tuple(
            optionArgs([{ word: 'nx' }, { word: 'xx' }, { word: 'ch' }, { word: 'gt' }], stray, 3),
            fc.constantFrom(['1', '2', 'a'], ['500', '1', 'b'], []),
          )
          .map(([o, p]) => ['GEOADD', 'Sicily', ...o, ...p]),
      );
      await fc.assert(
        fc.asyncProperty(search, async (argv) => {
          await d.run([['FLUSHALL'], SICILY, ['SET', 'str', 'v'], { argv, unordered: true }, ['ZRANGE', 'dst', '0', '-1'], ['ZRANGE', 'Sicily', '0', '-1']]);
        }),
        { numRuns: 300 },
      );
    });
  });

  it('property: random points, centres, radii and boxes', async () => {
    const lon = fc.double({ min: -180, max: 180, noNaN: true });
    const lat = fc.double({ min: -85.05112878, max: 85.05112878, noNaN: true });
    const point = fc.tuple(lon, lat);
    const near = fc.tuple(fc.double({ min: 10, max: 12, noNaN: true }), fc.double({ min: 40, max: 42, noNaN: true }));
    const dist = fc.oneof(fc.double({ min: 0, max: 500, noNaN: true }), fc.constantFrom(0, 1, 100, 5000, 20000));
    const unit = fc.constantFrom('m', 'km', 'mi', 'ft');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(point, near, fc.constantFrom<[number, number]>([10, 40], [11, 41], [10.5, 40.5])), { minLength: 1, maxLength: 60 }),
        fc.oneof(point, near),
        dist,
        dist,
        unit,
        fc.boolean(),
        fc.constantFrom('', 'ASC', 'DESC'),
        async (points, centre, a, b, u, box, order) => {
          const add = ['GEOADD', 'p'];
          points.forEach(([x, y], i) => add.push(String(x), String(y), `m${i}`));
          const scale = u === 'm' || u === 'ft' ? 1000 : 1;
          const shape = box ? ['BYBOX', String(a * scale), String(b * scale), u] : ['BYRADIUS', String(a * scale), u];
          const search = ['GEOSEARCH', 'p', 'FROMLONLAT', String(centre[0]), String(centre[1]), ...shape, 'WITHDIST', 'WITHHASH', 'WITHCOORD'];
          const steps: Step[] = [
            ['DEL', 'p'],
            add,
            ['ZRANGE', 'p', '0', '-1', 'WITHSCORES'],
            ['GEOPOS', 'p', ...points.map((_, i) => `m${i}`)],
            ['GEOHASH', 'p', ...points.map((_, i) => `m${i}`)],
            ['GEODIST', 'p', 'm0', `m${points.length - 1}`, u],
            order === '' ? { argv: search, unordered: true } : [...search, order],
            { argv: ['GEOSEARCH', 'p', 'FROMMEMBER', 'm0', ...shape], unordered: true },
            ['GEOSEARCH', 'p', 'FROMMEMBER', 'm0', ...shape, 'COUNT', '3', 'DESC'],
            // ANY without an order: the scan order of the cells, which Redis fixes.
            ['GEOSEARCH', 'p', 'FROMLONLAT', String(centre[0]), String(centre[1]), ...shape, 'COUNT', '2', 'ANY'],
            ['GEOSEARCHSTORE', 'st', 'p', 'FROMMEMBER', `m${points.length - 1}`, ...shape, 'COUNT', '5', 'STOREDIST'],
          ];
          await d.run(steps);
          await sameDistances(['ZRANGE', 'st', '0', '-1', 'WITHSCORES']);
          await d.run([
            ['GEORADIUS', 'p', String(centre[0]), String(centre[1]), String(a), u, 'STORE', 'st'],
            ['ZRANGE', 'st', '0', '-1', 'WITHSCORES'],
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
