// The TCP server's outgoing connections (engine/outgoing.ts Connector), with node:net: what
// MIGRATE talks to its target through. Failures are told the way Redis 7.0 meets them: a name
// that does not resolve fails the connect itself ("connecting to the client"); a refused or
// unanswered connection is still handed over (Redis's connect does not wait for the outcome),
// so the first write fails ("writing to target instance").

import { Socket } from 'node:net';
import type { Connector, LinkFailure, LinkRead, OutgoingLink } from '../engine/outgoing.js';

/** setTimeout's longest delay (about 24.8 days): a longer MIGRATE timeout waits that long. */
const MAX_DELAY = 2 ** 31 - 1;

function delay(ms: number): number {
  return Math.max(1, Math.min(ms, MAX_DELAY));
}

/** A connection that failed before it was made: every operation fails at once. */
const DEAD_LINK: OutgoingLink = {
  write: () => Promise.resolve('error'),
  read: () => Promise.resolve({ failure: 'error' }),
  close: () => {},
};

/** A socket as an OutgoingLink: what arrived waits in `received` for the next read. */
class SocketLink implements OutgoingLink {
  private received = '';
  /** The peer closed, or the socket failed: reads fail once `received` is empty. */
  private ended = false;
  /** The read waiting for data or the end. */
  private wake: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.toString('latin1');
      this.wakeReader();
    });
    const end = (): void => {
      this.ended = true;
      this.wakeReader();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  private wakeReader(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  write(bytes: string, timeoutMs: number): Promise<LinkFailure | null> {
    if (this.ended || this.socket.destroyed) return Promise.resolve('error');
    return new Promise((resolve) => {
      // A socket still connecting keeps what is written: the callback comes once it is sent.
      const timer = setTimeout(() => resolve('timeout'), delay(timeoutMs));
      this.socket.write(bytes, 'latin1', (e) => {
        clearTimeout(timer);
        resolve(e ? 'error' : null);
      });
    });
  }

  read(timeoutMs: number): Promise<LinkRead> {
    return new Promise((resolve) => {
      const take = (): boolean => {
        if (this.received.length !== 0) {
          const data = this.received;
          this.received = '';
          resolve(data);
          return true;
        }
        if (this.ended) {
          resolve({ failure: 'error' });
          return true;
        }
        return false;
      };
      if (take()) return;
      const timer = setTimeout(() => {
        this.wake = null;
        resolve({ failure: 'timeout' });
      }, delay(timeoutMs));
      this.wake = () => {
        if (take()) clearTimeout(timer);
      };
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Opens host:port for the engine (EngineOptions.connect). */
export const connectTcp: Connector = (host, port, timeoutMs) =>
  new Promise((resolve) => {
    // getaddrinfo refuses an empty name and a negative port; port 0 and ports past 65535 resolve
    // but cannot be connected to.
    if (host === '' || port < 0) return resolve(null);
    if (port === 0 || port > 65535) return resolve(DEAD_LINK);
    const socket = new Socket();
    socket.setNoDelay(true);
    // A cached connection alone does not keep the process running.
    socket.unref();
    let settled = false;
    const settle = (link: OutgoingLink | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      resolve(link);
    };
    const onConnect = (): void => settle(new SocketLink(socket));
    const onError = (e: NodeJS.ErrnoException): void => {
      socket.destroy();
      settle(e.syscall === 'getaddrinfo' ? null : DEAD_LINK);
    };
    // Not connected in time: handed over still connecting, as Redis does; its writes time out.
    const timer = setTimeout(() => settle(new SocketLink(socket)), delay(timeoutMs));
    socket.once('connect', onConnect);
    socket.once('error', onError);
    try {
      socket.connect({ host, port });
    } catch {
      socket.destroy();
      settle(null);
    }
  });
