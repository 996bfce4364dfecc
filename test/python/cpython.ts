// CPython run on a program, for the vitest suites and the Playwright ones alike (no test
// runner imported here).

import { execFile } from 'node:child_process';

/** `/usr/bin/python3 args…` with `env` added; resolves with its output, rejects with its errors. */
export function python(args: string[], env: Record<string, string>, timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/python3', args, { env: { ...process.env, ...env }, timeout }, (err, stdout, stderr) =>
      err ? reject(new Error(`python3 ${args.join(' ')} (${JSON.stringify(env)}): ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}
