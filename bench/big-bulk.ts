// SET of one big value against `npm run serve` and against a real redis-server, side by side.
//
//   npm run bench:big-bulk [-- --sizes 8,32,64,512 --rounds 3]
//
// Sizes are in MB (512 is proto-max-bulk-len's default, the largest bulk Redis accepts; `max` is
// 2^29 - 24 bytes, the longest JS string, so the longest value our server can keep). Each
// round sends `SET big <value>` on a fresh connection, writing the value as fast as the socket
// takes it, and times from the first byte written to the reply; the servers take turns and the
// best round of each is printed, with ours/real. Target: within 2x of Redis at 64 and 512 MB.
// Needs redis-server (apt-get install redis-server) and about 3 GB of free memory at 512 MB.

import { constants } from 'node:buffer';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { freePort, startAndWait, stop } from './processes.js';

const root = join(import.meta.dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** V8's longest string (2^29 - 24 chars): 24 bytes short of 512 MB, the longest value we can keep. */
const MAX_STRING = constants.MAX_STRING_LENGTH;
const sizes = arg('--sizes', '8,32,64,512,max')
  .split(',')
  .map((s) => (s === 'max' ? MAX_STRING : Number(s) * 1024 * 1024));
const rounds = Math.max(1, Number(arg('--rounds', '3')));

/** Sends one command made of `head`, the value and CRLF; resolves with the reply line and seconds taken. */
function send(port: number, head: Buffer, value: Buffer): Promise<{ reply: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const s = new Socket();
    let reply = '';
    let start = 0n;
    s.on('error', reject);
    s.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
      if (reply.endsWith('\r\n')) {
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        s.destroy();
        resolve({ reply: reply.trimEnd(), seconds });
      }
    });
    s.on('close', () => reject(new Error(`connection closed, reply so far: ${JSON.stringify(reply)}`)));
    s.connect(port, '127.0.0.1', () => {
      start = process.hrtime.bigint();
      s.write(head);
      s.write(value);
      s.write('\r\n');
    });
  });
}

/** A RESP round trip for a small command (FLUSHALL between rounds frees the value). */
function command(port: number, ...argv: string[]): Promise<string> {
  let req = `*${argv.length}\r\n`;
  for (const a of argv) req += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return send(port, Buffer.from(req), Buffer.alloc(0)).then((r) => r.reply);
}

async function main(): Promise<void> {
  const realPort = await freePort();
  const ourPort = await freePort();
  const real = await startAndWait('redis-server', ['--port', String(realPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  // What `npm run serve` runs (tsx src/server/main.ts), without npm's wrapper process.
  const ours = await startAndWait(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts'), '--port', String(ourPort)]);
  try {
    console.log(`SET big <value>: seconds from the first byte sent to the reply (best of ${rounds})\n`);
    console.log('size MB        redis         ours     ratio   reply (ours)');
    for (const size of sizes) {
      const value = Buffer.alloc(size, 'x');
      const head = Buffer.from(`*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$${size}\r\n`);
      let bestReal = Infinity;
      let bestOurs = Infinity;
      let ourReply = '';
      for (let r = 0; r < rounds; r++) {
        const a = await send(realPort, head, value);
        if (a.reply !== '+OK') throw new Error(`redis-server answered ${a.reply.slice(0, 200)}`);
        bestReal = Math.min(bestReal, a.seconds);
        await command(realPort, 'FLUSHALL');
        const b = await send(ourPort, head, value);
        ourReply = b.reply.slice(0, 100);
        bestOurs = Math.min(bestOurs, b.seconds);
        await command(ourPort, 'FLUSHALL');
      }
      console.log(
        `${(size === MAX_STRING ? 'max' : String(size / 1024 / 1024)).padStart(7)}${bestReal.toFixed(3).padStart(13)}${bestOurs.toFixed(3).padStart(13)}` +
          `${(bestOurs / bestReal).toFixed(2).padStart(9)}x   ${ourReply}`,
      );
    }
  } finally {
    await stop(ours);
    await stop(real);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
