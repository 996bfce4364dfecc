// Connections between the servers of this worker (nodes.ts), as the engine's Connector opens
// them: REPLICAOF 127.0.0.1 6379 on the second server, or MIGRATE from either to the other. A
// link is a client of the target engine; what the opener writes runs there as that client's
// commands, and the client's replies and stream come back as RESP bytes, as a socket would
// carry them.

import type { Engine } from '../engine/engine.js';
import type { Connector, LinkRead, OutgoingLink } from '../engine/outgoing.js';
import { encodeReply } from '../protocol/encode.js';

/** The first local port a link's client gets (CLIENT LIST addr=), as the kernel picks them. */
const FIRST_LINK_PORT = 40000;

/** A Connector to the servers `engineAt` knows; any other host:port refuses the connection. */
export function localConnector(engineAt: (host: string, port: number) => Engine | null): Connector {
  let nextPort = FIRST_LINK_PORT;
  return (host, port) => {
    const target = engineAt(host, port);
    return Promise.resolve(target === null ? refused() : openLink(target, port, nextPort++));
  };
}

/** A connection nobody accepted: Redis 7.0 learns it when the first write fails. */
function refused(): OutgoingLink {
  return {
    write: () => Promise.resolve('error'),
    read: () => Promise.resolve({ failure: 'error' }),
    close: () => {},
  };
}

function openLink(target: Engine, port: number, localPort: number): OutgoingLink {
  const c = target.createClient({ addr: `127.0.0.1:${localPort}`, laddr: `127.0.0.1:${port}` });
  const requests = new Requests();
  let inbox = '';
  let closed = false;
  let wake: (() => void) | null = null;
  const arrive = (bytes: string) => {
    inbox += bytes;
    wake?.();
  };
  const end = () => {
    if (closed) return;
    closed = true;
    target.closeClient(c);
    wake?.();
  };
  c.deliver = (reply) => arrive(encodeReply(reply, c.resp));
  // CLIENT KILL, a replica dropped for its output buffer: the peer reads the end of the link.
  c.onKill = end;
  return {
    write(bytes) {
      if (closed) return Promise.resolve('error');
      for (const argv of requests.push(bytes)) {
        const reply = target.execute(c, argv);
        if (reply !== null) arrive(encodeReply(reply, c.resp));
        if (c.closeAfterReply) {
          end();
          break;
        }
      }
      return Promise.resolve(null);
    },
    // Nothing is lost in transit here, so a read simply waits for bytes or the end: the
    // replica's own timeouts (its cron) still notice a master that went quiet.
    async read(): Promise<LinkRead> {
      while (inbox === '' && !closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (inbox === '') return { failure: 'error' };
      const out = inbox;
      inbox = '';
      return out;
    },
    close: end,
  };
}

/**
 * Whole commands from the bytes written so far. The writers are the engine's own (the replica's
 * handshake, MIGRATE's RESTOREs), which send multibulk commands only, maybe in pieces.
 */
class Requests {
  private buf = '';

  push(bytes: string): string[][] {
    this.buf += bytes;
    const out: string[][] = [];
    let pos = 0;
    for (let cmd = this.parse(pos); cmd !== null; cmd = this.parse(pos)) {
      out.push(cmd.argv);
      pos = cmd.end;
    }
    this.buf = this.buf.slice(pos);
    return out;
  }

  /** The command that starts at `pos` and where it ends, or null while it is incomplete. */
  private parse(pos: number): { argv: string[]; end: number } | null {
    const buf = this.buf;
    let nl = buf.indexOf('\r\n', pos);
    if (nl < 0) return null;
    const n = Number(buf.slice(pos + 1, nl));
    let at = nl + 2;
    const argv: string[] = [];
    for (let i = 0; i < n; i++) {
      nl = buf.indexOf('\r\n', at);
      if (nl < 0) return null;
      const start = nl + 2;
      const end = start + Number(buf.slice(at + 1, nl));
      if (buf.length < end + 2) return null;
      argv.push(buf.slice(start, end));
      at = end + 2;
    }
    return { argv, end: at };
  }
}
