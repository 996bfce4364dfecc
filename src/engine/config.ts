// CONFIG parameters a learner meets. Values are kept as Redis prints them in CONFIG GET.
// The server command group validates CONFIG SET; the engine reads typed values through here.

export const DEFAULT_CONFIG: Readonly<Record<string, string>> = {
  databases: '16',
  requirepass: '',
  port: '6379',
  bind: '127.0.0.1',
  hz: '10',
  maxmemory: '0',
  'maxmemory-policy': 'noeviction',
  'notify-keyspace-events': '',
  appendonly: 'no',
  save: '',
  'proto-max-bulk-len': '536870912',
  'maxclients': '10000',
  'timeout': '0',
};

export class Config {
  private readonly values = new Map<string, string>();

  constructor(overrides: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(DEFAULT_CONFIG)) this.values.set(k, v);
    for (const [k, v] of Object.entries(overrides)) this.values.set(k, v);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  names(): IterableIterator<string> {
    return this.values.keys();
  }

  get requirepass(): string {
    return this.values.get('requirepass') ?? '';
  }
}
