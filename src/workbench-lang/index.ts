// The workbench editor's Redis language, for the Monaco panel: pure functions over text and
// the command docs of `ready` (no Monaco, no DOM).

export { commandTable, type CommandTable, type CommandEntry, type Commands } from './line.js';
export {
  completions,
  diagnostics,
  hover,
  keyCompletionItems,
  quoteArgument,
  signatureHelp,
  type ColumnRange,
  type CompletionItem,
  type CompletionKind,
  type Completions,
  type Diagnostic,
  type DiagnosticCode,
  type Hover,
  type SignatureHelp,
} from './service.js';
export { redisMonarch, type MonarchAction, type MonarchLanguage, type MonarchRule } from './monarch.js';
export {
  clientMethods,
  methodCompletion,
  methodSignature,
  pythonClientNames,
  pythonMethods,
  type ClientMethods,
  type ClientNames,
  type MethodCompletion,
  type PythonMethod,
} from './python-methods.js';
