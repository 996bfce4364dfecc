import { useEffect, useState } from 'react';
import type { ClientView } from '../../worker/protocol.js';
import { engine } from '../engine-client.js';
import { useUiStrings } from '../strings.js';
import { useLateStrings, type LateStrings } from '../late-strings.js';
import { defaultTabTitle, useUi, type TabInfo } from '../../store/ui-store.js';
import { onCommandRan } from '../commands-heard.js';
import { existingTerminal } from '../terminal/terminals.js';
import { showBytes } from './bytes.js';
import { after, coalesced } from './coalesce.js';

/** Every connected client (each terminal tab is one) and what it is in the middle of. */
export function ClientsPanel() {
  const [clients, setClients] = useState<ClientView[]>([]);
  const t = useLateStrings();
  const { defaultTabTitle: tabTitle } = useUiStrings();
  const tabs = useUi((s) => s.tabs);

  useEffect(() => {
    // Read at most 5 times a second: a client writing thousands of keys a second sends as
    // many change events, and each read costs the page a render.
    const read = coalesced(
      () =>
        engine.clients().then(
          (next) => setClients((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next)),
          () => undefined,
        ),
      after(200),
    );
    read.trigger();
    const offs = [
      onCommandRan(read.trigger),
      engine.onChanges(read.trigger),
      engine.onPush(read.trigger),
      engine.onRestart(read.trigger),
      engine.onClosed(read.trigger),
    ];
    // Blocked clients' timeouts count down; new connections come without commands.
    const timer = setInterval(read.trigger, 1_000);
    return () => {
      clearInterval(timer);
      read.cancel();
      for (const off of offs) off();
    };
  }, []);

  return (
    <section className="clients" aria-label={t.clients}>
      <h2>{t.clients}</h2>
      <ul>
        {clients.map((c) => (
          <li key={c.id}>
            <span className="client-id">
              id {c.id}
              {whose(c, tabs, t, tabTitle)}
            </span>
            <span className={c.mustAuth ? 'badge warn' : 'badge'}>{t.user(c.user, c.mustAuth)}</span>
            <span className="badge">db{c.db}</span>
            {c.resp === 3 && <span className="badge">RESP3</span>}
            {describeState(c, t).map((s) => (
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

/**
 * Which terminal tab a client is (tabs are named 'client 1', CLIENT ID counts from 3), or that
 * it is the lessons' own connection; else its CLIENT SETNAME, as CLIENT LIST shows it; and
 * whether it is another tab's of the site.
 */
function whose(c: ClientView, tabs: readonly TabInfo[], t: LateStrings, tabTitle: (id: number) => string): string {
  const tab = tabs.find((tab) => existingTerminal(tab.id)?.session.clientId === c.id);
  const name = c.name !== '' ? showBytes(c.name).text : '';
  if (tab !== undefined) {
    const title = tab.title === defaultTabTitle(tab.id) ? tabTitle(tab.id) : tab.title;
    return ` · ${t.clientTab(title)}${name !== '' && name !== title ? ` · ${name}` : ''}`;
  }
  // Tabs of the site share one engine (src/worker/tabs.ts): the other tabs' connections too.
  // A replica's link is the server's own connection, not another tab's (its state says what it is).
  const elsewhere = engine.ownsClient(c.id) || c.replica !== null ? '' : ` · ${t.otherTab}`;
  if (c.name === 'lessons') return ` · ${t.lessonsChecker}${elsewhere}`;
  return (name !== '' ? ` · ${name}` : '') + elsewhere;
}

function describeState(c: ClientView, t: LateStrings): string[] {
  const out: string[] = [];
  const keys = (ks: string[]) => ks.map((k) => showBytes(k).text).join(', ');
  if (c.queued !== null) out.push(t.inMulti(c.queued, c.doomed));
  if (c.watching.length > 0) out.push(t.watching(keys(c.watching)));
  if (c.channels.length > 0) out.push(t.subscribed(keys(c.channels)));
  if (c.patterns.length > 0) out.push(t.patterns(keys(c.patterns)));
  if (c.monitor) out.push(t.monitoring);
  if (c.replica !== null) out.push(t.replicaLink(c.replica));
  if (c.blocked) {
    const wait = c.blocked.timeoutMs === 0 ? t.forever : t.secondsLeft((c.blocked.timeoutMs / 1000).toFixed(1));
    out.push(t.blocked(c.blocked.command.toUpperCase(), keys(c.blocked.keys), wait));
  }
  return out;
}
