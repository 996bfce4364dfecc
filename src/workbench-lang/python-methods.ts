// Completion of a redis-py client's methods in the workbench's Python scripts: the method names
// and signatures are read from our own Python package's source (src/python/redis/*.py, passed
// in as text), never listed a second time here. Pure functions over text (no Monaco, no DOM).

/** A public method of one of the package's classes, as a program calls it. */
export interface PythonMethod {
  readonly name: string;
  /** The parameters after self, as written in the source: `name, key=None, value=None`. */
  readonly params: string;
  /** The first line of its docstring, when it has one. */
  readonly doc?: string;
}

/** The lines of `class <name>` in `source`, without the class line. */
function classBody(source: string, className: string): string[] {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^class ${className}\\b`).test(l));
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    // The class ends at the next line that is neither indented nor blank.
    if (/^\S/.test(line)) break;
    body.push(line);
  }
  return body;
}

/** The parameter list from just after `(` to its closing `)`, over several lines if need be,
 *  and the index of the line it closes on. */
function paramsFrom(lines: readonly string[], at: number, column: number): { params: string; end: number } {
  let depth = 1;
  let out = '';
  for (let i = at; i < lines.length; i++) {
    const line = lines[i]!;
    for (let j = i === at ? column : 0; j < line.length; j++) {
      const c = line[j]!;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth--;
      if (depth === 0) return { params: out.replace(/\s+/g, ' ').replace(/,\s*$/, '').trim(), end: i };
      out += c;
    }
    out += ' ';
  }
  return { params: out.trim(), end: lines.length - 1 };
}

/** Drops self (or cls) from a parameter list. */
function withoutSelf(params: string): string {
  return params.replace(/^(self|cls)\s*(,\s*|$)/, '');
}

/**
 * The public methods of `className` in a Python source: its `def` lines (not the `_` ones) and
 * its aliases (`incr = incrby`), in source order.
 */
export function pythonMethods(source: string, className: string): PythonMethod[] {
  const lines = classBody(source, className);
  const found = new Map<string, PythonMethod>();
  lines.forEach((line, i) => {
    const def = /^ {4}(?:async )?def ([A-Za-z]\w*)\(/.exec(line);
    if (def) {
      const name = def[1]!;
      const { params, end } = paramsFrom(lines, i, def[0].length);
      const docLine = lines.slice(end + 1).find((l) => l.trim() !== '');
      const doc = docLine && /^\s*"""(.*?)(?:"""|$)/.exec(docLine)?.[1]?.trim();
      found.set(name, { name, params: withoutSelf(params), ...(doc ? { doc } : {}) });
      return;
    }
    const alias = /^ {4}([A-Za-z]\w*) = ([A-Za-z_]\w*)\s*$/.exec(line);
    const target = alias && found.get(alias[2]!);
    if (alias && target) found.set(alias[1]!, { ...target, name: alias[1]! });
  });
  return [...found.values()];
}

/** The package's methods for completion: the client's and its pipeline's, commands included. */
export interface ClientMethods {
  readonly client: readonly PythonMethod[];
  readonly pipeline: readonly PythonMethod[];
}

/** Merges method lists, the first of a name winning, sorted by name. */
function merged(...lists: readonly (readonly PythonMethod[])[]): PythonMethod[] {
  const byName = new Map<string, PythonMethod>();
  for (const m of lists.flat()) if (!byName.has(m.name)) byName.set(m.name, m);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** From the text of redis/commands.py (class Commands) and redis/client.py (Redis, Pipeline). */
export function clientMethods(commandsPy: string, clientPy: string): ClientMethods {
  const commands = pythonMethods(commandsPy, 'Commands');
  return {
    client: merged(pythonMethods(clientPy, 'Redis'), commands),
    pipeline: merged(pythonMethods(clientPy, 'Pipeline'), commands),
  };
}

/** Names a program is taken to hold a client in (a heuristic: there is no type inference). */
export interface ClientNames {
  readonly clients: ReadonlySet<string>;
  readonly pipelines: ReadonlySet<string>;
}

const CLIENT_CALL = String.raw`(?:[A-Za-z_][\w.]*\.)?(?:Redis|StrictRedis|from_url)\(`;

/**
 * `r` and `redis_client`, and every name assigned a Redis(...), StrictRedis(...) or from_url(...)
 * (`r = redis.Redis(...)`, `async with aioredis.from_url(...) as client`); `pipe`, and every name
 * assigned a `.pipeline(...)`.
 */
export function pythonClientNames(text: string): ClientNames {
  const clients = new Set(['r', 'redis_client']);
  const pipelines = new Set(['pipe']);
  const assigned = (call: string) => new RegExp(String.raw`^\s*([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:await\s+)?${call}`, 'gm');
  const bound = (call: string) => new RegExp(String.raw`${call}.*\)\s+as\s+([A-Za-z_]\w*)\s*:`, 'gm');
  const pipelineCall = String.raw`[A-Za-z_][\w.]*\.pipeline\(`;
  for (const m of text.matchAll(assigned(CLIENT_CALL))) clients.add(m[1]!);
  for (const m of text.matchAll(bound(CLIENT_CALL))) clients.add(m[1]!);
  for (const m of text.matchAll(assigned(pipelineCall))) pipelines.add(m[1]!);
  for (const m of text.matchAll(bound(pipelineCall))) pipelines.add(m[1]!);
  return { clients, pipelines };
}

/** What to offer at the cursor: the methods and the columns (1-based) the chosen name replaces. */
export interface MethodCompletion {
  readonly methods: readonly PythonMethod[];
  readonly startColumn: number;
  readonly endColumn: number;
}

/**
 * Completion after `<client>.` on `line` at `column` (1-based, Monaco's): the method names when
 * the name before the dot holds a client, else null. `text` is the whole script (for the names).
 */
export function methodCompletion(methods: ClientMethods, text: string, line: string, column: number): MethodCompletion | null {
  const before = line.slice(0, column - 1);
  const access = /(?:^|[^\w.])([A-Za-z_]\w*)\.(\w*)$/.exec(before);
  if (!access) return null;
  const names = pythonClientNames(text);
  const holder = access[1]!;
  const list = names.pipelines.has(holder) ? methods.pipeline : names.clients.has(holder) ? methods.client : null;
  if (list === null) return null;
  const word = /^\w*/.exec(line.slice(column - 1))![0];
  return { methods: list, startColumn: column - access[2]!.length, endColumn: column + word.length };
}

/** A method as its signature reads: `hset(name, key=None, value=None, mapping=None, items=None)`. */
export function methodSignature(method: PythonMethod): string {
  return `${method.name}(${method.params})`;
}
