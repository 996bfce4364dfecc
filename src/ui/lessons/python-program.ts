// A lesson step's pythonCode as a program the browser's Python can run (loaded on the click,
// with the workbench's store: nothing of it is in the page's first script). Most steps show only
// the lines that matter (`print(r.get("mykey"))`) and take the course's `r` as given; such a
// step gets the connection the documents open first, in the lesson's database. A step that
// makes its own `r` runs as written, with `import redis` put in front when it names the module
// (`r = redis.Redis(db=1)`) without importing it.

import { useWorkbench } from '../../store/workbench-store.js';

/** Whether the code connects by itself (assigns `r`, or builds a client and names it). */
function connects(code: string): boolean {
  return /^\s*r\s*=/m.test(code);
}

/** Whether the code names the `redis` module: `redis.Redis(`, `redis.WatchError` (not `aioredis.`). */
function namesRedis(code: string): boolean {
  return /(?<![\w.])redis\./.test(code);
}

/**
 * Whether the code binds the name `redis` itself: `import redis`, `import os, redis`,
 * `import redis.asyncio` (but not `import redis.asyncio as aioredis`, nor `from redis import …`).
 */
function importsRedis(code: string): boolean {
  return /^[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*redis(?:\.[\w.]+)?[ \t]*(?:[,;#]|$)/m.test(code);
}

export function pythonProgram(code: string, db: number): string {
  if (connects(code)) return namesRedis(code) && !importsRedis(code) ? `import redis\n\n${code}\n` : code;
  const connect = db === 0 ? 'r = redis.Redis(host="localhost", port=6379)' : `r = redis.Redis(host="localhost", port=6379, db=${db})`;
  return `import redis\n\n${connect}\n\n${code}\n`;
}

/** Adds the step's program to the workbench as a Python script that runs as soon as it shows. */
export function runInWorkbench(name: string, code: string, db: number): void {
  useWorkbench.getState().addAndRun(name, pythonProgram(code, db));
}
