// The AOF directory on disk for `npm run serve` (<dir>/<appenddirname>): whole files are
// written to a temporary name, synced and renamed into place (a manifest or a base is never
// half-written); incremental files are appended to through a descriptor kept open, as Redis
// keeps aof_fd.

import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { AofDir } from '../engine/aof.js';

export class FileAofDir implements AofDir {
  readonly path: string;
  /** The open descriptors of files being appended to. */
  private readonly open = new Map<string, number>();

  constructor(path: string) {
    this.path = resolve(path);
  }

  /** dirCreateIfMissing: the directory is made the first time something is written. */
  private ensure(): void {
    if (!existsSync(this.path)) mkdirSync(this.path, { recursive: true });
  }

  read(name: string): Uint8Array | null {
    try {
      return readFileSync(join(this.path, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  size(name: string): number {
    try {
      return statSync(join(this.path, name)).size;
    } catch {
      return -1;
    }
  }

  write(name: string, bytes: Uint8Array): void {
    this.ensure();
    this.closeFile(name);
    const tmp = join(this.path, `temp-${name}`);
    const fd = openSync(tmp, 'w');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, join(this.path, name));
  }

  append(name: string, bytes: Uint8Array): void {
    let fd = this.open.get(name);
    if (fd === undefined) {
      this.ensure();
      fd = openSync(join(this.path, name), 'a');
      this.open.set(name, fd);
    }
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  }

  sync(name: string): void {
    const fd = this.open.get(name);
    if (fd !== undefined) fsyncSync(fd);
  }

  remove(name: string): void {
    this.closeFile(name);
    try {
      unlinkSync(join(this.path, name));
    } catch {
      // already gone
    }
  }

  truncate(name: string, length: number): void {
    const fd = this.open.get(name);
    if (fd !== undefined) ftruncateSync(fd, length);
    else truncateSync(join(this.path, name), length);
  }

  private closeFile(name: string): void {
    const fd = this.open.get(name);
    if (fd === undefined) return;
    this.open.delete(name);
    closeSync(fd);
  }
}
