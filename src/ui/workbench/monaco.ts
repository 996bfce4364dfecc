// Monaco, as the workbench uses it: the editor core and the contributions it needs (completion,
// signature help, hover, markers, find, comments, Ctrl+M's Tab trap escape), never the whole
// package with its eighty languages. Imported only when the workbench is first opened, so it
// is a chunk of its own; Monaco's editor worker is a real Web Worker built by Vite.

import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget.js';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/editor/contrib/find/browser/findController.js';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError.js';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints.js';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/editor/common/standaloneStrings.js';
// Python's colouring, for the workbench's Python scripts (a Monarch grammar, no worker).
import 'monaco-editor/languages/definitions/python/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import type { Theme } from '../../store/ui-store.js';

// Monaco asks for its worker by label; every label gets the editor worker (no language here
// has a worker of its own). Never a main-thread fallback: a failure to start shows as one.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
};

/** A theme's colours, from styles.css. */
interface Palette {
  keyword: string;
  string: string;
  number: string;
  comment: string;
  background: string;
  foreground: string;
}

/** The site's themes share their rules; only the colours differ. */
function defineTheme(name: string, base: 'vs' | 'vs-dark', p: Palette): void {
  monaco.editor.defineTheme(name, {
    base,
    inherit: true,
    rules: [
      { token: 'keyword', foreground: p.keyword, fontStyle: 'bold' },
      { token: 'string', foreground: p.string },
      { token: 'number', foreground: p.number },
      { token: 'comment', foreground: p.comment, fontStyle: 'italic' },
    ],
    colors: { 'editor.background': p.background, 'editor.foreground': p.foreground, 'editorLineNumber.foreground': '#6b7078' },
  });
}

defineTheme('playground-dark', 'vs-dark', {
  keyword: 'ff7a6e',
  string: 'a5d6a7',
  number: '9ecbff',
  comment: '8a8f98',
  background: '#16181d',
  foreground: '#e6e6e6',
});
defineTheme('playground-light', 'vs', {
  keyword: 'b3261e',
  string: '1b6e20',
  number: '1f5fd1',
  comment: '5d626b',
  background: '#fbfbf8',
  foreground: '#1d1f24',
});

export function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'playground-dark' : 'playground-light';
}

export { monaco };
export type Monaco = typeof monaco;
