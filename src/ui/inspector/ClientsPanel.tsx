import { useEffect, useState } from 'react';
import type { ClientView } from '../../worker/protocol.js';
import { engine } from '../engine-client.js';
import { onTerminalCommand } from '../terminal/terminals.js';
import { showBytes } from './bytes.js';

/** Every connected client (each terminal tab is one) and what it is in the middle of. */
export function ClientsPanel() {
  const [clients, setClients] = useState<ClientView[]>([]);

  useEffect(() => {
    let pending = false;
    const read = () => {
      if (pending) return;
      pending = true;
      void engine
        .clients()
        .then(setClients, () => undefined)
        .finally(() => (pending = false));
    };
    read();
    const offs = [onTerminalCommand(read), engine.onChanges(read), engine.onPush(read), engine.onRestart(read), engine.onClosed(read)];
    // Blocked clients' timeouts count down; new connections come without commands.
    const timer = setInterval(read, 1_000);
    return () => {
      clearInterval(timer);
      for (const off of offs) off();
    };
  }, []);

  return (
    <section className="clients" aria-label="Clients">
      <h2>Clients</h2>
      <ul>
        {clients.map((c) => (
          <li key={c.id}>
            <span className="client-id">
              id {c.id}
              {c.name !== '' ? ` · ${showBytes(c.name).text}` : ''}
            </span>
            <span className="badge">db{c.db}</span>
            {c.resp === 3 && <span className="badge">RESP3</span>}
            {describeState(c).map((s) => (
              <span key={s} className="client-state">
                {s}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeState(c: ClientView): string[] {
  const out: string[] = [];
  const keys = (ks: string[]) => ks.map((k) => showBytes(k).text).join(', ');
  if (c.queued !== null) out.push(`in MULTI, ${c.queued} queued${c.doomed ? ' (EXEC will fail)' : ''}`);
  if (c.watching.length > 0) out.push(`watching ${keys(c.watching)}`);
  if (c.channels.length > 0) out.push(`subscribed to ${keys(c.channels)}`);
  if (c.patterns.length > 0) out.push(`pattern ${keys(c.patterns)}`);
  if (c.monitor) out.push('monitoring');
  if (c.blocked) {
    const wait = c.blocked.timeoutMs === 0 ? 'forever' : `${(c.blocked.timeoutMs / 1000).toFixed(1)} s left`;
    out.push(`blocked in ${c.blocked.command.toUpperCase()} on ${keys(c.blocked.keys)} (${wait})`);
  }
  return out;
}
