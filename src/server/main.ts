// `npm run serve -- --port 6379 [--bind 127.0.0.1] [--requirepass secret]`: the engine behind a
// RESP TCP server, for redis-cli, redis-py, redis-benchmark and friends.

import { Engine } from '../engine/engine.js';
import { loadFromStorage } from '../engine/persistence.js';
import { RdbError } from '../engine/rdb.js';
import { FileSnapshotStorage } from './file-storage.js';
import { stdoutLogger as log } from './log.js';
import { startServer } from './server.js';

const USAGE = `Usage: npm run serve -- [options]

Serves the playground's Redis 7.0 engine over RESP (what redis-server speaks).

Options:
  --port <n>             TCP port to listen on (default 6379; 0 picks a free one)
  --bind <address>       address to listen on (default 127.0.0.1)
  --requirepass <pass>   require AUTH <pass> before other commands
  --protected-mode <yes|no>
                         with no password, serve only loopback clients (default yes)
  --dir <path>           where SAVE, BGSAVE and SHUTDOWN write the snapshot (default .)
  --dbfilename <name>    the snapshot's file name (default dump.rdb); loaded at start
  -h, --help             show this help

Both "--port 6379" and "--port=6379" work.`;

interface CliOptions {
  port: number;
  bind: string;
  requirepass: string;
  protectedMode: 'yes' | 'no';
  dir: string;
  dbfilename: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(1);
}

function parseArgs(args: readonly string[]): CliOptions | 'help' {
  const opts: CliOptions = { port: 6379, bind: '127.0.0.1', requirepass: '', protectedMode: 'yes', dir: '.', dbfilename: 'dump.rdb' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    const take = (): string => {
      if (value !== undefined) return value;
      const next = args[i + 1];
      if (next === undefined) fail(`option ${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--port': {
        const v = take();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) fail(`invalid port: ${v}`);
        opts.port = n;
        break;
      }
      case '--bind':
        opts.bind = take();
        break;
      case '--requirepass':
        opts.requirepass = take();
        break;
      case '--protected-mode': {
        const v = take().toLowerCase();
        if (v !== 'yes' && v !== 'no') fail(`invalid protected-mode: ${v}`);
        opts.protectedMode = v;
        break;
      }
      case '--dir':
        opts.dir = take();
        break;
      case '--dbfilename':
        opts.dbfilename = take();
        break;
      default:
        fail(`unknown option: ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const storage = new FileSnapshotStorage(parsed.dir, parsed.dbfilename);
  const engine = new Engine({
    storage,
    config: {
      port: String(parsed.port),
      bind: parsed.bind,
      requirepass: parsed.requirepass,
      'protected-mode': parsed.protectedMode,
      dir: storage.dir,
      dbfilename: parsed.dbfilename,
    },
  });
  log('#', 'oO0OoO0OoO0Oo Redis playground engine is starting oO0OoO0OoO0Oo');
  // Like redis-server: load the snapshot if there is one, refuse to start on a broken one.
  try {
    const loaded = loadFromStorage(engine);
    if (loaded !== null) {
      log('*', `Done loading RDB, keys loaded: ${loaded.loaded}, keys expired: ${loaded.expired}.`);
    }
  } catch (e) {
    if (!(e instanceof RdbError)) throw e;
    log('#', `Error loading ${storage.path}: ${e.message}. Fix or move the file away and start again.`);
    process.exit(1);
  }
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  // Installed before listening, so that a signal right after "Ready" is never missed.
  let exiting = false;
  const onSignal = (signal: string): void => {
    if (exiting) return;
    exiting = true;
    log('#', `Received ${signal} scheduling shutdown...`);
    log('#', 'User requested shutdown...');
    const closed = server ? server.close() : Promise.resolve();
    void closed.then(() => {
      log('#', 'Redis is now ready to exit, bye bye...');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    server = await startServer({
      engine,
      port: parsed.port,
      host: parsed.bind,
      log,
      onShutdown: (save) => {
        if (save) log('*', `DB saved on disk (${storage.path}).`);
        log('#', 'Redis is now ready to exit, bye bye...');
        process.exit(0);
      },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    log('#', `Failed listening on ${parsed.bind}:${parsed.port} (${err.code ?? err.message}).`);
    process.exit(1);
  }
  // The config shows the port actually bound (with --port 0).
  engine.config.set('port', String(server.port));
  log('*', `Running mode=standalone, port=${server.port}.`);
  log('*', 'Ready to accept connections');
}

void main();
