// Log lines shaped like Redis's own: "pid:M 22 Nov 2026 02:54:13.195 * message".

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Redis's level marks: '.' debug, '-' verbose, '*' notice, '#' warning. */
export type LogLevel = '.' | '-' | '*' | '#';

export type Logger = (level: LogLevel, message: string) => void;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatLogLine(level: LogLevel, message: string, when = new Date(), pid = process.pid): string {
  const date =
    `${pad(when.getDate())} ${MONTHS[when.getMonth()]} ${when.getFullYear()} ` +
    `${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}.${pad(when.getMilliseconds(), 3)}`;
  return `${pid}:M ${date} ${level} ${message}`;
}

/** Writes Redis-style lines to stdout (stderr for warnings is not what Redis does: all go to stdout). */
export const stdoutLogger: Logger = (level, message) => {
  process.stdout.write(formatLogLine(level, message) + '\n');
};

/** Logs nothing (tests). */
export const silentLogger: Logger = () => {};
