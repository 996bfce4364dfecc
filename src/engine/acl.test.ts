import { beforeEach, describe, expect, it } from 'vitest';
import { splitArgs } from './acl.js';
import { ACL_OK, DENIED_CHANNEL, DENIED_CMD, DENIED_KEY } from './acl-denial.js';
import { CommandBench } from './commands/test-support.js';
import { sha256Hex } from './sha256.js';

const t = new CommandBench(2);
const { r, rAs } = t;

beforeEach(() => t.reset());

function user(name: string) {
  const u = t.e.lateAcl().users.get(name);
  if (u === undefined) throw new Error(`no user ${name}`);
  return u;
}

function check(name: string, ...argv: string[]) {
  const cmd = t.e.lookupCommand(argv);
  if (cmd === undefined) throw new Error(`no command ${argv[0]}`);
  return t.e.lateAcl().check(user(name), cmd, argv);
}

describe('users and rules', () => {
  it('the default user: everything, no password, and requirepass as its password', () => {
    expect(t.e.lateAcl().describeUser(user('default'))).toBe('on nopass ~* &* +@all');
    r('CONFIG', 'SET', 'requirepass', 'pw');
    expect(user('default').passwords).toEqual([sha256Hex('pw')]);
    expect(t.e.lateAcl().describeUser(user('default'))).toBe(`on #${sha256Hex('pw')} ~* &* +@all`);
    r('CONFIG', 'SET', 'requirepass', '');
    expect(user('default').nopass).toBe(true);
  });

  it('a new user is off with nothing allowed; reset brings it back', () => {
    expect(t.e.lateAcl().setUser('u', [])).toBeNull();
    expect(t.e.lateAcl().describeUser(user('u'))).toBe('off resetchannels -@all');
    t.e.lateAcl().setUser('u', ['on', '>a', 'allkeys', '+@all']);
    t.e.lateAcl().setUser('u', ['reset']);
    expect(t.e.lateAcl().describeUser(user('u'))).toBe('off sanitize-payload resetchannels -@all');
  });

  it('passwords: added once, removed by clear text or hash', () => {
    const acl = t.e.lateAcl();
    acl.setUser('u', ['>a', '>b', '>a', `#${sha256Hex('c')}`]);
    expect(user('u').passwords).toEqual([sha256Hex('a'), sha256Hex('b'), sha256Hex('c')]);
    acl.setUser('u', ['<a', `!${sha256Hex('b')}`]);
    expect(user('u').passwords).toEqual([sha256Hex('c')]);
    expect(acl.setUser('u', ['<zzz'])).toBe("ERR Error in ACL SETUSER modifier '<zzz': The password you are trying to remove from the user does not exist");
    expect(acl.setUser('u', ['#ABC'])).toMatch(/must be exactly 64 characters/);
    acl.setUser('u', ['nopass']);
    expect(user('u').passwords).toEqual([]);
  });

  it('key and channel patterns merge their permissions and refuse what follows *', () => {
    const acl = t.e.lateAcl();
    acl.setUser('u', ['%R~a*', '%W~a*', '%W~b', '&c', '&c']);
    expect(acl.keysField(user('u').root)).toBe('~a* %W~b');
    expect(acl.channelsField(user('u').root)).toBe('&c');
    expect(acl.setUser('u', ['allkeys', '~x'])).toMatch(/'allkeys' flag/);
    expect(acl.setUser('u', ['allchannels', '&x'])).toMatch(/'allchannels' flag/);
    expect(acl.setUser('u', ['%~x'])).toMatch(/Syntax error/);
    expect(acl.setUser('u', ['~a b'])).toMatch(/Syntax error/);
  });

  it('a failing rule changes nothing', () => {
    const acl = t.e.lateAcl();
    acl.setUser('u', ['on', '+get']);
    expect(acl.setUser('u', ['off', '+nosuch'])).toBe("ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL");
    expect(acl.describeUser(user('u'))).toBe('on resetchannels -@all +get');
  });

  it('describes commands by the best fitting categories, then single commands', () => {
    const acl = t.e.lateAcl();
    acl.setUser('u', ['+@all', '-@dangerous', '+config|get', '-get']);
    expect(acl.describeUser(user('u'))).toBe('off resetchannels +@all -@dangerous -get +config|get');
    acl.setUser('v', ['+@string', '+@hash', '-hset']);
    expect(acl.describeUser(user('v'))).toBe('off resetchannels -@all +@string +@hash -hset');
    acl.setUser('w', ['+select|0', '+select|1']);
    expect(acl.describeUser(user('w'))).toBe('off resetchannels -@all +select|0 +select|1');
  });

  it('selectors, given in one argument or several', () => {
    const acl = t.e.lateAcl();
    expect(acl.setUser('u', ['+get', '(+set', '~s*)', '(%R~r* &c)'])).toBeNull();
    expect(acl.describeUser(user('u'))).toBe('off resetchannels -@all +get (~s* resetchannels -@all +set) (%R~r* resetchannels &c -@all)');
    expect(acl.setUser('u', ['(+get', '~x'])).toBe("ERR Unmatched parenthesis in acl selector starting at '(+get'.");
    expect(acl.setUser('u', ['(on)'])).toBe("ERR Error in ACL SETUSER modifier '(on)': Syntax error");
    acl.setUser('u', ['clearselectors']);
    expect(user('u').selectors).toHaveLength(1);
  });

  it('splitArgs reads quotes and escapes as sdssplitargs does', () => {
    expect(splitArgs(' a  "b c" \'d e\' "\\x41\\n" ')).toEqual(['a', 'b c', 'd e', 'A\n']);
    expect(splitArgs('"open')).toBeNull();
    expect(splitArgs('"a"b')).toBeNull();
    expect(splitArgs('')).toEqual([]);
  });
});

describe('checks', () => {
  beforeEach(() => {
    t.e.lateAcl().setUser('u', ['on', 'nopass', '+@read', '+set', '+publish', '+psubscribe', '+select|0', '~r*', '%W~w*', '&c*']);
  });

  it('commands, first args, keys and channels', () => {
    expect(check('u', 'get', 'r1').result).toBe(ACL_OK);
    expect(check('u', 'del', 'r1').result).toBe(DENIED_CMD);
    expect(check('u', 'get', 'x').result).toBe(DENIED_KEY);
    expect(check('u', 'get', 'w1').result).toBe(DENIED_KEY);
    expect(check('u', 'set', 'w1', 'v').result).toBe(ACL_OK);
    expect(check('u', 'mget', 'r1', 'x', 'r2')).toEqual({ result: DENIED_KEY, pos: 2 });
    expect(check('u', 'select', '0').result).toBe(ACL_OK);
    expect(check('u', 'select', '1').result).toBe(DENIED_CMD);
    expect(check('u', 'publish', 'c1', 'm').result).toBe(ACL_OK);
    expect(check('u', 'publish', 'd1', 'm')).toEqual({ result: DENIED_CHANNEL, pos: 1 });
    expect(check('u', 'psubscribe', 'c*').result).toBe(ACL_OK);
    expect(check('u', 'psubscribe', 'c1*').result).toBe(DENIED_CHANNEL);
    // no_auth commands are always allowed.
    expect(check('u', 'auth', 'x').result).toBe(ACL_OK);
  });

  it('a selector may allow what the root denies', () => {
    t.e.lateAcl().setUser('u', ['(+del ~x*)']);
    expect(check('u', 'del', 'x1').result).toBe(ACL_OK);
    expect(check('u', 'del', 'r1').result).toBe(DENIED_KEY);
  });
});

describe('connections', () => {
  it('NOPERM at top level, logged; AUTH failures logged', () => {
    const [a, b] = [t.c, t.c2];
    rAs(a, 'ACL', 'SETUSER', 'u', 'on', '>p', '+@read', '~r*');
    expect(rAs(b, 'AUTH', 'u', 'x')).toBe('!WRONGPASS invalid username-password pair or user is disabled.');
    expect(rAs(b, 'AUTH', 'u', 'p')).toBe('OK');
    expect(rAs(b, 'ACL', 'WHOAMI')).toBe("!NOPERM this user has no permissions to run the 'acl|whoami' command");
    expect(rAs(b, 'GET', 'x')).toBe('!NOPERM this user has no permissions to access one of the keys used as arguments');
    expect(rAs(b, 'GET', 'r')).toBe('nil');
    const log = t.e.lateAcl().log.map((e) => [e.reason, e.context, e.object, e.username, e.count]);
    expect(log).toEqual([
      [DENIED_KEY, 'toplevel', 'x', 'u', 1],
      [DENIED_CMD, 'toplevel', 'acl|whoami', 'u', 1],
      [3, 'toplevel', 'AUTH', 'u', 1],
    ]);
    expect(t.e.lateAcl().log[0]!.clientInfo).toMatch(/ cmd=get user=u /);
  });

  it('DELUSER logs out and closes the user’s connections', () => {
    const [a, b] = [t.c, t.c2];
    let killed = false;
    b.onKill = () => (killed = true);
    rAs(a, 'ACL', 'SETUSER', 'u', 'on', 'nopass', '+@all');
    rAs(b, 'AUTH', 'u', 'x');
    expect(rAs(a, 'ACL', 'DELUSER', 'u')).toBe(':1');
    expect(killed).toBe(true);
    expect(t.e.clients.has(b.id)).toBe(false);
  });

  it('a new connection logs in only when the default user needs no password', () => {
    r('ACL', 'SETUSER', 'default', '>pw');
    const c = t.e.createClient();
    expect(rAs(c, 'PING')).toBe('!NOAUTH Authentication required.');
    expect(rAs(c, 'AUTH', 'pw')).toBe('OK');
    expect(rAs(c, 'PING')).toBe('PONG');
  });
});
