import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileAclStorage } from './file-acl.js';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'file-acl-'));
  dirs.push(d);
  return d;
}

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('FileAclStorage', () => {
  const files = new FileAclStorage();

  it('reads the file whole; a missing one fails with strerror', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'users.acl'), 'user a on\n');
    expect(Buffer.from(files.load(join(dir, 'users.acl'))).toString('latin1')).toBe('user a on\n');
    expect(() => files.load(join(dir, 'none.acl'))).toThrow(/^No such file or directory$/);
  });

  it('reads a directory as an empty file, as fopen and fgets leave Redis', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'users.acl'));
    expect(files.load(join(dir, 'users.acl'))).toHaveLength(0);
  });

  it('writes by way of a temporary file renamed over the old one, mode 0644', () => {
    const dir = tempDir();
    const path = join(dir, 'users.acl');
    writeFileSync(path, 'old, longer than the new text\n');
    files.save(path, bytes('user a on\n'));
    expect(readFileSync(path, 'latin1')).toBe('user a on\n');
    expect(readdirSync(dir)).toEqual(['users.acl']);
    expect(statSync(path).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  it('fails with the line Redis logs, leaving no temporary file', () => {
    const dir = tempDir();
    expect(() => files.save(join(dir, 'no', 'users.acl'), bytes('x'))).toThrow(/^Opening temp ACL file for ACL SAVE: No such file or directory$/);
    mkdirSync(join(dir, 'users.acl'));
    expect(() => files.save(join(dir, 'users.acl'), bytes('x'))).toThrow(/^Renaming ACL file for ACL SAVE: Is a directory$/);
    expect(readdirSync(dir)).toEqual(['users.acl']);
  });
});
