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
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import type { Theme } from '../../store/ui-store.js';

// Monaco asks for its worker by label; every label gets the editor worker (no language here
// has a worker of its own). Never a main-thread fallback: a failure to start shows as one.
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker({ name: 'monaco-editor' }),
};

/** The site's two themes, in Monaco's terms (colours from styles.css). */
monaco.editor.defineTheme('playground-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: 'ff7a6e', fontStyle: 'bold' },
    { token: 'string', foreground: 'a5d6a7' },
    { token: 'number', foreground: '9ecbff' },
    { token: 'comment', foreground: '8a8f98', fontStyle: 'italic' },
  ],
  colors: { 'editor.background': '#16181d', 'editor.foreground': '#e6e6e6', 'editorLineNumber.foreground': '#6b7078' },
});
monaco.editor.defineTheme('playground-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: 'b3261e', fontStyle: 'bold' },
    { token: 'string', foreground: '1b6e20' },
    { token: 'number', foreground: '1f5fd1' },
    { token: 'comment', foreground: '5d626b', fontStyle: 'italic' },
  ],
  colors: { 'editor.background': '#fbfbf8', 'editor.foreground': '#1d1f24', 'editorLineNumber.foreground': '#6b7078' },
});

export function monacoTheme(theme: Theme): string {
  return theme === 'dark' ? 'playground-dark' : 'playground-light';
}

export { monaco };
export type Monaco = typeof monaco;
