// ACL users from outside, against a real redis-server: `npm run serve` and Debian's redis-server
// run as processes, each in a temporary directory, started with the same aclfile or the same
// --user directives. Compared: ACL LIST, ACL LOAD after the file is edited (good files, bad ones
// with their exact error text, a directory, a missing file), which connections ACL LOAD closes,
// ACL SAVE's file byte for byte and its failure, CONFIG GET/SET aclfile, and start-up failures
// (exit code, and the FATAL CONFIG FILE ERROR text or the last log lines).
//
// Every user here has at most one single-command rule a selector: Redis walks its command table
// in a hash order, so a longer run of them would come in any order.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, RespConnection, show } from './harness.js';
import { fails, messages, serve, tempDir, TIMEOUT, type Kind } from '../server/processes.js';

const KINDS = ['real', 'ours'] as const;

/** Runs the same session on both programs at once; each result is shown printable. */
async function onBoth<T>(session: (kind: Kind) => Promise<T>): Promise<{ real: T; ours: T }> {
  const [real, ours] = await Promise.all(KINDS.map(session));
  return { real: real!, ours: ours! };
}

/** Sends each command on one connection and returns the replies, printable. */
async function replies(conn: RespConnection, steps: string[][]): Promise<string[]> {
  const out: string[] = [];
  for (const argv of steps) out.push(`${argv.join(' ')} -> ${show(await conn.send(argv))}`);
  return out;
}

/** A server of `kind` started in a new directory whose `users.acl` holds `text`, with `--aclfile users.acl`. */
async function withAclfile(kind: Kind, text: string) {
  const dir = tempDir();
  const path = join(dir, 'users.acl');
  writeFileSync(path, text);
  const server = await serve(kind, dir, ['--save', '', '--aclfile', 'users.acl']);
  return { dir, path, server };
}

const GOOD = 'user alice on #' + 'a'.repeat(64) + ' ~* &* +@all\nuser bob on nopass %R~r* resetchannels &ch -@all +get\n';

describe('the aclfile', () => {
  it(
    'is loaded at start; ACL LIST, CONFIG GET aclfile, and CONFIG SET aclfile refused',
    async () => {
      const { real, ours } = await onBoth(async (kind) => {
        const { server } = await withAclfile(kind, GOOD + 'user default on nopass ~* &* -@all +ping\n');
        const conn = await RespConnection.connect(server.port);
        const got = await replies(conn, [
          ['GET', 'k'],
          ['AUTH', 'bob', 'x'],
          ['GET', 'r1'],
          ['ACL', 'LIST'],
          ['CONFIG', 'GET', 'aclfile'],
          ['CONFIG', 'SET', 'aclfile', 'other.acl'],
        ]);
        conn.close();
        return got;
      });
      expect(ours).toEqual(real);
    },
    TIMEOUT,
  );

  it(
    'ACL LOAD: good files replace the users, bad ones are refused with every complaint and change nothing',
    async () => {
      // The file's text each time; 'directory' and 'missing' put none there.
      const files: string[] = [
        'user carol on >pw ~k* +@read\n',
        // What the loader trims and splits: spaces and tabs around, CRLF, blank lines, two spaces.
        '  user dave on  nopass\t \r\n\r\n\nuser erin on\t ~x +set\r\n\n',
        'user default on nopass ~* &* +@all\nuser frank\n',
        // Each kind of complaint, and several on one line.
        'user ok on\n# a comment\nuser\nUSER x on\nuser a\tb on\nuser ok off\nuser c on +nosuch badrule ~* ~x +@nocat\nuser d (+get\nuser e on >p <q\n',
        'user a on #abc\nuser b ~* allkeys ~x\nuser c &* &x\nuser d +config|get|x\n',
        'user a on (+get ~x) (badrule)\nuser b on (+nosuch)\n',
        // fgets: a line ends at its first NUL.
        'user a on\0 junk\nuser b on\n',
        'user a on\0 ~x\n',
        'directory',
        'missing',
        GOOD,
      ];
      const { real, ours } = await onBoth(async (kind) => {
        const { path, server } = await withAclfile(kind, GOOD);
        const conn = await RespConnection.connect(server.port);
        const got: string[] = [];
        for (const file of files) {
          rmSync(path, { recursive: true, force: true });
          if (file === 'directory') mkdirSync(path);
          else if (file !== 'missing') writeFileSync(path, file, 'latin1');
          got.push(
            ...(await replies(conn, [
              ['ACL', 'LOAD'],
              ['ACL', 'LIST'],
            ])),
          );
        }
        conn.close();
        return got;
      });
      expect(ours).toEqual(real);
    },
    TIMEOUT,
  );

  it(
    'ACL LOAD closes the connections of every user but default, changed or not; its caller after the reply',
    async () => {
      const { real, ours } = await onBoth(async (kind) => {
        const { server } = await withAclfile(kind, 'user alice on nopass ~* +@all\nuser bob on nopass ~* +@all\n');
        const [a, b, c, d] = await Promise.all([0, 1, 2, 3].map(() => RespConnection.connect(server.port)));
        const got = [
          ...(await replies(a!, [['AUTH', 'alice', 'x']])),
          ...(await replies(b!, [['AUTH', 'bob', 'x']])),
          ...(await replies(c!, [['AUTH', 'alice', 'x']])),
          ...(await replies(a!, [['ACL', 'LOAD'], ['PING']])),
          ...(await replies(b!, [['PING']])),
          ...(await replies(c!, [['PING']])),
          ...(await replies(d!, [['PING'], ['ACL', 'LOAD'], ['ACL', 'WHOAMI'], ['PING']])),
        ];
        for (const conn of [a, b, c, d]) conn!.close();
        return got;
      });
      expect(ours).toEqual(real);
      expect(ours).toContain('PING -> <connection closed>');
    },
    TIMEOUT,
  );

  it(
    'ACL SAVE writes the same bytes, by way of a temporary file; a save that fails says so and logs why',
    async () => {
      const { real, ours } = await onBoth(async (kind) => {
        const { dir, path, server } = await withAclfile(kind, GOOD);
        const conn = await RespConnection.connect(server.port);
        const got = await replies(conn, [
          ['ACL', 'SETUSER', 'zed', 'on', '>a', '(+get ~x)', '%R~r*', '&ch', '-@all', '+select|0'],
          ['ACL', 'SETUSER', 'Ann'],
          ['ACL', 'SETUSER', '_x', 'on', 'nopass', 'skip-sanitize-payload', '+@all', '-@dangerous'],
          ['ACL', 'SETUSER', 'default', 'resetpass', '>secret'],
          ['ACL', 'DELUSER', 'bob'],
          ['ACL', 'SAVE'],
        ]);
        got.push(show(readFileSync(path, 'latin1')), readdirSync(dir).join(','));
        // What it wrote loads back the same.
        got.push(
          ...(await replies(conn, [
            ['ACL', 'LOAD'],
            ['ACL', 'LIST'],
          ])),
        );
        rmSync(path);
        mkdirSync(path);
        got.push(...(await replies(conn, [['ACL', 'SAVE']])));
        await server.waitFor('ACL SAVE');
        got.push(messages(server.out()).at(-1)!, readdirSync(dir).join(','));
        conn.close();
        return got;
      });
      expect(ours).toEqual(real);
      expect(ours.at(-2)).toBe('M # Renaming ACL file for ACL SAVE: Is a directory');
    },
    TIMEOUT,
  );
});

describe('--user directives', () => {
  it(
    'make the users at start; ACL LOAD and SAVE still have no file',
    async () => {
      const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
      const { real, ours } = await onBoth(async (kind) => {
        const s = await serve(kind, tempDir(), [
          '--save',
          '',
          '--user',
          'alice',
          'on',
          '>pw',
          '~*',
          '+@all',
          '--user',
          'bob',
          '(+get',
          '~x)',
          'on',
          'nopass',
          '--user',
          'josé',
          'on',
          '>pässword',
          '+@all',
          '--user',
          'default',
          'on',
          '>secret',
          '~*',
          '+@all',
          '-debug',
          '--user',
          'off-user',
        ]);
        const conn = await RespConnection.connect(s.port);
        const got = await replies(conn, [
          ['PING'],
          ['AUTH', 'alice', 'pw'],
          ['ACL', 'LIST'],
          ['AUTH', utf8('josé'), utf8('pässword')],
          ['ACL', 'WHOAMI'],
          ['ACL', 'LOAD'],
          ['ACL', 'SAVE'],
          ['CONFIG', 'GET', 'aclfile'],
        ]);
        got.push(...messages(s.out()).filter((m) => m.includes("The user '") || m.includes('ACL')));
        conn.close();
        return got;
      });
      expect(ours).toEqual(real);
    },
    TIMEOUT,
  );
});

describe('start-up failures', () => {
  /** A directory of its own, with the files the arguments name. */
  function dirWith(files: Record<string, string>): string {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  const fatal: string[][] = [
    ['--user', 'alice', 'on', 'badrule'],
    ['--user', 'alice', 'on', '+get', 'badrule', '~x'],
    ['--user', 'alice', 'on', '(+get'],
    ['--user', 'bob', '(+get', '~x'],
    ['--user', 'alice', 'on', '--user', 'alice', 'off'],
    ['--user'],
    ['--user', 'alice', 'on', '~*', '~x'],
    ['--acl-pubsub-default', 'allchannels', '--user', 'bob', '&x'],
    ['--user', 'alice', '+config|get|x'],
    ['--user', 'alice', '#abc'],
  ];
  it(
    'a bad user directive: a FATAL CONFIG FILE ERROR, exit 1, as redis-server says it',
    () => {
      for (const args of fatal) {
        const all = ['--port', '0', '--dir', tempDir(), ...args];
        const real = fails('real', all);
        const ours = fails('ours', all);
        expect(real.code, args.join(' ')).toBe(1);
        expect(ours.code, args.join(' ')).toBe(1);
        expect(ours.stderr).toBe(real.stderr);
        expect(ours.stderr).toMatch(/^\n\*\*\* FATAL CONFIG FILE ERROR \(Redis 7\.0\.15\) \*\*\*\n/);
      }
    },
    TIMEOUT,
  );

  const logged: { args: string[]; files?: Record<string, string>; lines: number }[] = [
    { args: ['--user', 'alice', 'on', '+nosuch'], lines: 2 },
    { args: ['--user', 'a b', 'on'], lines: 2 },
    { args: ['--user', 'bob', '&x', '--acl-pubsub-default', 'allchannels'], lines: 2 },
    { args: ['--aclfile', 'users.acl', '--user', 'alice', 'on'], files: { 'users.acl': GOOD }, lines: 1 },
    { args: ['--aclfile', 'none.acl'], lines: 1 },
    { args: ['--aclfile', 'bad.acl'], files: { 'bad.acl': 'user a on badrule\nuser b on +nosuch\nuser a\n' }, lines: 1 },
  ];
  it(
    'users that cannot load, both kinds of users, an aclfile that fails: the lines redis-server logs, exit 1',
    async () => {
      for (const { args, files = {}, lines } of logged) {
        const all = ['--port', String(await freePort()), '--bind', '127.0.0.1', '--dir', dirWith(files), '--save', '', ...args];
        const real = fails('real', all);
        const ours = fails('ours', all);
        expect(real.code, args.join(' ')).toBe(1);
        expect(ours.code, args.join(' ')).toBe(1);
        expect(messages(ours.stdout).slice(-lines)).toEqual(messages(real.stdout).slice(-lines));
        expect(messages(ours.stdout).at(-1)).toMatch(/ACL|Exiting|invalid/);
        expect(ours.stderr).toBe('');
      }
    },
    TIMEOUT,
  );
});
