// The words of what comes after the first prompt (the inspector, the shortcuts list), in each
// language: they come with those chunks, not the page's first script. Words the page shares
// (clock, tabs) stay in ./strings.ts, the workbench's in ./workbench/strings.ts.

import type { Locale } from '../lessons/model.js';
import { localized } from './localized.js';
import type { ImportProblem } from '../worker/protocol.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  // Inspector
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

  // Memory line (INFO memory, INFO stats)
  memory: 'Memory',
  /** The used memory, against maxmemory when one is set. */
  memoryUsed: (used: string, max: string | null) => (max === null ? `${used} used` : `${used} of ${max}`),
  memoryUsedTitle: 'used_memory (INFO memory), all databases together',
  noMaxmemory: 'no maxmemory',
  noMaxmemoryTitle: 'No limit: CONFIG SET maxmemory 1mb sets one, and maxmemory-policy says which keys go when it is reached',
  policyTitle: 'maxmemory-policy: which keys Redis evicts when the memory is full',
  evictedTotal: (n: number) => `${n} evicted in all`,
  evictedTitle: 'evicted_keys (INFO stats): keys Redis deleted to stay under maxmemory',
  /** A burst of evictions just now. */
  evictedNow: (n: number) => `${plural(n, 'key', 'keys')} evicted`,
  memoryBar: (percent: number) => `${percent}% of maxmemory used`,

  // Value view
  value: 'Value',
  gone: (key: string) => `The key ${key} no longer exists.`,
  close: 'Close',
  closeValue: 'Close the value view',
  ttl: (s: string) => `TTL ${s} s`,
  keyMemory: (size: string) => `${size} in memory`,
  keyMemoryTitle: 'MEMORY USAGE: the bytes the key, its value and its entry take',
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
  // The data as a file
  dataFiles: 'Your data as a file',
  persistence: 'Persistence',
  savePoints: 'Save points',
  noSavePoints: 'none (save "")',
  savePoint: (seconds: number, changes: number) => `after ${seconds} s with at least ${plural(changes, 'change', 'changes')}`,
  lastSave: 'Last save',
  changesSince: (n: number) => `${plural(n, 'change', 'changes')} since`,
  aofOff:
    'The AOF is off. CONFIG SET appendonly yes turns it on: Redis then writes the data to a base file and appends every write after it, as it runs, to an incremental file.',
  aofFile: {
    manifest: (size: string) => `the list of files (${size})`,
    base: (size: string) => `the data when the AOF was turned on or last rewritten (${size})`,
    history: (size: string) => `replaced, to be deleted (${size})`,
    incr: (size: string) => `every write since (${size})`,
  },
  aofManifest: 'The manifest',
  aofTail: (name: string, from: number) => (from === 0 ? name : `${name}, from byte ${from}`),
  aofEmpty: '(empty: nothing written since the rewrite)',
  aofAsCommands: 'as commands',
  storageFailed: (reason: string) =>
    `This browser does not let the playground keep your data (${reason}): private browsing, site storage turned off, or no space left. Everything works, but the data goes when you close this tab: to keep it, download it as a dump.rdb from the inspector.`,
  dismiss: 'Dismiss',
  storedHere: (journal: string) =>
    `This browser keeps your data on its own, the way an AOF does: a snapshot, and a journal of every write since it (${journal} now), each written as it is answered. The AOF's files live only in memory, while the engine runs.`,
  downloadRdb: 'Download dump.rdb',
  downloadRdbTitle: 'The whole dataset as an RDB file, which redis-server loads',
  downloadRedis: 'Download as commands (.redis)',
  downloadRedisTitle: 'The commands that rebuild the dataset, one a line: redis-cli < dataset.redis runs them',
  loadRdb: 'Load a dump.rdb or AOF…',
  loadRdbTitle:
    'Replace the data here with a file’s: a dump.rdb, an AOF file, or the files of an appendonlydir with its manifest (you are asked first). Dropping them on the page works too.',
  loadConfirm: (name: string, here: number, there: number) =>
    `Replace the data here (${plural(here, 'key', 'keys')} in all databases) with the ${plural(there, 'key', 'keys')} in ${name}? What is here now will be gone.`,
  loaded: (name: string, keys: number) => `Loaded ${plural(keys, 'key', 'keys')} from ${name}.`,
  incrAlone: 'This incremental file holds only the writes made since its base file: choose the base file and the manifest with it for the whole dataset.',
  notLoaded: (name: string, files: number, reason: string) => `${name} ${files === 1 ? 'was' : 'were'} not loaded: ${reason}. Nothing changed.`,
  importProblem: (p: ImportProblem): string => {
    switch (p.kind) {
      case 'too-large':
        return `larger than ${p.mb} MB in all`;
      case 'needs-manifest':
        return 'several files load only as an AOF directory: choose its .manifest file with them';
      case 'missing':
        return `the manifest names ${p.name}, which is not among the files chosen`;
      case 'not-data':
        return `${p.name} is neither an RDB file nor an AOF (an AOF begins with “*”)`;
      case 'cut':
        return `${p.name} ends in the middle of a command, at byte ${p.at} (Redis would load what comes before with aof-load-truncated yes; here nothing is loaded from a file cut short)`;
      case 'unreadable':
        return p.name === '' ? p.reason : `${p.name}: ${p.reason}`;
    }
  },
  elsewhere:
    'This playground is also open in another tab, of an older version of the site, and that tab keeps your data. Here you see a read-only copy of it as it was when this tab opened: writes answer READONLY, as a Redis replica does. Once you close the other tab, this one takes over your data.',
  share: 'Share as a link',
  shareTitle: 'A link that recreates this data (and the lesson step you are on) in anyone’s browser',
  shareLinkLabel: 'Link to this playground',
  copy: 'Copy',
  shareTooLong: 'This data is too large for a link: download it as commands (.redis) instead.',
  sharedLinkTitle: 'A shared playground',
  sharedLinkIntro: (n: number, lesson: string | null) =>
    `This link recreates a playground with ${plural(n, 'command', 'commands')}${lesson === null ? '' : `, then opens the lesson “${lesson}”`}. Nothing has run yet. Your own data stays; keys of the same names are overwritten.`,
  sharedLinkUnreadable: 'This link’s playground could not be read: it may have been cut short when it was copied. Nothing has run.',
  sharedLinkRun: 'Run them',
  sharedLinkCancel: 'Don’t run',
  inMulti: (queued: number, doomed: boolean) => `in MULTI, ${queued} queued${doomed ? ' (EXEC will fail)' : ''}`,
  watching: (keys: string) => `watching ${keys}`,
  subscribed: (channels: string) => `subscribed to ${channels}`,
  patterns: (patterns: string) => `pattern ${patterns}`,
  monitoring: 'monitoring',
  /** The ACL user a client runs as, and whether it has yet to log in with AUTH. */
  user: (name: string, mustAuth: boolean) => `user ${name}${mustAuth ? ' (not logged in)' : ''}`,
  replicaLink: (addr: string) => `replica ${addr}: gets every write`,
  // A stored dataset that could not be loaded (UnreadableBanner)
  unreadable: (reason: string) =>
    `Your saved data could not be loaded (${reason}), so Redis started empty. The data is kept as it was until you download it or discard it.`,
  unreadableDownload: 'Download it (dump.rdb)',
  unreadableDiscard: 'Discard it',
  /** What a terminal on the second server prints first (and the title of "+ replica"). */
  replicaBanner:
    'This terminal is on a second Redis server, 127.0.0.1:6380. As a replica of 127.0.0.1:6379 it copies every write made there and refuses its own, until REPLICAOF NO ONE makes it a master. The inspector shows 127.0.0.1:6379.',
  blocked: (command: string, keys: string, wait: string) => `blocked in ${command} on ${keys} (${wait})`,
  forever: 'forever',
  secondsLeft: (s: string) => `${s} s left`,
  /** Which terminal tab a client is (the panel lists CLIENT ID, tabs have names). */
  clientTab: (title: string) => `tab “${title}”`,
  /** The lessons' own connection, which CLIENT LIST shows too. */
  lessonsChecker: 'lessons checker (the page’s own connection)',
  otherTab: 'another tab of the site',

  // Shortcuts list
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

export type LateStrings = typeof en;

const ko: LateStrings = {
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

  memory: '메모리',
  memoryUsed: (used: string, max: string | null) => (max === null ? `${used} 사용 중` : `${max} 중 ${used} 사용`),
  memoryUsedTitle: 'used_memory (INFO memory), 모든 데이터베이스를 합친 값',
  noMaxmemory: 'maxmemory 없음',
  noMaxmemoryTitle: '제한이 없어요. CONFIG SET maxmemory 1mb로 정하고, maxmemory-policy로 메모리가 찼을 때 어떤 키를 내보낼지 정해요',
  policyTitle: 'maxmemory-policy: 메모리가 찼을 때 Redis가 어떤 키를 내보내는지(eviction)',
  evictedTotal: (n: number) => `지금까지 ${n}개 내보냄`,
  evictedTitle: 'evicted_keys (INFO stats): maxmemory를 넘지 않으려고 Redis가 지운 키',
  evictedNow: (n: number) => `키 ${n}개를 내보냈어요`,
  memoryBar: (percent: number) => `maxmemory의 ${percent}% 사용`,

  value: '값',
  gone: (key: string) => `이 키는 이제 없어요: ${key}`,
  close: '닫기',
  closeValue: '값 보기 닫기',
  ttl: (s: string) => `TTL ${s}초`,
  keyMemory: (size: string) => `메모리 ${size}`,
  keyMemoryTitle: 'MEMORY USAGE: 키와 값, 그 항목이 차지하는 바이트',
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
  dataFiles: '데이터를 파일로',
  persistence: '영속성',
  savePoints: '저장 시점',
  noSavePoints: '없음 (save "")',
  savePoint: (seconds: number, changes: number) => `${seconds}초가 지나고 ${changes}번 이상 바뀌었으면`,
  lastSave: '마지막 저장',
  changesSince: (n: number) => `그 뒤로 ${n}번 바뀜`,
  aofOff: 'AOF가 꺼져 있어요. CONFIG SET appendonly yes로 켜면 Redis가 데이터를 base 파일에 쓰고, 그 뒤의 쓰기를 하나하나 incr 파일 끝에 덧붙여요.',
  aofFile: {
    manifest: (size: string) => `파일 목록 (${size})`,
    base: (size: string) => `AOF를 켜거나 마지막으로 다시 쓸 때의 데이터 (${size})`,
    history: (size: string) => `교체되어 지울 파일 (${size})`,
    incr: (size: string) => `그 뒤의 모든 쓰기 (${size})`,
  },
  aofManifest: 'manifest 파일',
  aofTail: (name: string, from: number) => (from === 0 ? name : `${name}, ${from}바이트부터`),
  aofEmpty: '(비어 있음: 다시 쓴 뒤로 쓰기가 없어요)',
  aofAsCommands: '명령으로 보기',
  storageFailed: (reason: string) =>
    `이 브라우저에서는 플레이그라운드가 데이터를 저장할 수 없어요(${reason}). 시크릿 모드이거나, 사이트 저장소가 꺼져 있거나, 공간이 부족해요. 모든 기능은 그대로 쓸 수 있지만 탭을 닫으면 데이터가 사라져요. 남겨 두려면 인스펙터에서 dump.rdb로 내려받으세요.`,
  dismiss: '닫기',
  storedHere: (journal: string) =>
    `이 브라우저는 AOF와 같은 방식으로 데이터를 따로 보관해요: 스냅샷 하나와, 그 뒤의 모든 쓰기를 담은 저널(지금 ${journal})이고, 쓰기마다 응답과 함께 기록해요. AOF 파일은 엔진이 도는 동안 메모리에만 있어요.`,
  downloadRdb: 'dump.rdb 내려받기',
  downloadRdbTitle: '데이터 전체를 redis-server가 읽을 수 있는 RDB 파일로',
  downloadRedis: '명령어로 내려받기 (.redis)',
  downloadRedisTitle: '데이터를 다시 만드는 명령을 한 줄에 하나씩: redis-cli < dataset.redis 로 실행해요',
  loadRdb: 'dump.rdb나 AOF 불러오기…',
  loadRdbTitle:
    '여기 있는 데이터를 파일의 데이터로 바꿔요. dump.rdb, AOF 파일, 또는 appendonlydir의 파일들을 manifest와 함께 고르세요 (먼저 물어봐요). 페이지에 끌어다 놓아도 돼요.',
  loadConfirm: (name: string, here: number, there: number) =>
    `여기 있는 데이터(모든 데이터베이스의 키 ${here}개)를 ${name}의 키 ${there}개로 바꿀까요? 지금 있는 데이터는 사라져요.`,
  loaded: (name: string, keys: number) => `${name}에서 키 ${keys}개를 불러왔어요.`,
  incrAlone: '이 incr 파일에는 base 파일 이후의 쓰기만 들어 있어요. 데이터 전체를 불러오려면 base 파일과 manifest 파일도 함께 고르세요.',
  notLoaded: (name: string, _files: number, reason: string) => `${name}을(를) 불러오지 못했어요: ${reason}. 바뀐 것은 없어요.`,
  importProblem: (p: ImportProblem): string => {
    switch (p.kind) {
      case 'too-large':
        return `모두 합쳐 ${p.mb}MB보다 커요`;
      case 'needs-manifest':
        return '여러 파일은 AOF 디렉터리로만 불러올 수 있어요. .manifest 파일도 함께 고르세요';
      case 'missing':
        return `manifest에 적힌 ${p.name} 파일을 고르지 않았어요`;
      case 'not-data':
        return `${p.name}은(는) RDB 파일도 AOF도 아니에요 (AOF는 “*”로 시작해요)`;
      case 'cut':
        return `${p.name}이(가) 명령 중간인 ${p.at}바이트에서 끊겼어요 (Redis는 aof-load-truncated yes일 때 그 앞까지 불러오지만, 여기서는 잘린 파일을 불러오지 않아요)`;
      case 'unreadable':
        return p.name === '' ? p.reason : `${p.name}: ${p.reason}`;
    }
  },
  elsewhere:
    '이 플레이그라운드가 다른 탭에서도 열려 있는데, 그 탭은 사이트의 이전 버전이고 데이터를 그 탭이 저장해요. 이 탭에는 열릴 때의 데이터가 읽기 전용으로 보여요. 쓰기 명령에는 Redis 복제본(replica)처럼 READONLY 오류가 나요. 다른 탭을 닫으면 이 탭이 데이터를 이어받아요.',
  share: '링크로 공유하기',
  shareTitle: '이 데이터(와 지금 보는 레슨 단계)를 누구의 브라우저에서나 다시 만드는 링크',
  shareLinkLabel: '이 플레이그라운드의 링크',
  copy: '복사',
  shareTooLong: '데이터가 너무 커서 링크에 담을 수 없어요. 대신 명령어(.redis)로 내려받으세요.',
  sharedLinkTitle: '공유받은 플레이그라운드',
  sharedLinkIntro: (n: number, lesson: string | null) =>
    `이 링크는 명령 ${n}개로 플레이그라운드를 다시 만들어요${lesson === null ? '' : `. 그다음 레슨 “${lesson}”을 열어요`}. 아직 아무것도 실행하지 않았어요. 지금 있는 데이터는 그대로 두고, 이름이 같은 키는 덮어써요.`,
  sharedLinkUnreadable: '이 링크의 플레이그라운드를 읽지 못했어요. 복사할 때 잘렸을 수 있어요. 아무것도 실행하지 않았어요.',
  sharedLinkRun: '실행하기',
  sharedLinkCancel: '실행하지 않기',
  inMulti: (queued: number, doomed: boolean) => `MULTI 중, 명령 ${queued}개 대기${doomed ? ' (EXEC는 실패해요)' : ''}`,
  watching: (keys: string) => `${keys} 감시 중`,
  subscribed: (channels: string) => `${channels} 구독 중`,
  patterns: (patterns: string) => `패턴 ${patterns} 구독 중`,
  monitoring: 'MONITOR 중',
  user: (name: string, mustAuth: boolean) => `사용자 ${name}${mustAuth ? ' (로그인 전)' : ''}`,
  replicaLink: (addr: string) => `복제본 ${addr}: 쓰기를 모두 받아요`,
  unreadable: (reason: string) =>
    `저장해 둔 데이터를 불러오지 못해서(${reason}) Redis를 빈 상태로 시작했어요. 내려받거나 버리기 전까지 그 데이터는 그대로 보관해요.`,
  unreadableDownload: '내려받기 (dump.rdb)',
  unreadableDiscard: '버리기',
  replicaBanner:
    '이 터미널은 두 번째 Redis 서버 127.0.0.1:6380에 붙어 있어요. 127.0.0.1:6379의 복제본인 동안에는 그쪽의 쓰기를 모두 따라 하고 자기에게 오는 쓰기는 거절해요. REPLICAOF NO ONE을 보내면 마스터가 돼요. 인스펙터는 127.0.0.1:6379를 보여 줘요.',
  blocked: (command: string, keys: string, wait: string) => `${command} 블로킹 중: ${keys} (${wait})`,
  forever: '무기한',
  secondsLeft: (s: string) => `${s}초 남음`,
  clientTab: (title: string) => `탭 “${title}”`,
  lessonsChecker: '레슨 확인용 연결 (페이지가 쓰는 연결)',
  otherTab: '사이트의 다른 탭',

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

export const LATE_STRINGS: Record<Locale, LateStrings> = { en, ko };

export const useLateStrings = localized(LATE_STRINGS);
