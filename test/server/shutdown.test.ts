// `npm run serve` as a process next to Debian's redis-server: the final save on SIGTERM and
// SIGINT, SHUTDOWN, a failing BGSAVE (MISCONF), and start-up errors. Both programs run in
// temporary directories with their default save points; replies, exit codes and log lines
// (Redis's messages, without times and pids) are compared.

import { mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RespConnection, freePort } from '../diff/harness.js';
import { fails, messages, root, send, serve, tempDir, TIMEOUT, type Kind } from './processes.js';

const BYE = [
  'M # User requested shutdown...',
  'M * Saving the final RDB snapshot before exiting.',
  'M * DB saved on disk',
  'M # Redis is now ready to exit, bye bye...',
];

describe('signals', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(
      `${signal} saves the final snapshot and exits 0, as redis-server does; the key is there after a restart`,
      async () => {
        const results = await Promise.all(
          (['real', 'ours'] as const).map(async (kind) => {
            const dir = tempDir();
            const s = await serve(kind, dir);
            expect(await send(s.port, ['SET', 'k', 'v'])).toBe('+OK\r\n');
            s.child.kill(signal);
            const code = await s.exited;
            const log = s.since('Ready to accept connections');
            const again = await serve(kind, dir);
            const got = await send(again.port, ['GET', 'k']);
            again.child.kill('SIGKILL');
            return { code, log, got, files: readdirSync(dir) };
          }),
        );
        const [real, ours] = results;
        expect(ours).toEqual(real);
        expect(ours!.code).toBe(0);
        expect(ours!.log).toEqual([`signal-handler Received ${signal} scheduling shutdown...`, ...BYE]);
        expect(ours!.got).toBe('$1\r\nv\r\n');
        expect(ours!.files).toEqual(['dump.rdb']);
      },
      TIMEOUT,
    );
  }

  it(
    'shutdown-on-sigterm nosave: SIGTERM exits without saving',
    async () => {
      const results = await Promise.all(
        (['real', 'ours'] as const).map(async (kind) => {
          const dir = tempDir();
          const s = await serve(kind, dir);
          expect(await send(s.port, ['CONFIG', 'SET', 'shutdown-on-sigterm', 'nosave'])).toBe('+OK\r\n');
          expect(await send(s.port, ['SET', 'k', 'v'])).toBe('+OK\r\n');
          s.child.kill('SIGTERM');
          return { code: await s.exited, log: s.since('Ready to accept connections'), files: readdirSync(dir) };
        }),
      );
      expect(results[1]).toEqual(results[0]);
      expect(results[1]!.files).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a second SIGINT before the shutdown runs exits at once with 1, unsaved',
    async () => {
      const dir = tempDir();
      const s = await serve('ours', dir);
      // The shutdown waits for the next cron tick: with hz 1 that is a second away.
      expect(await send(s.port, ['CONFIG', 'SET', 'hz', '1'])).toBe('+OK\r\n');
      expect(await send(s.port, ['SET', 'k', 'v'])).toBe('+OK\r\n');
      s.child.kill('SIGINT');
      await s.waitFor('Received SIGINT scheduling shutdown...');
      s.child.kill('SIGINT');
      expect(await s.exited).toBe(1);
      expect(s.since('Ready to accept connections')).toEqual([
        'signal-handler Received SIGINT scheduling shutdown...',
        'signal-handler You insist... exiting now.',
      ]);
      expect(readdirSync(dir)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'SHUTDOWN ABORT cancels what a signal asked for',
    async () => {
      const dir = tempDir();
      const s = await serve('ours', dir);
      expect(await send(s.port, ['CONFIG', 'SET', 'hz', '1'])).toBe('+OK\r\n');
      s.child.kill('SIGTERM');
      await s.waitFor('Received SIGTERM scheduling shutdown...');
      expect(await send(s.port, ['SHUTDOWN', 'ABORT'])).toBe('+OK\r\n');
      expect(await send(s.port, ['SHUTDOWN', 'ABORT'])).toBe('-ERR No shutdown in progress.\r\n');
      expect(await send(s.port, ['SHUTDOWN', 'NOSAVE'])).toBe('<connection closed>');
      expect(await s.exited).toBe(0);
      expect(s.since('Ready to accept connections')).toEqual([
        'signal-handler Received SIGTERM scheduling shutdown...',
        'M * Shutdown manually aborted.',
        'M # User requested shutdown...',
        'M # Redis is now ready to exit, bye bye...',
      ]);
    },
    TIMEOUT,
  );
});

describe('SHUTDOWN', () => {
  it(
    'NOSAVE exits 0 and loses what was not saved; plain SHUTDOWN saves',
    async () => {
      const results = await Promise.all(
        (['real', 'ours'] as const).map(async (kind) => {
          const dir = tempDir();
          const s = await serve(kind, dir);
          await send(s.port, ['SET', 'k', 'v']);
          expect(await send(s.port, ['SHUTDOWN', 'NOSAVE'])).toBe('<connection closed>');
          const code = await s.exited;
          const log = s.since('Ready to accept connections');
          const again = await serve(kind, dir);
          const lost = await send(again.port, ['GET', 'k']);
          await send(again.port, ['SET', 'k', 'w']);
          expect(await send(again.port, ['SHUTDOWN'])).toBe('<connection closed>');
          const code2 = await again.exited;
          const third = await serve(kind, dir);
          const kept = await send(third.port, ['GET', 'k']);
          third.child.kill('SIGKILL');
          return { code, log, lost, code2, log2: again.since('Ready to accept connections'), kept };
        }),
      );
      expect(results[1]).toEqual(results[0]);
      expect(results[1]).toMatchObject({ code: 0, lost: '$-1\r\n', code2: 0, log2: BYE, kept: '$1\r\nw\r\n' });
    },
    TIMEOUT,
  );
});

describe('a dump path that cannot be written', () => {
  it(
    'BGSAVE fails, INFO says err, writes get MISCONF, SHUTDOWN and SIGTERM refuse to exit; all recovers after a good save',
    async () => {
      const results = await Promise.all(
        (['real', 'ours'] as const).map(async (kind) => {
          const dir = tempDir();
          const s = await serve(kind, dir);
          const replies: string[] = [];
          const run = async (...argv: string[]) => replies.push(await send(s.port, argv));
          const persistence = async () => {
            const info = await send(s.port, ['INFO', 'persistence']);
            // Fields whose values do not depend on timing.
            return info.split('\r\n').filter((l) => /^rdb_(changes_since|bgsave_in_progress|last_bgsave_status|saves|current)/.test(l));
          };
          await run('SET', 'k', 'v');
          // A transaction queued before the failure, executed after it.
          const tx = await RespConnection.connect(s.port);
          const inTx = async (...argv: string[]) => replies.push(await tx.send(argv));
          await inTx('MULTI');
          await inTx('SET', 'queued', 'v');
          mkdirSync(join(dir, 'dump.rdb'));
          await run('BGSAVE');
          await s.waitFor('Background saving error');
          await inTx('EXEC');
          await inTx('MULTI');
          await inTx('INCR', 'n');
          await inTx('EXEC');
          await inTx('SUBSCRIBE', 'ch');
          await inTx('SET', 'k', 'v');
          tx.close();
          const failed = await persistence();
          await run('SET', 'k2', 'v');
          await run('PING');
          await run('GET', 'k');
          await run('SAVE');
          await run('SHUTDOWN');
          await run('CONFIG', 'GET', 'stop-writes-on-bgsave-error');
          await run('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'no');
          await run('INCR', 'n');
          await run('CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'yes');
          await run('INCR', 'n');
          s.child.kill('SIGTERM');
          // The second time: SHUTDOWN above failed the same way.
          await s.waitFor('Errors trying to shut down the server. Check the logs for more information.', 2);
          await run('GET', 'k');
          rmdirSync(join(dir, 'dump.rdb'));
          await run('BGSAVE');
          await s.waitFor('Background saving terminated with success');
          const recovered = await persistence();
          await run('SET', 'k2', 'v');
          await run('PING');
          await run('SHUTDOWN', 'NOSAVE');
          const code = await s.exited;
          // No fork here, so no child's copy-on-write report.
          const log = s
            .since('Ready to accept connections')
            .filter((m) => !m.startsWith('C * Fork CoW'))
            .map((m) => m.replaceAll(dir, 'DIR'));
          return { replies, failed, recovered, code, log, files: readdirSync(dir) };
        }),
      );
      const [real, ours] = results;
      expect(ours).toEqual(real);
      const misconf =
        "-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. Commands that may modify the data set are disabled, because this instance is configured to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.\r\n";
      expect(ours!.replies.slice(0, 14)).toEqual([
        '+OK\r\n',
        '+OK\r\n',
        '+QUEUED\r\n',
        '+Background saving started\r\n',
        '-EXECABORT Transaction discarded because of: ' + misconf.slice(1),
        '+OK\r\n',
        misconf,
        '-EXECABORT Transaction discarded because of previous errors.\r\n',
        '*3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n',
        // Refused before the pub/sub context check, as processCommand orders them.
        misconf,
        misconf,
        misconf,
        '$1\r\nv\r\n',
        '-ERR\r\n',
      ]);
      expect(ours!.replies[14]).toBe('-ERR Errors trying to SHUTDOWN. Check logs.\r\n');
      expect(ours!.failed).toContain('rdb_last_bgsave_status:err');
      expect(ours!.recovered).toContain('rdb_last_bgsave_status:ok');
      expect(ours!.log.slice(0, 3)).toEqual([
        'M * Background saving started by pid PID',
        'C # Error moving temp DB file temp-PID.rdb on the final destination dump.rdb (in server root dir DIR): Is a directory',
        'M # Background saving error',
      ]);
      expect(ours!.log).toContain("M # Error trying to save the DB, can't exit.");
      expect(ours!.files).toEqual(['dump.rdb']);
    },
    TIMEOUT,
  );
});

describe('bad start-up settings', () => {
  // Each case is a program start or two of a few seconds each on a busy machine: one test each.
  const cases = [
    ['--port', 'abc'],
    ['--port', '70000'],
    ['--port'],
    ['--nope', '1'],
    ['--port', '0', '--dbfilename', 'a/b'],
    ['--port', '0', '--dir', join(root, 'no-such-directory')],
    ['--dir', join(root, 'package.json')],
    ['--port', '0', '--maxmemory-policy', 'foo'],
    ['--port', '0', '--hz', 'abc'],
    ['--port', '0', '--save', '900'],
    ['--port', '0', '--appendonly', 'maybe'],
  ];
  for (const args of cases) {
    it(
      `${args.join(' ')}: a FATAL CONFIG FILE ERROR, exit 1, as redis-server says it`,
      () => {
        const real = fails('real', args);
        const ours = fails('ours', args);
        expect(real.code).toBe(1);
        expect(ours.code).toBe(1);
        expect(ours.stderr).toBe(real.stderr);
        expect(ours.stderr).toMatch(/^\n\*\*\* FATAL CONFIG FILE ERROR \(Redis 7\.0\.15\) \*\*\*\n/);
        expect(ours.stdout + ours.stderr).not.toMatch(/^\s+at /m);
      },
      TIMEOUT,
    );
  }

  it(
    'a start-up-only setting the engine does not act on is refused, not ignored',
    () => {
      const ours = fails('ours', ['--port', '0', '--enable-module-command', 'yes']);
      expect(ours.code).toBe(1);
      expect(ours.stderr).toContain(`>>> 'enable-module-command "yes"'\nthis server runs with enable-module-command "no" only\n`);
    },
    TIMEOUT,
  );

  it(
    'any other config parameter is taken as redis-server takes it: --save alone, values up to the next option',
    async () => {
      const args = ['--save', '--hz', '50', '--save', '900', '1', '300', '10', '--databases', '4', '--daemonize', 'no'];
      const replies = async (kind: Kind) => {
        const s = await serve(kind, tempDir(), args);
        const got = [await send(s.port, ['CONFIG', 'GET', 'save']), await send(s.port, ['CONFIG', 'GET', 'hz']), await send(s.port, ['SELECT', '4'])];
        s.child.kill('SIGKILL');
        return got;
      };
      const ours = await replies('ours');
      expect(ours).toEqual(await replies('real'));
      expect(ours[0]).toBe('*2\r\n$4\r\nsave\r\n$12\r\n900 1 300 10\r\n');
    },
    TIMEOUT,
  );

  it(
    'a port in use: the same two lines as redis-server, exit 1',
    async () => {
      const port = await freePort();
      const holder = createServer();
      await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
      try {
        const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', tempDir()];
        const real = fails('real', args);
        const ours = fails('ours', args);
        expect(ours.code).toBe(1);
        expect(real.code).toBe(1);
        const want = [
          `M # Warning: Could not create server TCP listening socket 127.0.0.1:${port}: bind: Address already in use`,
          `M # Failed listening on port ${port} (TCP), aborting.`,
        ];
        expect(messages(real.stdout).slice(-2)).toEqual(want);
        expect(messages(ours.stdout).slice(-2)).toEqual(want);
        expect(ours.stderr).toBe('');
        expect(ours.stdout).not.toMatch(/^\s+at /m);
      } finally {
        holder.close();
      }
    },
    TIMEOUT,
  );

  it(
    'an address that does not resolve: the same two lines as redis-server, exit 1',
    async () => {
      const port = await freePort();
      const args = ['--port', String(port), '--bind', '999.1.1.1', '--dir', tempDir()];
      const real = fails('real', args);
      const ours = fails('ours', args);
      expect(ours.code).toBe(1);
      expect(real.code).toBe(1);
      expect(messages(ours.stdout).slice(-2)).toEqual(messages(real.stdout).slice(-2));
      expect(messages(ours.stdout).slice(-1)).toEqual([`M # Failed listening on port ${port} (TCP), aborting.`]);
      expect(ours.stdout).not.toMatch(/^\s+at /m);
    },
    TIMEOUT,
  );

  it(
    'a directory where the snapshot should be: one line, exit 1',
    () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'dump.rdb'));
      const ours = fails('ours', ['--port', '0', '--dir', dir]);
      expect(ours.code).toBe(1);
      expect(ours.stderr).toBe('');
      // redis-server takes the directory for a truncated file ("Short read or OOM loading DB");
      // we say what it is, in the words of Redis's loadDataFromDisk.
      expect(messages(ours.stdout).slice(-1)).toEqual(['M # Fatal error loading the DB: Is a directory. Exiting.']);
      expect(ours.stdout).not.toMatch(/^\s+at /m);
    },
    TIMEOUT,
  );
});
