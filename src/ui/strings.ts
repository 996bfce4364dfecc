// The page's own words (top bar, terminal tabs, inspector) in each language. They follow the
// language picked in the lessons panel. Redis's words (commands, types, encodings, replies) stay.

import type { Locale } from '../lessons/model.js';
import { localized } from './localized.js';

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
    `The Redis engine stopped (${reason}) and was started again. Its data came back with every write that had been answered; connections are new, so MULTI and WATCH start over, and settings changed with CONFIG SET are back to their defaults.`,
  ownerGone:
    'The other tab of this playground, which ran the Redis engine for both, has closed: this tab runs it now. Every write that had been answered is here; connections are new, so MULTI, WATCH and subscriptions start over, and settings changed with CONFIG SET are back to their defaults.',
  dismiss: 'Dismiss',
  keys: 'Keys',

  // Terminal tabs
  tabList: 'Terminals (one Redis client each)',
  newTab: 'New terminal',
  newTabTitle: 'New terminal (a new client)',
  replicaTab: '+ replica',
  replicaTabTitle: 'A terminal on a second server, 127.0.0.1:6380: a replica of this one',

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

  /** A terminal's script runs on (EVAL while true do end): redis-cli would just wait; Ctrl-C helps. */
  scriptRunning: (kill: string) => `(the script is still running: Ctrl-C sends ${kill} from another connection)`,
  scriptKillSent: (kill: string) => `(${kill} sent from another connection)`,

  // Keyboard and assistive technology
  terminalInput: 'Terminal input (redis-cli)',
  terminalTooMuchOutput: 'Too much output to read aloud; move through the rows to read it',
  tabKeysTitle: 'Double-click or F2 to rename; Delete closes it (its client disconnects)',
  shortcuts: 'Keyboard shortcuts',
  shortcutsTitle: 'Keyboard shortcuts (Alt+/ or F1)',
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
    `Redis 엔진이 멈춰서(${reason}) 다시 시작했어요. 데이터는 응답을 받은 쓰기까지 모두 되살렸어요. 연결은 새로 맺었으니 MULTI와 WATCH는 처음부터 다시 해 주세요. CONFIG SET으로 바꾼 설정은 기본값으로 돌아갔어요.`,
  ownerGone:
    '두 탭이 함께 쓰던 Redis 엔진을 돌리던 다른 탭이 닫혀서, 이제 이 탭이 엔진을 돌려요. 응답을 받은 쓰기는 모두 그대로 있어요. 연결은 새로 맺었으니 MULTI, WATCH, 구독은 처음부터 다시 해 주세요. CONFIG SET으로 바꾼 설정은 기본값으로 돌아갔어요.',
  dismiss: '닫기',
  keys: '키',

  tabList: '터미널 (터미널마다 Redis 클라이언트 하나)',
  newTab: '새 터미널',
  newTabTitle: '새 터미널 (새 클라이언트로 연결해요)',
  replicaTab: '+ 복제본',
  replicaTabTitle: '두 번째 서버 127.0.0.1:6380의 터미널: 이 서버의 복제본',

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

  scriptRunning: (kill: string) => `(스크립트가 아직 실행 중이에요. Ctrl-C를 누르면 다른 연결에서 ${kill}을 보내요)`,
  scriptKillSent: (kill: string) => `(다른 연결에서 ${kill}을 보냈어요)`,

  terminalInput: '터미널 입력 (redis-cli)',
  terminalTooMuchOutput: '출력이 너무 많아 다 읽어 드릴 수 없어요. 줄을 하나씩 옮겨 가며 읽어 보세요.',
  tabKeysTitle: '더블클릭하거나 F2를 눌러 이름 바꾸기, Delete를 눌러 닫기 (클라이언트 연결이 끊깁니다)',
  shortcuts: '단축키',
  shortcutsTitle: '단축키 (Alt+/ 또는 F1)',
};

export const UI_STRINGS: Record<Locale, UiStrings> = { en, ko };

/** The page's words in the language the learner picked. */
export const useUiStrings = localized(UI_STRINGS);
