// Which screen rows a lesson's Run printed (RunOutput.tsx), apart from the DOM so it is testable.

/**
 * The rows a Run added: from the row the line was typed on (the first one ending with it at or
 * after the prompt row that was there before) to the end, without the next prompt once the
 * terminal is idle.
 */
export function printedRows(rows: readonly string[], before: number, line: string, done: boolean): string[] {
  const from = Math.max(before - 1, 0);
  const typedAt = rows.findIndex((row, i) => i >= from && row.endsWith(line));
  const out = rows.slice(typedAt === -1 ? from : typedAt);
  return done && out.length > 1 ? out.slice(0, -1) : out;
}
