// The workbench's Python scripts: after `r.` (a name holding a client, see
// pythonClientNames) Monaco offers the methods of our own Python package with their signatures,
// read from the package's source as the Python worker gets it (the same files, as text).

import commandsPy from '../../python/redis/commands.py?raw';
import clientPy from '../../python/redis/client.py?raw';
import { clientMethods, methodCompletion, methodSignature } from '../../workbench-lang/index.js';
import type { Monaco } from './monaco.js';

/** Registers the completion provider; returns a function that removes it. */
export function registerPythonCompletion(monaco: Monaco): () => void {
  const methods = clientMethods(commandsPy, clientPy);
  const { languages, Range } = monaco;
  const provider = languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const line = position.lineNumber;
      const c = methodCompletion(methods, model.getValue(), model.getLineContent(line), position.column);
      if (c === null) return { suggestions: [] };
      const range = new Range(line, c.startColumn, line, c.endColumn);
      return {
        suggestions: c.methods.map((m) => ({
          label: { label: m.name, detail: `(${m.params})` },
          kind: languages.CompletionItemKind.Method,
          insertText: m.name,
          detail: methodSignature(m),
          documentation: m.doc,
          range,
        })),
      };
    },
  });
  return () => provider.dispose();
}
