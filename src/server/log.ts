// Log lines shaped like Redis's own: "pid:M 22 Nov 2026 02:54:13.195 * message".

import type { LogLevel, LogRole } from '../engine/engine.js';

export type { LogLevel, LogRole };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type Logger = (level: LogLevel, message: string, role?: LogRole) => void;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatLogLine(level: LogLevel, message: string, when = new Date(), pid = process.pid, role: LogRole = 'M'): string {
  const date =
    `${pad(when.getDate())} ${MONTHS[when.getMonth()]} ${when.getFullYear()} ` +
    `${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}.${pad(when.getMilliseconds(), 3)}`;
  return `${pid}:${role} ${date} ${level} ${message}`;
}

/** Writes Redis-style lines to stdout (stderr for warnings is not what Redis does: all go to stdout). */
export const stdoutLogger: Logger = (level, message, role = 'M') => {
  process.stdout.write(formatLogLine(level, message, new Date(), process.pid, role) + '\n');
};

/**
 * serverLogFromHandler's line, what Redis writes from a signal handler (no level, no
 * milliseconds): "pid:signal-handler (unix seconds) message".
 */
export function formatSignalHandlerLine(message: string, when = new Date(), pid = process.pid): string {
  return `${pid}:signal-handler (${Math.floor(when.getTime() / 1000)}) ${message}`;
}

/** Writes a signal handler's line to stdout, where the other lines go. */
export function logFromSignalHandler(message: string): void {
  process.stdout.write(formatSignalHandlerLine(message) + '\n');
}

/** Logs nothing (tests). */
export const silentLogger: Logger = () => {};

/** glibc's strerror texts for the errors a save, a chdir or a listen meets (what Redis logs). */
const STRERROR: Record<string, string> = {
  EACCES: 'Permission denied',
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EDQUOT: 'Disk quota exceeded',
  EEXIST: 'File exists',
  EINVAL: 'Invalid argument',
  EIO: 'Input/output error',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
  ENAMETOOLONG: 'File name too long',
  ENOENT: 'No such file or directory',
  ENOSPC: 'No space left on device',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EXDEV: 'Invalid cross-device link',
};

/** The strerror text of a Node system error (its own message, less the code, for others). */
export function strerror(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === 'string' && err.code in STRERROR) return STRERROR[err.code]!;
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/, '');
}
