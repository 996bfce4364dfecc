import { beforeEach, describe, expect, it } from 'vitest';
import { CommandBench } from './test-support.js';
import { sha256Hex } from '../sha256.js';

const t = new CommandBench();
const { r } = t;

beforeEach(() => t.reset());

describe('ACL', () => {
  it('SETUSER, GETUSER, LIST, USERS, DELUSER', () => {
    expect(r('ACL', 'SETUSER', 'bob', 'on', '>pw', '~k*', '&c', '+get')).toBe('OK');
    expect(r('ACL', 'GETUSER', 'bob')).toBe(
      `{"flags":~["on"],"passwords":["${sha256Hex('pw')}"],"commands":"-@all +get","keys":"~k*","channels":"&c","selectors":[]}`,
    );
    expect(r('ACL', 'USERS')).toBe('["bob","default"]');
    expect(r('ACL', 'LIST')).toContain('"user bob on #');
    expect(r('ACL', 'GETUSER', 'nobody')).toBe('nil');
    expect(r('ACL', 'DELUSER', 'bob', 'nobody')).toBe(':1');
    expect(r('ACL', 'DELUSER', 'default')).toBe("!ERR The 'default' user cannot be removed");
    expect(r('ACL', 'SETUSER', 'a b')).toBe("!ERR Usernames can't contain spaces or null characters");
  });

  it('WHOAMI, CAT, GENPASS, LOG, LOAD, SAVE and errors', () => {
    expect(r('ACL', 'WHOAMI')).toBe('"default"');
    expect(r('ACL', 'CAT')).toMatch(/^\["keyspace","read","write",/);
    // The table's order (Redis's is its hash order).
    expect(r('ACL', 'CAT', 'Transaction')).toBe('["multi","exec","discard","watch","unwatch"]');
    expect(r('ACL', 'CAT', 'nosuch')).toBe("!ERR Unknown category 'nosuch'");
    expect(r('ACL', 'GENPASS')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(r('ACL', 'GENPASS', '5')).toMatch(/^"[0-9a-f]{2}"$/);
    expect(r('ACL', 'GENPASS', '0')).toMatch(/^!ERR ACL GENPASS argument must be/);
    expect(r('ACL', 'LOG')).toBe('[]');
    expect(r('ACL', 'LOG', 'x')).toBe('!ERR value is not an integer or out of range');
    expect(r('ACL', 'LOG', 'RESET')).toBe('OK');
    expect(r('ACL', 'LOAD')).toMatch(/^!ERR This Redis instance is not configured to use an ACL file/);
    expect(r('ACL', 'SAVE')).toMatch(/^!ERR This Redis instance is not configured to use an ACL file/);
    expect(r('ACL', 'NOSUCH')).toBe("!ERR unknown subcommand 'NOSUCH'. Try ACL HELP.");
    expect(r('ACL', 'WHOAMI', 'x')).toBe("!ERR wrong number of arguments for 'acl|whoami' command");
  });

  it('DRYRUN', () => {
    r('ACL', 'SETUSER', 'u', '+get', '~k*');
    expect(r('ACL', 'DRYRUN', 'u', 'get', 'k1')).toBe('OK');
    expect(r('ACL', 'DRYRUN', 'u', 'get', 'x')).toBe('"This user has no permissions to access the \'x\' key"');
    expect(r('ACL', 'DRYRUN', 'u', 'set', 'k', 'v')).toBe('"This user has no permissions to run the \'set\' command"');
    expect(r('ACL', 'DRYRUN', 'nobody', 'get', 'x')).toBe("!ERR User 'nobody' not found");
    expect(r('ACL', 'DRYRUN', 'u', 'nosuch')).toBe("!ERR Command 'nosuch' not found");
    expect(r('ACL', 'DRYRUN', 'u', 'get')).toBe("!ERR wrong number of arguments for 'get' command");
  });
});
