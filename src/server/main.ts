// `npm run serve -- --port 6379 [--bind 127.0.0.1] [--requirepass secret]`: the engine behind a
// RESP TCP server, for redis-cli, redis-py, redis-benchmark and friends.

import { join } from 'node:path';
import { attachAof } from '../engine/aof.js';
import { Config } from '../engine/config.js';
import { Engine } from '../engine/engine.js';
import { catRepr } from '../engine/pubsub.js';
import { prepareForShutdown, shutdownFlagsFromConfig } from '../engine/commands/shutdown.js';
import { loadFromStorage } from '../engine/persistence.js';
import { RdbError } from '../engine/rdb.js';
import { FileAofDir } from './file-aof-dir.js';
import { FileSnapshotStorage } from './file-storage.js';
import { logFromSignalHandler, stdoutLogger as log, strerror } from './log.js';
import { startServer } from './server.js';
import { late } from '../engine/late.js';
import { connectTcp } from './connect.js';
import type { Acl } from '../engine/acl.js';
import { checkUserDirective, loadUsersAtStartup } from '../engine/acl-file.js';
import { FileAclStorage } from './file-acl.js';

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
  --user <name> <rules...>
                         an ACL user, as a redis.conf user line (--user alice on '>pw' '~*' '+@all');
                         may be given many times
  --aclfile <path>       the users' file, loaded at start, by ACL LOAD, written by ACL SAVE
                         (not with --user, as redis-server refuses both)
  --<parameter> <value>  any other redis.conf parameter, as redis-server takes it
                         (--save "" turns off the save points, --hz 100, --appendonly no,
                         --enable-debug-command yes|local …)
  -h, --help             show this help

Both "--port 6379" and "--port=6379" work. As redis-server does, SIGTERM or Ctrl-C (SIGINT) saves
the snapshot before exiting (the default save points are on; CONFIG SET shutdown-on-sigterm and
shutdown-on-sigint change that), and a second Ctrl-C exits at once without saving.`;

/**
 * Start-up-only parameters the engine acts on (the others may only be given their default).
 * enable-debug-command yes|local turns DEBUG on, for everyone or for loopback clients only.
 */
const HONOURED_AT_START = new Set(['databases', 'appendfilename', 'appenddirname', 'enable-debug-command', 'aclfile']);

interface CliOptions {
  port: number;
  bind: string;
  requirepass: string;
  protectedMode: 'yes' | 'no';
  dbfilename: string;
  /** Every other config parameter given, in order, as redis.conf lines (`save ""`, `hz 100`). */
  config: [string, string][];
  /** The `user` directives, checked: each user's name, then its rules (as byte strings). */
  users: string[][];
}

/**
 * A bad option stops the start as a bad line of redis.conf stops redis-server: its command-line
 * options are config lines (the first one is line 2), shown as `name "value"`.
 */
function fatalConfig(line: number, shown: string, reason: string): never {
  process.stderr.write(`\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line ${line}\n>>> '${shown}'\n${reason}\n`);
  process.exit(1);
}

/** A command-line word as redis-server shows it: its UTF-8 bytes through sdscatrepr. */
function repr(s: string): string {
  return catRepr(Buffer.from(s, 'utf8').toString('latin1'));
}

/**
 * Reads the options in order, as Redis reads its config: --dir changes the working directory at
 * once (Redis's chdir, so the snapshot's messages name it), and the first bad one is fatal.
 */
function parseArgs(args: readonly string[]): CliOptions | 'help' {
  const opts: CliOptions = { port: 6379, bind: '127.0.0.1', requirepass: '', protectedMode: 'yes', dbfilename: 'dump.rdb', config: [], users: [] };
  const defaults = new Config();
  // A user directive's rules are tried as its line is read (ACLAppendUserForLoading), on new
  // selectors as acl-pubsub-default makes them so far: on an engine of their own.
  let checker: Engine | null = null;
  const userChecker = (): Acl => {
    if (checker === null) {
      checker = new Engine({ late });
      // Redis logs what the rules say (a deprecated first-arg rule) as it reads the config.
      checker.log = (level, message) => log(level, message, 'C');
    }
    let pubsub = defaults.get('acl-pubsub-default')!;
    for (const [n, v] of opts.config) if (n.toLowerCase() === 'acl-pubsub-default') pubsub = v;
    checker.config.set('acl-pubsub-default', pubsub);
    return checker.lateAcl();
  };
  let line = 1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    line++;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const name = flag.replace(/^--/, '');
    // An option's arguments run to the next option, as redis-server reads them; a bare --save is
    // `save ""` (no save points), its special case.
    const words: string[] = [];
    if (flag !== arg) words.push(arg.slice(eq + 1));
    else while (i + 1 < args.length && !args[i + 1]!.startsWith('--')) words.push(args[++i]!);
    if (words.length === 0 && name === 'save') words.push('');
    const shown = [name, ...words.map(repr)].join(' ');
    if (!flag.startsWith('--')) fatalConfig(line, shown, 'Bad directive or wrong number of arguments');
    if (name.toLowerCase() === 'user' && words.length > 0) {
      // Users are byte strings, as a client's AUTH sends them.
      const argv = ['user', ...words.map((w) => Buffer.from(w, 'utf8').toString('latin1'))];
      const checked = checkUserDirective(userChecker(), argv, opts.users);
      if ('error' in checked) fatalConfig(line, shown, checked.error);
      opts.users.push(checked.user);
      continue;
    }
    const bad = defaults.checkConfigLine(name, words.join(' '));
    if (bad !== null && bad.startsWith('Bad directive')) fatalConfig(line, shown, bad);
    if (words.length === 0) fatalConfig(line, shown, 'wrong number of arguments');
    const value = words.join(' ');
    switch (name) {
      case 'port': {
        if (!/^-?\d+$/.test(value)) fatalConfig(line, shown, "argument couldn't be parsed into an integer");
        const n = Number(value);
        if (n < 0 || n > 65535) fatalConfig(line, shown, 'argument must be between 0 and 65535 inclusive');
        opts.port = n;
        break;
      }
      case 'bind':
        opts.bind = value;
        break;
      case 'requirepass':
        opts.requirepass = value;
        break;
      case 'protected-mode': {
        const v = value.toLowerCase();
        if (v !== 'yes' && v !== 'no') fatalConfig(line, shown, "argument must be 'yes' or 'no'");
        opts.protectedMode = v;
        break;
      }
      case 'dir':
        try {
          process.chdir(value);
        } catch (e) {
          fatalConfig(line, shown, strerror(e));
        }
        break;
      case 'dbfilename':
        if (value.includes('/')) fatalConfig(line, shown, "dbfilename can't be a path, just a filename");
        opts.dbfilename = value;
        break;
      default:
        if (bad !== null) fatalConfig(line, shown, bad);
        // A start-up-only setting the engine does not act on is refused, not stored and ignored.
        if (defaults.isImmutable(name) && !HONOURED_AT_START.has(name.toLowerCase()) && new Config({ [name]: value }).get(name) !== defaults.get(name)) {
          fatalConfig(line, shown, `this server runs with ${name} ${repr(defaults.get(name)!)} only`);
        }
        opts.config.push([name, value]);
    }
  }
  return opts;
}

/** Like redis-server: load the snapshot if there is one, refuse to start on a broken one. */
function loadRdbAtStart(engine: Engine, storage: FileSnapshotStorage): void {
  try {
    const loaded = loadFromStorage(engine);
    if (loaded !== null) {
      log('*', `Done loading RDB, keys loaded: ${loaded.loaded}, keys expired: ${loaded.expired}.`);
    }
  } catch (e) {
    if (e instanceof RdbError) {
      log('#', `Error loading ${storage.path}: ${e.message}. Fix or move the file away and start again.`);
    } else {
      // loadDataFromDisk: a snapshot that cannot be read at all (a directory, no permission).
      log('#', `Fatal error loading the DB: ${strerror(e)}. Exiting.`);
    }
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const storage = new FileSnapshotStorage(process.cwd(), parsed.dbfilename);
  const engine = new Engine({
    late,
    storage,
    aclFile: new FileAclStorage(),
    processId: process.pid,
    monotonic: () => performance.now(),
    connect: connectTcp,
    config: {
      ...Object.fromEntries(parsed.config),
      port: String(parsed.port),
      bind: parsed.bind,
      requirepass: parsed.requirepass,
      'protected-mode': parsed.protectedMode,
      dir: storage.dir,
      dbfilename: parsed.dbfilename,
    },
  });
  engine.log = log;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  // Redis's sigShutdownHandler: a signal only asks for a shutdown, which the next cron tick runs
  // (prepareForShutdown, with shutdown-on-sigterm / shutdown-on-sigint's flags); a second SIGINT
  // before then exits at once, unsaved. A shutdown whose final save fails leaves the server
  // running. Installed before the snapshot loads (the load runs to its end first: the signal
  // waits for it) and before listening, so that a signal right after "Ready" is never missed.
  let lastSignal: 'SIGINT' | 'SIGTERM' = 'SIGTERM';
  const runRequestedShutdown = (): void => {
    if (!engine.shutdownAsap) return; // SHUTDOWN ABORT came first
    if (server === undefined) {
      setTimeout(runRequestedShutdown, 1000 / engine.config.hz);
      return;
    }
    const setting = lastSignal === 'SIGINT' ? 'shutdown-on-sigint' : 'shutdown-on-sigterm';
    prepareForShutdown(engine, shutdownFlagsFromConfig(engine.config.get(setting)));
  };
  const onSignal = (signal: 'SIGINT' | 'SIGTERM'): void => {
    if (engine.shutdownAsap && signal === 'SIGINT') {
      logFromSignalHandler('You insist... exiting now.');
      process.exit(1);
    }
    logFromSignalHandler(`Received ${signal} scheduling shutdown...`);
    engine.shutdownAsap = true;
    lastSignal = signal;
    setTimeout(runRequestedShutdown, 1000 / engine.config.hz);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  log('#', 'oO0OoO0OoO0Oo Redis playground engine is starting oO0OoO0OoO0Oo');
  // ACLLoadUsersAtStartup, before the data as in Redis: a server whose users fail does not start.
  if (!loadUsersAtStartup(engine, parsed.users)) process.exit(1);
  const aof = attachAof(engine, new FileAofDir(join(storage.dir, engine.config.get('appenddirname')!)));
  // loadDataFromDisk: with appendonly yes the AOF is the dataset (the RDB file is not read).
  if (engine.config.appendonly) {
    const started = performance.now();
    const status = aof.load();
    if (status === 'failed') process.exit(1);
    if (status !== 'not-exist') log('*', `DB loaded from append only file: ${((performance.now() - started) / 1000).toFixed(3)} seconds`);
    aof.openOnStart();
  } else {
    loadRdbAtStart(engine, storage);
  }
  try {
    server = await startServer({
      engine,
      port: parsed.port,
      host: parsed.bind,
      log,
      // prepareForShutdown has saved (if it had to) and logged; the listener is closed.
      onShutdown: () => process.exit(0),
    });
  } catch (e) {
    // listenToPort's two lines. An address that does not resolve fails in getaddrinfo, which
    // Redis reports with gai_strerror's text and no "bind:".
    const err = e as NodeJS.ErrnoException;
    const why =
      err.syscall !== 'getaddrinfo' ? `bind: ${strerror(e)}` : err.code === 'EAI_AGAIN' ? 'Temporary failure in name resolution' : 'Name or service not known';
    log('#', `Warning: Could not create server TCP listening socket ${parsed.bind}:${parsed.port}: ${why}`);
    log('#', `Failed listening on port ${parsed.port} (TCP), aborting.`);
    process.exit(1);
  }
  // The config shows the port actually bound (with --port 0).
  engine.config.set('port', String(server.port));
  log('*', `Running mode=standalone, port=${server.port}.`);
  log('*', 'Ready to accept connections');
}

void main();
