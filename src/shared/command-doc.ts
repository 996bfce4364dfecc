// What the terminal, HELP, hints and the lessons need of the command table: its documentation
// fields as plain data. The worker copies them out of the engine's declarations and sends them
// with `ready`, so nothing on the page holds an engine object.

export interface CommandDoc {
  name: string;
  /** Argument syntax after the name, as redis-cli's help shows it. */
  syntax: string;
  summary: string;
  since: string;
  group: string;
  subcommands?: readonly CommandDoc[];
}

/** The documentation fields of command declarations, as plain data (structured-clone safe). */
export function commandDocs(specs: readonly CommandDoc[]): CommandDoc[] {
  const doc = (s: CommandDoc): CommandDoc => {
    const d: CommandDoc = { name: s.name, syntax: s.syntax, summary: s.summary, since: s.since, group: s.group };
    if (s.subcommands) d.subcommands = s.subcommands.map(doc);
    return d;
  };
  return specs.map(doc);
}
