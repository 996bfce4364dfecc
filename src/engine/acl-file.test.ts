import { beforeEach, describe, expect, it } from 'vitest';
import { checkUserDirective, loadUsersAtStartup } from './acl-file.js';
import { Engine, type AclFileStorage } from './engine.js';
import { late } from './late.js';
import { renderReply } from './render-reply.js';
import { sha256Hex } from './sha256.js';
import type { Client } from './client.js';

/** An aclfile in memory, failing as the host's would when told to. */
class MemoryAclFile implements AclFileStorage {
  files = new Map<string, string>();
  saveError: string | null = null;

  load(path: string): Uint8Array {
    const text = this.files.get(path);
    if (text === undefined) throw new Error('No such file or directory');
    return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  }

  save(path: string, bytes: Uint8Array): void {
    if (this.saveError !== null) throw new Error(this.saveError);
    this.files.set(path, String.fromCharCode(...bytes));
  }
}

let files: MemoryAclFile;
let logs: string[];

function engine(config: Record<string, string> = {}, withFiles = true): Engine {
  const e = new Engine({ late, config, aclFile: withFiles ? files : undefined });
  e.log = (level, message) => logs.push(`${level} ${message}`);
  return e;
}

function r(e: Engine, c: Client, ...argv: string[]): string {
  return renderReply(e.execute(c, argv));
}

function list(e: Engine): string[] {
  const acl = e.lateAcl();
  return acl.sortedUsers().map((u) => `${u.name} ${acl.describeUser(u)}`);
}

beforeEach(() => {
  files = new MemoryAclFile();
  logs = [];
});

describe('user directives (ACLAppendUserForLoading)', () => {
  const acl = () => engine().lateAcl();

  it('merges a selector given over several words, and lets unknown commands pass until the load', () => {
    expect(checkUserDirective(acl(), ['user', 'alice', 'on', '(+get', '~x)', '+nosuch'], [])).toEqual({ user: ['alice', 'on', '(+get ~x)', '+nosuch'] });
  });

  it('names the word two places before the bad rule, as 7.0.15 does', () => {
    expect(checkUserDirective(acl(), ['user', 'alice', 'on', 'badrule'], [])).toEqual({ error: "Error in user declaration 'alice': Syntax error" });
    expect(checkUserDirective(acl(), ['user', 'alice', 'on', '+get', 'badrule'], [])).toEqual({ error: "Error in user declaration 'on': Syntax error" });
    expect(checkUserDirective(acl(), ['user', 'a', 'on', '+config|get|x'], [])).toEqual({
      error: "Error in user declaration 'a': Allowing first-arg of a subcommand is not supported",
    });
  });

  it('refuses a second declaration of a name and a selector that never closes', () => {
    expect(checkUserDirective(acl(), ['user', 'alice', 'off'], [['alice', 'on']])).toEqual({
      error: "Error in user declaration 'alice': Duplicate user found. A user can only be defined once in config files",
    });
    expect(checkUserDirective(acl(), ['user', 'bob', '(+get'], [])).toEqual({
      error: "Error in user declaration 'user': Unknown command or category name in ACL",
    });
  });

  it('tries channel rules on selectors as acl-pubsub-default makes them', () => {
    const e = engine({ 'acl-pubsub-default': 'allchannels' });
    expect(checkUserDirective(e.lateAcl(), ['user', 'bob', '&x'], [])).toEqual({
      error:
        "Error in user declaration 'user': Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels",
    });
  });
});

describe('users at start (ACLLoadUsersAtStartup)', () => {
  it('makes the configured users; user default resets the default user, requirepass and all', () => {
    const e = engine({ requirepass: 'pw' });
    expect(loadUsersAtStartup(e, [['alice', 'on', '>a', '~*', '+@all'], ['default', 'on', 'nopass', '+get'], ['bob']])).toBe(true);
    expect(list(e)).toEqual([
      `alice on #${sha256Hex('a')} ~* resetchannels +@all`,
      'bob off resetchannels -@all',
      'default on nopass sanitize-payload resetchannels -@all +get',
    ]);
    expect(logs).toEqual(["* The user 'bob' is disabled (there is no 'on' modifier in the user description). Make sure this is not a configuration error."]);
  });

  it('stops at a rule that fails at load, and at a name with a space', () => {
    expect(loadUsersAtStartup(engine(), [['alice', 'on', '+nosuch']])).toBe(false);
    expect(loadUsersAtStartup(engine(), [['a b', 'on']])).toBe(false);
    expect(logs).toEqual([
      "# Error loading ACL rule '+nosuch' for the user named 'alice': Unknown command or category name in ACL",
      '# Critical error while loading ACLs. Exiting.',
      '# Spaces not allowed in ACL usernames',
      '# Critical error while loading ACLs. Exiting.',
    ]);
  });

  it('refuses users and an aclfile together', () => {
    expect(loadUsersAtStartup(engine({ aclfile: 'users.acl' }), [['alice']])).toBe(false);
    expect(logs[0]).toMatch(/^# Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid\./);
  });

  it('loads the aclfile, or logs why the server must not start', () => {
    files.files.set('users.acl', 'user alice on nopass\n');
    const e = engine({ aclfile: 'users.acl' });
    expect(loadUsersAtStartup(e, [])).toBe(true);
    expect(list(e)).toEqual(['alice on nopass resetchannels -@all', 'default on nopass ~* &* +@all']);
    expect(loadUsersAtStartup(engine({ aclfile: 'none.acl' }), [])).toBe(false);
    expect(logs).toEqual(["# Aborting Redis startup because of ACL errors: Error loading ACLs, opening file 'none.acl': No such file or directory"]);
  });
});

describe('ACL LOAD', () => {
  let e: Engine;
  let c: Client;
  const load = (text: string) => {
    files.files.set('users.acl', text);
    return r(e, c, 'ACL', 'LOAD');
  };

  beforeEach(() => {
    e = engine({ aclfile: 'users.acl' });
    c = e.createClient();
  });

  it('replaces every user; a file without default brings a fresh default user', () => {
    r(e, c, 'ACL', 'SETUSER', 'old', 'on');
    r(e, c, 'CONFIG', 'SET', 'requirepass', 'pw');
    expect(load('user alice on >pw ~* +@all\nuser bob\n')).toBe('OK');
    expect(list(e)).toEqual([`alice on #${sha256Hex('pw')} ~* resetchannels +@all`, 'bob off resetchannels -@all', 'default on nopass ~* &* +@all']);
    // The default user stays the same object: connections keep pointing at it.
    expect(c.user).toBe(e.lateAcl().defaultUser);
    expect(e.lateAcl().users.get('default')).toBe(e.lateAcl().defaultUser);
  });

  it('reads words at single spaces, trims the lines and each rule of tabs and CRs, reads past blank lines', () => {
    expect(load('  user alice on  nopass\t \r\n\r\n\nuser bob on\t +get\r\n')).toBe('OK');
    expect(list(e)).toEqual(['alice on nopass resetchannels -@all', 'bob on resetchannels -@all +get', 'default on nopass ~* &* +@all']);
  });

  it('reports every bad line with its number, and changes nothing', () => {
    r(e, c, 'ACL', 'SETUSER', 'keep', 'on');
    const got = load('user a on\n# comment\nuser\nUSER x\nuser a\tb on\nuser a off\nuser c on +nosuch badrule ~* ~x +@nocat\nuser d (+get\n');
    expect(got).toBe(
      "!ERR users.acl:2 should start with user keyword followed by the username. users.acl:3 should start with user keyword followed by the username. users.acl:4 should start with user keyword followed by the username. 'users.acl:5: username 'a\tb' contains invalid characters. WARNING: Duplicate user 'a' found on line 6. users.acl:7: Error in applying operation '+nosuch': Unknown command or category name in ACL. users.acl:7: Syntax error. users.acl:7: Error in applying operation '+@nocat': Unknown command or category name in ACL. users.acl:8: Unmatched parenthesis in selector definition.WARNING: ACL errors detected, no change to the previously active ACL rules was performed",
    );
    expect(list(e)).toEqual(['default on nopass ~* &* +@all', 'keep on resetchannels -@all']);
  });

  it('reads the file as fgets does: each line ends at its first NUL', () => {
    expect(load('user a on\0 junk\nuser b on\n')).toBe(
      '!ERR users.acl:1: Syntax error. WARNING: ACL errors detected, no change to the previously active ACL rules was performed',
    );
    // Past 1023 bytes a line is read in two pieces, each cut at its NUL.
    const first = 'user a on ~aaa\0';
    expect(load(`${first}${'z'.repeat(1023 - first.length)} ~b\n`)).toBe('OK');
    expect(
      e
        .lateAcl()
        .users.get('a')!
        .root.keys.map((k) => k.pattern),
    ).toEqual(['aaa', 'b']);
  });

  it('closes the connections of every user but default, changed or not; the caller after its reply', () => {
    expect(load('user alice on nopass +@all\nuser bob on nopass +@all\n')).toBe('OK');
    const [a, b, d] = [e.createClient(), e.createClient(), e.createClient()];
    r(e, a, 'AUTH', 'alice', 'x');
    r(e, b, 'AUTH', 'bob', 'x');
    expect(r(e, a, 'ACL', 'LOAD')).toBe('OK');
    expect(a.closeAfterReply).toBe(true);
    expect(a.user).toBe(e.lateAcl().defaultUser);
    expect(e.clients.has(b.id)).toBe(false);
    expect(e.clients.has(d.id)).toBe(true);
    expect(d.closeAfterReply).toBe(false);
  });

  it('an unreadable file is an error, and ACL LOAD takes no arguments', () => {
    files.files.delete('users.acl');
    expect(r(e, c, 'ACL', 'LOAD')).toBe("!ERR Error loading ACLs, opening file 'users.acl': No such file or directory");
    expect(r(e, c, 'ACL', 'LOAD', 'x')).toBe("!ERR wrong number of arguments for 'acl|load' command");
  });
});

describe('ACL SAVE', () => {
  it('writes ACL LIST, a line each, in name order', () => {
    const e = engine({ aclfile: 'users.acl' });
    const c = e.createClient();
    r(e, c, 'ACL', 'SETUSER', 'zed', 'on', '>a', '(+get ~x)', '%R~r*', '&ch');
    r(e, c, 'ACL', 'SETUSER', 'Ann');
    expect(r(e, c, 'ACL', 'SAVE')).toBe('OK');
    expect(files.files.get('users.acl')).toBe(
      'user Ann off resetchannels -@all\n' +
        'user default on nopass ~* &* +@all\n' +
        `user zed on #${sha256Hex('a')} %R~r* resetchannels &ch -@all (~x resetchannels -@all +get)\n`,
    );
    // What it wrote loads back to the same users.
    const before = list(e);
    expect(r(e, c, 'ACL', 'LOAD')).toBe('OK');
    expect(list(e)).toEqual(before);
  });

  it('logs why it could not write, and says so', () => {
    const e = engine({ aclfile: 'users.acl' });
    files.saveError = 'Renaming ACL file for ACL SAVE: Is a directory';
    expect(r(e, e.createClient(), 'ACL', 'SAVE')).toBe('!ERR There was an error trying to save the ACLs. Please check the server logs for more information');
    expect(logs).toEqual(['# Renaming ACL file for ACL SAVE: Is a directory']);
  });
});

describe('without an aclfile', () => {
  it('ACL LOAD and SAVE answer that none is configured, also where the host has no files', () => {
    const none =
      '!ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.';
    for (const e of [engine(), engine({ aclfile: 'users.acl' }, false)]) {
      const c = e.createClient();
      expect(r(e, c, 'ACL', 'LOAD')).toBe(none);
      expect(r(e, c, 'ACL', 'SAVE')).toBe(none);
    }
  });

  it('CONFIG SET aclfile is refused; CONFIG GET answers the path', () => {
    const e = engine({ aclfile: 'users.acl' });
    const c = e.createClient();
    expect(r(e, c, 'CONFIG', 'GET', 'aclfile')).toBe('{"aclfile":"users.acl"}');
    expect(r(e, c, 'CONFIG', 'SET', 'aclfile', 'x')).toBe("!ERR CONFIG SET failed (possibly related to argument 'aclfile') - can't set immutable config");
  });
});
