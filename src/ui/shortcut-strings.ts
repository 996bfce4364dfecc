// The shortcuts list's words, in each language (with the dialog's chunk). The top bar's button
// keeps its label in ./strings.ts.

import type { Locale } from '../lessons/model.js';
import { localized } from './localized.js';

const en = {
  close: 'Close',
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

export type ShortcutStrings = typeof en;

const ko: ShortcutStrings = {
  close: '닫기',
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

export const SHORTCUT_STRINGS: Record<Locale, ShortcutStrings> = { en, ko };

export const useShortcutStrings = localized(SHORTCUT_STRINGS);
