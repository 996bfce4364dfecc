// redis-benchmark against `npm run serve` and against a real redis-server, side by side.
//
//   npx tsx bench/serve.ts [-n 100000] [-c 50] [-t set,get,incr] [-r 3]
//
// Runs each test unpipelined and with -P 16 and prints requests per second and our/real ratios
// (targets: >= 0.8x unpipelined, >= 0.5x at -P 16). Each figure is the best of -r runs, the
// servers taking turns, so that a busy moment on a shared machine does not decide a ratio. Needs redis-server and redis-benchmark
// (apt-get install redis-server redis-tools).

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startAndWait, stop } from './processes.js';

const root = join(import.meta.dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const requests = arg('-n', '100000');
const clients = arg('-c', '50');
const tests = arg('-t', 'set,get,incr');
const rounds = Math.max(1, Number(arg('-r', '3')));
const pipelines = [1, 16];

/** Runs redis-benchmark and returns test name (upper case) → requests per second. */
function benchmark(port: number, pipeline: number): Promise<Map<string, number>> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-t', tests, '-n', requests, '-c', clients, '-P', String(pipeline), '-q'];
  return new Promise((resolve, reject) => {
    execFile('redis-benchmark', args, { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(new Error(`redis-benchmark: ${err.message}`));
      const result = new Map<string, number>();
      for (const line of stdout.split(/[\r\n]+/)) {
        const m = /^(.+?): ([\d.]+) requests per second/.exec(line.trim());
        if (m) result.set(m[1]!.toUpperCase(), Number(m[2]));
      }
      resolve(result);
    });
  });
}

async function main(): Promise<void> {
  const realPort = await freePort();
  const ourPort = await freePort();
  const real = await startAndWait('redis-server', ['--port', String(realPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  // What `npm run serve` runs (tsx src/server/main.ts), without npm's wrapper process.
  const ours = await startAndWait(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(ourPort)]);
  try {
    console.log(`redis-benchmark -t ${tests} -n ${requests} -c ${clients}: requests per second (best of ${rounds})\n`);
    console.log('test            pipeline        redis         ours     ratio   target');
    let failed = 0;
    for (const p of pipelines) {
      const want = new Map<string, number>();
      const got = new Map<string, number>();
      const keepBest = (into: Map<string, number>, from: Map<string, number>) => {
        for (const [k, v] of from) into.set(k, Math.max(into.get(k) ?? 0, v));
      };
      for (let r = 0; r < rounds; r++) {
        // Take turns so that neither server always runs on a quieter machine.
        keepBest(want, await benchmark(realPort, p));
        keepBest(got, await benchmark(ourPort, p));
      }
      const target = p === 1 ? 0.8 : 0.5;
      for (const [name, r] of want) {
        const o = got.get(name) ?? 0;
        const ratio = o / r;
        if (ratio < target) failed++;
        console.log(
          `${name.padEnd(16)}${String(p).padStart(8)}${r.toFixed(0).padStart(13)}${o.toFixed(0).padStart(13)}` +
            `${ratio.toFixed(2).padStart(9)}x${(target + 'x').padStart(8)}${ratio < target ? '  below' : ''}`,
        );
      }
    }
    console.log(failed === 0 ? '\nall within targets' : `\n${failed} result(s) below target`);
  } finally {
    await stop(ours, 'SIGTERM');
    await stop(real, 'SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
