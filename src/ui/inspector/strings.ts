// The inspector's own words (key list, value view, clients), in each language: they come with
// the inspector's chunk, not the page's first script. Words the page shares (clock, tabs) stay
// in ../strings.ts.

import type { Locale } from '../../lessons/model.js';
import { localized } from '../localized.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  // Key list
  databaseLabel: 'Database',
  thisTab: ' · this tab',
  patternFilter: 'Filter keys by pattern',
  patternPlaceholder: 'pattern, e.g. user:*',
  typeFilter: 'Filter by type',
  allTypes: 'all types',
  sort: 'Sort keys',
  byName: 'by name',
  byType: 'by type',
  byTtl: 'by TTL',
  keyCount: (db: number, total: number, shown: number | null) => `db${db}: ${plural(total, 'key', 'keys')}${shown === null ? '' : `, ${shown} shown`}`,
  /** A key row's encoding and size: worded so it never reads as the value. */
  keyMetaShort: (encoding: string, type: string, size: number) =>
    `${encoding} · ${type === 'string' ? `${size} B` : type === 'list' ? plural(size, 'item', 'items') : type === 'hash' ? plural(size, 'field', 'fields') : type === 'stream' ? plural(size, 'entry', 'entries') : plural(size, 'member', 'members')}`,
  keyMeta: (encoding: string, type: string, size: number) =>
    `encoding ${encoding}, ${type === 'string' ? `length ${plural(size, 'byte', 'bytes')}` : type === 'list' ? `length ${size}` : `size ${size}`}`,
  ttlLeft: (s: string) => `${s}s`,

  // Value view
  value: 'Value',
  gone: (key: string) => `The key ${key} no longer exists.`,
  close: 'Close',
  closeValue: 'Close the value view',
  ttl: (s: string) => `TTL ${s} s`,
  showMore: (shown: number, size: number) => `Show more (${shown} of ${size})`,
  valuePages: 'Pages of the value',
  previousPage: '← Previous',
  nextPage: 'Next →',
  pageRange: (from: number, to: number, size: number) => `${from}–${to - 1} of ${size}`,
  delete: 'Delete',
  ttlInput: 'TTL in seconds (empty: remove the TTL)',
  ttlPlaceholder: 'TTL s',
  persist: 'Persist',
  setTtl: 'Set TTL',
  copied: 'Copied',
  copyAsCommands: 'Copy as commands',
  bytes: (n: number) => plural(n, 'byte', 'bytes'),
  length: (n: number) => `length ${n}`,
  entries: (n: number) => plural(n, 'entry', 'entries'),
  fields: (n: number) => plural(n, 'field', 'fields'),
  members: (n: number) => plural(n, 'member', 'members'),
  showBits: 'show as bits (a bitmap)',
  jsonNote: 'Shown as formatted JSON.',
  bitsShown: (last: number, total: number) => `Bits 0 to ${last} of ${total}.`,
  bytesShown: (shown: number, total: number) => `First ${shown} of ${total} bytes.`,
  bit: (offset: number, on: number) => `bit ${offset}: ${on}`,
  bitmap: (bits: number, set: number) => `bitmap of ${bits} bits, ${set} set`,
  /** The words before and after the estimated count. */
  hll: (encoding: string, bytes: number): [string, string] => [`HyperLogLog (${encoding}, ${bytes} bytes): about `, ' distinct elements.'],
  noView: 'This type has no detailed view yet.',
  showPoints: 'show as points (a geo set)',
  points: (n: number) => `${n} points by longitude and latitude`,
  col: {
    id: 'id',
    fields: 'fields',
    group: 'group',
    lastDelivered: 'last delivered',
    consumers: 'consumers (pending)',
    pending: 'pending',
    index: 'index',
    value: 'value',
    field: 'field',
    rank: 'rank',
    member: 'member',
    score: 'score',
  },

  // Clients
  clients: 'Clients',
  inMulti: (queued: number, doomed: boolean) => `in MULTI, ${queued} queued${doomed ? ' (EXEC will fail)' : ''}`,
  watching: (keys: string) => `watching ${keys}`,
  subscribed: (channels: string) => `subscribed to ${channels}`,
  patterns: (patterns: string) => `pattern ${patterns}`,
  monitoring: 'monitoring',
  blocked: (command: string, keys: string, wait: string) => `blocked in ${command} on ${keys} (${wait})`,
  forever: 'forever',
  secondsLeft: (s: string) => `${s} s left`,
  /** Which terminal tab a client is (the panel lists CLIENT ID, tabs have names). */
  clientTab: (title: string) => `tab “${title}”`,
  /** The lessons' own connection, which CLIENT LIST shows too. */
  lessonsChecker: 'lessons checker (the page’s own connection)',
};

export type InspectorStrings = typeof en;

const ko: InspectorStrings = {
  databaseLabel: '데이터베이스',
  thisTab: ' · 이 탭',
  patternFilter: '패턴으로 키 찾기',
  patternPlaceholder: '패턴, 예: user:*',
  typeFilter: '타입으로 고르기',
  allTypes: '모든 타입',
  sort: '키 정렬',
  byName: '이름순',
  byType: '타입순',
  byTtl: 'TTL순',
  keyCount: (db: number, total: number, shown: number | null) => `db${db}: 키 ${total}개${shown === null ? '' : `, ${shown}개 표시`}`,
  keyMetaShort: (encoding: string, type: string, size: number) =>
    `${encoding} · ${type === 'string' ? `${size}B` : type === 'hash' ? `필드 ${size}개` : type === 'list' || type === 'stream' ? `항목 ${size}개` : `멤버 ${size}개`}`,
  keyMeta: (encoding: string, type: string, size: number) =>
    `인코딩 ${encoding}, ${type === 'string' ? `길이 ${size}바이트` : type === 'list' ? `길이 ${size}` : `크기 ${size}`}`,
  ttlLeft: (s: string) => `${s}초`,

  value: '값',
  gone: (key: string) => `이 키는 이제 없어요: ${key}`,
  close: '닫기',
  closeValue: '값 보기 닫기',
  ttl: (s: string) => `TTL ${s}초`,
  showMore: (shown: number, size: number) => `더 보기 (${size}개 중 ${shown}개)`,
  valuePages: '값의 페이지',
  previousPage: '← 이전',
  nextPage: '다음 →',
  pageRange: (from: number, to: number, size: number) => `${size}개 중 ${from}–${to - 1}`,
  delete: '삭제',
  ttlInput: 'TTL(초). 비워 두면 TTL을 없애요',
  ttlPlaceholder: 'TTL 초',
  persist: 'TTL 없애기',
  setTtl: 'TTL 정하기',
  copied: '복사했어요',
  copyAsCommands: '명령어로 복사',
  bytes: (n: number) => `${n}바이트`,
  length: (n: number) => `길이 ${n}`,
  entries: (n: number) => `항목 ${n}개`,
  fields: (n: number) => `필드 ${n}개`,
  members: (n: number) => `멤버 ${n}개`,
  showBits: '비트로 보기 (비트맵)',
  jsonNote: 'JSON을 보기 좋게 정리해서 보여 줘요.',
  bitsShown: (last: number, total: number) => `${total}비트 중 0~${last}번 비트를 보여 줘요.`,
  bytesShown: (shown: number, total: number) => `${total}바이트 중 앞의 ${shown}바이트를 보여 줘요.`,
  bit: (offset: number, on: number) => `비트 ${offset}: ${on}`,
  bitmap: (bits: number, set: number) => `${bits}비트 비트맵, 켜진 비트 ${set}개`,
  hll: (encoding: string, bytes: number) => [`HyperLogLog (${encoding}, ${bytes}바이트): 서로 다른 원소 약 `, '개.'],
  noView: '이 타입은 아직 자세히 보여 드리지 못해요.',
  showPoints: '지도에 점으로 보기 (지오 데이터)',
  points: (n: number) => `경도·위도로 찍은 점 ${n}개`,
  col: {
    id: 'ID',
    fields: '필드',
    group: '그룹',
    lastDelivered: '마지막 전달',
    consumers: '컨슈머 (대기)',
    pending: '대기',
    index: '인덱스',
    value: '값',
    field: '필드',
    rank: '순위',
    member: '멤버',
    score: '점수',
  },

  clients: '클라이언트',
  inMulti: (queued: number, doomed: boolean) => `MULTI 중, 명령 ${queued}개 대기${doomed ? ' (EXEC는 실패해요)' : ''}`,
  watching: (keys: string) => `${keys} 감시 중`,
  subscribed: (channels: string) => `${channels} 구독 중`,
  patterns: (patterns: string) => `패턴 ${patterns} 구독 중`,
  monitoring: 'MONITOR 중',
  blocked: (command: string, keys: string, wait: string) => `${command} 블로킹 중: ${keys} (${wait})`,
  forever: '무기한',
  secondsLeft: (s: string) => `${s}초 남음`,
  clientTab: (title: string) => `탭 “${title}”`,
  lessonsChecker: '레슨 확인용 연결 (페이지가 쓰는 연결)',
};

export const INSPECTOR_STRINGS: Record<Locale, InspectorStrings> = { en, ko };

export const useInspectorStrings = localized(INSPECTOR_STRINGS);
