// A script as a `.redis` file: one command a line, runnable as it is with `redis-cli < file`
// against a real Redis. redis-cli 7.0 sends every non-blank line as a command (a `#` line too,
// which Redis answers with "unknown command '#'"), so comments stay in the workbench only.

/** The file's text: the script's commands, one a line, ending with a newline. */
export function exportScript(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => {
    const t = l.trim();
    return t !== '' && !t.startsWith('#');
  });
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** A file's text as a script (line ends made \n; a byte-order mark dropped). */
export function importScript(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '');
}

/** A file name for a script's name: its letters kept, the rest made dashes, `.redis` after. */
export function scriptFileName(name: string): string {
  const base = name
    .trim()
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'script'}.redis`;
}

/** A script's name from a file's name (without its extension). */
export function scriptNameOf(fileName: string): string {
  return fileName.replace(/\.(redis|txt)$/i, '') || 'script';
}
