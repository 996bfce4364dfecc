// The seam between Monaco and the Redis language: registers the language id 'redis' and adapts
// the pure language service (src/workbench-lang, no Monaco inside) to Monaco's providers:
// colouring, completion (key names from the worker, SCAN-based), signature help, hover and
// markers, all over the command docs the worker sends with `ready`. A script's language is per
// script (Lua for EVAL bodies later).

import type { CommandDoc } from '../../shared/command-doc.js';
import {
  commandTable,
  completions,
  diagnostics,
  hover,
  keyCompletionItems,
  redisMonarch,
  signatureHelp,
  type CompletionItem,
} from '../../workbench-lang/index.js';
import type { Monaco } from './monaco.js';

export const REDIS_LANGUAGE = 'redis';

/** Markers are recomputed this long after the last keystroke (a long script costs tens of ms). */
const MARKERS_DELAY_MS = 150;

export interface LanguageHost {
  /** Key names starting with `prefix` (bytes) in the database the workbench runs in. */
  keys(prefix: string): Promise<string[]>;
}

type Model = ReturnType<Monaco['editor']['createModel']>;

/**
 * Registers the language once per page with the command table the worker sent; returns a
 * function that removes what it registered, providers included.
 */
export function registerRedisLanguage(monaco: Monaco, commands: readonly CommandDoc[], host: LanguageHost): () => void {
  if (!monaco.languages.getLanguages().some((l) => l.id === REDIS_LANGUAGE)) {
    monaco.languages.register({ id: REDIS_LANGUAGE, extensions: ['.redis'], aliases: ['Redis'] });
    monaco.languages.setLanguageConfiguration(REDIS_LANGUAGE, {
      comments: { lineComment: '#' },
      brackets: [],
      autoClosingPairs: [
        { open: '"', close: '"' },
        { open: "'", close: "'" },
      ],
    });
  }
  const table = commandTable(commands);
  const { languages, editor, Range, MarkerSeverity } = monaco;
  const kinds = {
    command: languages.CompletionItemKind.Function,
    subcommand: languages.CompletionItemKind.Method,
    keyword: languages.CompletionItemKind.Keyword,
    key: languages.CompletionItemKind.Variable,
  };
  const suggestion = (item: CompletionItem, line: number, range: { startColumn: number; endColumn: number }) => ({
    label: item.label,
    kind: kinds[item.kind],
    insertText: item.insertText,
    insertTextRules: languages.CompletionItemInsertTextRule.InsertAsSnippet,
    detail: item.detail,
    documentation: item.documentation === undefined ? undefined : { value: item.documentation },
    range: new Range(line, range.startColumn, line, range.endColumn),
    // A container (CONFIG) opens the list again for its subcommands.
    command: item.retrigger ? { id: 'editor.action.triggerSuggest', title: '' } : undefined,
  });

  const markers = new Map<Model, ReturnType<typeof setTimeout>>();
  const mark = (model: Model) => {
    markers.delete(model);
    if (model.isDisposed() || model.getLanguageId() !== REDIS_LANGUAGE) return;
    editor.setModelMarkers(
      model,
      REDIS_LANGUAGE,
      diagnostics(table, model.getValue()).map((d) => ({
        startLineNumber: d.line,
        endLineNumber: d.line,
        startColumn: d.startColumn,
        endColumn: d.endColumn,
        message: d.message,
        code: d.code,
        severity: MarkerSeverity.Error,
      })),
    );
  };
  const markLater = (model: Model) => {
    clearTimeout(markers.get(model));
    markers.set(
      model,
      setTimeout(() => mark(model), MARKERS_DELAY_MS),
    );
  };
  const watch = (model: Model) => {
    mark(model);
    return [model.onDidChangeContent(() => markLater(model)), model.onDidChangeLanguage(() => markLater(model))];
  };

  const disposables = [
    languages.setMonarchTokensProvider(REDIS_LANGUAGE, redisMonarch(commands) as Parameters<typeof languages.setMonarchTokensProvider>[1]),
    languages.registerCompletionItemProvider(REDIS_LANGUAGE, {
      triggerCharacters: [' '],
      async provideCompletionItems(model, position) {
        const line = position.lineNumber;
        const c = completions(table, model.getLineContent(line), position.column);
        const items = c.items;
        if (c.keyPosition !== null) items.push(...keyCompletionItems(await host.keys(c.keyPosition.prefix).catch(() => [])));
        return { suggestions: items.map((item) => suggestion(item, line, c.range)) };
      },
    }),
    languages.registerSignatureHelpProvider(REDIS_LANGUAGE, {
      signatureHelpTriggerCharacters: [' '],
      signatureHelpRetriggerCharacters: [' ', '"'],
      provideSignatureHelp(model, position) {
        const s = signatureHelp(table, model.getLineContent(position.lineNumber), position.column);
        if (s === null) return null;
        const signature = { label: s.label, documentation: { value: s.documentation }, parameters: s.parameters };
        return { value: { signatures: [signature], activeSignature: 0, activeParameter: s.activeParameter }, dispose() {} };
      },
    }),
    languages.registerHoverProvider(REDIS_LANGUAGE, {
      provideHover(model, position) {
        const line = position.lineNumber;
        const h = hover(table, model.getLineContent(line), position.column);
        return h === null ? null : { range: new Range(line, h.range.startColumn, line, h.range.endColumn), contents: [{ value: h.contents }] };
      },
    }),
    editor.onDidCreateModel((model) => disposables.push(...watch(model))),
  ];
  for (const model of editor.getModels()) disposables.push(...watch(model));
  return () => {
    for (const timer of markers.values()) clearTimeout(timer);
    for (const model of editor.getModels()) editor.setModelMarkers(model, REDIS_LANGUAGE, []);
    disposables.forEach((d) => d.dispose());
  };
}
