// The GEO group (Redis's geo.c): the declarations. A geo set is a sorted set whose scores are
// 52-bit geohashes; the commands' work (geo-commands.ts, with the math in geo.ts) is one of the
// late parts, which the browser loads after its first prompt.

import type { CommandSpec } from '../command.js';
import { afterKeyword, commandGroup, key, lateHandler } from '../command-decl.js';

// ---- the table ---------------------------------------------------------------------------------

const command = commandGroup('geo', 'geo');

// One line a command, so the table reads as a table.
// prettier-ignore
export const geoCommands: CommandSpec[] = [
  command('geoadd', -5, 'write denyoom', [key(1, 'RW update')], lateHandler('geoadd'), { since: '3.2.0', complexity: 'O(log(N)) per place added', summary: 'Add places by longitude and latitude to a geo set (a sorted set of geohash scores)', syntax: 'key [NX|XX] [CH] longitude latitude member [longitude latitude member ...]' }),
  command('geodist', -4, 'readonly', [key(1, 'RO access')], lateHandler('geodist'), { since: '3.2.0', complexity: 'O(log(N))', summary: 'Distance between two places of a geo set, in metres or the unit given', syntax: 'key member1 member2 [M|KM|FT|MI]' }),
  command('geohash', -2, 'readonly', [key(1, 'RO access')], lateHandler('geohash'), { since: '3.2.0', complexity: 'O(log(N)) per member', summary: 'The standard 11-character geohash of each place asked for', syntax: 'key member [member ...]' }),
  command('geopos', -2, 'readonly', [key(1, 'RO access')], lateHandler('geopos'), { since: '3.2.0', complexity: 'O(N) for N members', summary: 'Longitude and latitude of each place asked for (the centre of its geohash cell)', syntax: 'key member [member ...]' }),
  command('geosearch', -7, 'readonly', [key(1, 'RO access')], lateHandler('geosearch'), { since: '6.2.0', complexity: 'O(N+log(M)): N points in the grid-aligned bounding box of the shape, M points in the index', summary: 'Places of a geo set inside a circle or a box around a member or a point', syntax: 'key FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]' }),
  command('geosearchstore', -8, 'write denyoom', [key(1, 'OW update'), key(2, 'RO access')], lateHandler('geosearchstore'), { since: '6.2.0', complexity: 'O(N+log(M)): N points in the grid-aligned bounding box of the shape, M points in the index', summary: 'GEOSEARCH whose result is stored as a sorted set (geohash scores, or distances with STOREDIST)', syntax: 'destination source FROMMEMBER member|FROMLONLAT longitude latitude BYRADIUS radius M|KM|FT|MI|BYBOX width height M|KM|FT|MI [ASC|DESC] [COUNT count [ANY]] [STOREDIST]' }),
  command('georadius', -6, 'write denyoom', [key(1, 'RO access'), afterKeyword('STORE', 6, 'OW update'), afterKeyword('STOREDIST', 6, 'OW update')], lateHandler('georadius'), { since: '3.2.0', complexity: 'O(N+log(M)): N points in the bounding box of the circle, M points in the index', summary: 'Places within a radius of a point, optionally stored (deprecated: GEOSEARCH / GEOSEARCHSTORE)', syntax: 'key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key]' }),
  command('georadius_ro', -6, 'readonly', [key(1, 'RO access')], lateHandler('georadius_ro'), { since: '3.2.10', complexity: 'O(N+log(M)): N points in the bounding box of the circle, M points in the index', summary: 'GEORADIUS without STORE (deprecated: GEOSEARCH)', syntax: 'key longitude latitude radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC]' }),
  command('georadiusbymember', -5, 'write denyoom', [key(1, 'RO access'), afterKeyword('STORE', 5, 'OW update'), afterKeyword('STOREDIST', 5, 'OW update')], lateHandler('georadiusbymember'), { since: '3.2.0', complexity: 'O(N+log(M)): N points in the bounding box of the circle, M points in the index', summary: 'Places within a radius of a member, optionally stored (deprecated: GEOSEARCH / GEOSEARCHSTORE)', syntax: 'key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key]' }),
  command('georadiusbymember_ro', -5, 'readonly', [key(1, 'RO access')], lateHandler('georadiusbymember_ro'), { since: '3.2.10', complexity: 'O(N+log(M)): N points in the bounding box of the circle, M points in the index', summary: 'GEORADIUSBYMEMBER without STORE (deprecated: GEOSEARCH)', syntax: 'key member radius M|KM|FT|MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC]' }),
];
