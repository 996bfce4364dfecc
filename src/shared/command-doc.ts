// What the terminal, HELP, hints, the lessons and the workbench's editor need of the command
// table: its documentation fields as plain data. The worker copies them out of the engine's
// declarations and sends them with `ready`, so nothing on the page holds an engine object.

export interface CommandDoc {
  name: string;
  /** Argument syntax after the name, as redis-cli's help shows it. */
  syntax: string;
  summary: string;
  since: string;
  group: string;
  /** Redis convention, the name included: n = exactly n arguments, -n = at least n. */
  arity: number;
  /** Time complexity, as COMMAND DOCS gives it; absent for containers (CONFIG). */
  complexity?: string;
  /** The legacy key range: first key's argument index, last (-1 = the last argument), step; 0,0,0 = none. */
  keys: readonly [first: number, last: number, step: number];
  subcommands?: readonly CommandDoc[];
}

/** The documentation fields of command declarations, as plain data (structured-clone safe). */
export function commandDocs(specs: readonly CommandDoc[]): CommandDoc[] {
  const doc = (s: CommandDoc): CommandDoc => {
    const d: CommandDoc = {
      name: s.name,
      syntax: s.syntax,
      summary: s.summary,
      since: s.since,
      group: s.group,
      arity: s.arity,
      keys: [s.keys[0], s.keys[1], s.keys[2]],
    };
    if (s.complexity !== undefined) d.complexity = s.complexity;
    if (s.subcommands) d.subcommands = s.subcommands.map(doc);
    return d;
  };
  return specs.map(doc);
}
