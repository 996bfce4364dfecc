// The page's own words (top bar, terminal tabs, inspector) in each language. They follow the
// language picked in the lessons panel. Redis's words (commands, types, encodings, replies) stay.

import type { Locale } from '../lessons/model.js';
import { useLessons } from '../store/lesson-store.js';

/** Day, hour, minute and second suffixes, each written right after its number. */
type Units = readonly [string, string, string, string];

const SIZES = [86_400, 3_600, 60] as const;

/** "2 min 5 s" (or "2분 5초"): a duration in whole seconds, largest units first. */
export function formatDuration(ms: number, units: Units): string {
  let s = Math.round(ms / 1000);
  const parts: string[] = [];
  SIZES.forEach((size, i) => {
    if (s < size) return;
    parts.push(`${Math.floor(s / size)}${units[i]}`);
    s %= size;
  });
  if (s > 0 || parts.length === 0) parts.push(`${s}${units[3]}`);
  return parts.join(' ');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const EN_UNITS: Units = [' d', ' h', ' min', ' s'];
const KO_UNITS: Units = ['일', '시간', '분', '초'];

const en = {
  // Top bar and panels
  panels: 'Panels',
  lessons: 'Lessons',
  language: 'Language',
  lessonsLoading: 'Loading lessons…',
  lessonsLoadFailed: 'The lessons could not be loaded.',
  lessonsTitle: 'Lessons (Alt+1)',
  inspector: 'Inspector',
  inspectorTitle: 'Inspector (Alt+3)',
  terminals: 'Terminals',
  workbench: 'Workbench',
  workbenchTitle: 'Workbench: write and run scripts of commands (Alt+4)',
  workbenchLoading: 'Loading the editor…',
  openInEditor: 'Open in editor',
  openInEditorTitle: 'Put these lines in a new workbench script',
  lightTheme: 'Light theme',
  darkTheme: 'Dark theme',
  themeTitle: 'Switch between light and dark',
  restarted: (reason: string) =>
    `The Redis engine stopped (${reason}) and was started again. Its data came back from the last autosave (at most about a second old); connections are new, so MULTI and WATCH start over.`,
  dismiss: 'Dismiss',
  unreadable: (reason: string) =>
    `Your saved data could not be loaded (${reason}), so Redis started empty. The data is kept as it was until you download it or discard it.`,
  unreadableDownload: 'Download it (dump.rdb)',
  unreadableDiscard: 'Discard it',
  keys: 'Keys',

  // Terminal tabs
  tabList: 'Terminals (one Redis client each)',
  newTab: 'New terminal',
  newTabTitle: 'New terminal (a new client)',
  rawTitle: 'Show replies as redis-cli --raw does',
  splitView: 'Side by side',
  splitTitle: 'Show all terminals side by side',
  tabView: 'Tabs',
  tabTitle: 'Show one terminal at a time',
  tabName: 'Terminal name',
  renameTitle: 'Double-click or F2 to rename',
  defaultTabTitle: (id: number) => `client ${id}`,
  database: (db: number) => `Database ${db}`,
  closeTabTitle: 'Close this terminal (its client disconnects)',

  // Clock
  clock: 'Engine clock',
  pause: 'Pause time',
  resume: 'Resume time',
  duration: (ms: number) => formatDuration(ms, EN_UNITS),
  moveTitle: (duration: string) => `Move the clock ${duration} forward`,
  seconds: 'Seconds to move forward',
  secondsPlaceholder: 's',
  go: 'Go',
  clockState: (paused: boolean, ahead: string | null) => (paused ? 'Time is paused' : 'Time runs') + (ahead === null ? '' : `, ${ahead} ahead`),
  /** The banner on every screen while the engine's clock is off real time. */
  clockPaused: 'The engine’s clock is paused: TTLs do not run down.',
  clockPausedAhead: (d: string) => `The engine’s clock is paused, ${d} ahead of real time: TTLs do not run down.`,
  clockAhead: (d: string) => `The engine’s clock runs ${d} ahead of real time.`,
  clockBehind: (d: string) => `The engine’s clock runs ${d} behind real time.`,
  realTime: 'Back to real time',

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
  /** A terminal's script runs on (EVAL while true do end): redis-cli would just wait; Ctrl-C helps. */
  scriptRunning: (kill: string) => `(the script is still running: Ctrl-C sends ${kill} from another connection)`,
  scriptKillSent: (kill: string) => `(${kill} sent from another connection)`,

  // Keyboard and assistive technology
  terminalInput: 'Terminal input (redis-cli)',
  terminalTooMuchOutput: 'Too much output to read aloud; move through the rows to read it',
  tabKeysTitle: 'Double-click or F2 to rename; Delete closes it (its client disconnects)',
  shortcuts: 'Keyboard shortcuts',
  shortcutsTitle: 'Keyboard shortcuts (Alt+/ or F1)',
  shortcutsPage: 'On this page',
  shortcutsTerminal: 'In the terminal (as in redis-cli)',
  shortcutsKey: 'Keys',
  shortcutsAction: 'What they do',
  keyHelp: {
    lessons: 'Go to the lessons',
    terminal: 'Go to the terminal',
    inspector: 'Go to the inspector',
    workbench: 'Go to the workbench (the script editor)',
    runLine: 'In the workbench: run the line or the selection',
    runAll: 'In the workbench: run the whole script',
    tabTrap: 'In the workbench’s editor: Tab moves focus instead of indenting (press again to undo)',
    help: 'Show this list',
    escape: 'Close this list',
    tabs: 'Previous or next terminal tab (in the tab list)',
    rename: 'Rename the terminal tab',
    closeTab: 'Close the terminal tab (in the tab list)',
    lineEnds: 'Start or end of the line',
    words: 'One word back or forward',
    killEnd: 'Delete to the end of the line',
    killLine: 'Delete the whole line',
    killWord: 'Delete the word before the cursor',
    search: 'Search earlier commands',
    history: 'Previous or next command',
    complete: 'Complete a command name',
    clear: 'Clear the screen',
    interrupt: 'Drop the line; stop a blocking command or a subscription; SCRIPT KILL a running script',
  },
};

export type UiStrings = typeof en;

const ko: UiStrings = {
  panels: '패널',
  lessons: '레슨',
  language: '언어',
  lessonsLoading: '레슨을 불러오는 중…',
  lessonsLoadFailed: '레슨을 불러오지 못했어요.',
  lessonsTitle: '레슨 (Alt+1)',
  inspector: '인스펙터',
  inspectorTitle: '인스펙터 (Alt+3)',
  terminals: '터미널',
  workbench: '워크벤치',
  workbenchTitle: '워크벤치: 명령 스크립트를 쓰고 실행 (Alt+4)',
  workbenchLoading: '편집기를 불러오는 중…',
  openInEditor: '편집기에서 열기',
  openInEditorTitle: '이 줄들을 워크벤치의 새 스크립트로',
  lightTheme: '밝은 테마',
  darkTheme: '어두운 테마',
  themeTitle: '밝은 테마와 어두운 테마 전환',
  restarted: (reason: string) =>
    `Redis 엔진이 멈춰서(${reason}) 다시 시작했어요. 데이터는 마지막 자동 저장(길어야 1초쯤 전)에서 되살렸어요. 연결은 새로 맺었으니 MULTI와 WATCH는 처음부터 다시 해 주세요.`,
  dismiss: '닫기',
  unreadable: (reason: string) =>
    `저장해 둔 데이터를 불러오지 못해서(${reason}) Redis를 빈 상태로 시작했어요. 내려받거나 버리기 전까지 그 데이터는 그대로 보관해요.`,
  unreadableDownload: '내려받기 (dump.rdb)',
  unreadableDiscard: '버리기',
  keys: '키',

  tabList: '터미널 (터미널마다 Redis 클라이언트 하나)',
  newTab: '새 터미널',
  newTabTitle: '새 터미널 (새 클라이언트로 연결해요)',
  rawTitle: '응답을 redis-cli --raw처럼 보여 주기',
  splitView: '나란히 보기',
  splitTitle: '모든 터미널을 나란히 보기',
  tabView: '탭으로 보기',
  tabTitle: '터미널을 하나씩 보기',
  tabName: '터미널 이름',
  renameTitle: '더블클릭하거나 F2를 눌러 이름 바꾸기',
  defaultTabTitle: (id: number) => `클라이언트 ${id}`,
  database: (db: number) => `${db}번 데이터베이스`,
  closeTabTitle: '이 터미널 닫기 (클라이언트 연결도 끊겨요)',

  clock: '엔진 시계',
  pause: '시간 멈추기',
  resume: '시간 멈춤 풀기',
  duration: (ms: number) => formatDuration(ms, KO_UNITS),
  moveTitle: (duration: string) => `시계를 ${duration} 앞으로 돌리기`,
  seconds: '앞으로 돌릴 시간(초)',
  secondsPlaceholder: '초',
  go: '돌리기',
  clockState: (paused: boolean, ahead: string | null) =>
    (paused ? '시간이 멈춰 있어요.' : '시간이 흐르고 있어요.') + (ahead === null ? '' : ` 실제보다 ${ahead} 앞서 있어요.`),
  clockPaused: '엔진 시계가 멈춰 있어요. TTL이 줄지 않아요.',
  clockPausedAhead: (d: string) => `엔진 시계가 실제 시간보다 ${d} 앞선 채로 멈춰 있어요. TTL이 줄지 않아요.`,
  clockAhead: (d: string) => `엔진 시계가 실제 시간보다 ${d} 앞서 있어요.`,
  clockBehind: (d: string) => `엔진 시계가 실제 시간보다 ${d} 늦어요.`,
  realTime: '실제 시간으로',

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
  scriptRunning: (kill: string) => `(스크립트가 아직 실행 중이에요. Ctrl-C를 누르면 다른 연결에서 ${kill}을 보내요)`,
  scriptKillSent: (kill: string) => `(다른 연결에서 ${kill}을 보냈어요)`,

  terminalInput: '터미널 입력 (redis-cli)',
  terminalTooMuchOutput: '출력이 너무 많아 다 읽어 드릴 수 없어요. 줄을 하나씩 옮겨 가며 읽어 보세요.',
  tabKeysTitle: '더블클릭하거나 F2를 눌러 이름 바꾸기, Delete를 눌러 닫기 (클라이언트 연결이 끊깁니다)',
  shortcuts: '단축키',
  shortcutsTitle: '단축키 (Alt+/ 또는 F1)',
  shortcutsPage: '이 페이지에서',
  shortcutsTerminal: '터미널에서 (redis-cli와 같음)',
  shortcutsKey: '키',
  shortcutsAction: '하는 일',
  keyHelp: {
    lessons: '레슨으로 이동',
    terminal: '터미널로 이동',
    inspector: '인스펙터로 이동',
    workbench: '워크벤치(스크립트 편집기)로 이동',
    runLine: '워크벤치에서: 그 줄이나 선택한 부분 실행',
    runAll: '워크벤치에서: 스크립트 전체 실행',
    tabTrap: '워크벤치 편집기에서: Tab이 들여쓰기 대신 포커스를 옮김 (다시 누르면 되돌림)',
    help: '이 목록 보기',
    escape: '이 목록 닫기',
    tabs: '이전 또는 다음 터미널 탭 (탭 목록에서)',
    rename: '터미널 탭 이름 바꾸기',
    closeTab: '터미널 탭 닫기 (탭 목록에서)',
    lineEnds: '줄의 처음 또는 끝으로',
    words: '한 단어 뒤로 또는 앞으로',
    killEnd: '커서부터 줄 끝까지 지우기',
    killLine: '줄 전체 지우기',
    killWord: '커서 앞 단어 지우기',
    search: '이전 명령 검색',
    history: '이전 또는 다음 명령',
    complete: '명령 이름 자동 완성',
    clear: '화면 지우기',
    interrupt: '입력 취소, 블로킹 명령이나 구독 멈추기, 실행 중인 스크립트에 SCRIPT KILL 보내기',
  },
};

export const UI_STRINGS: Record<Locale, UiStrings> = { en, ko };

/** The page's words in the language the learner picked. */
export function useUiStrings(): UiStrings {
  return UI_STRINGS[useLessons((s) => s.locale)];
}
