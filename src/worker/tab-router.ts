// Several tabs of the site, one engine (tabs.ts): the owner's side. Requests from other tabs
// get ids of their own (negative, so they never meet the page's), and each answer, push or ended
// connection goes back to the tab it belongs to; change events go to every tab. A tab that has
// gone (its worker's lock let go) has its connections closed, as a dropped TCP client's are.
// Fetched when a second tab first speaks.

import type { FromWorker, ToWorker } from './protocol.js';
import type { TabChannel, TabMessage } from './tabs.js';

export class TabRouter {
  private nextId = -1;
  /** Our id of a relayed request → the tab and the id its page gave (null: nobody waits). */
  private readonly requests = new Map<number, { tab: string; id: number } | null>();
  /** Engine client id → the tab whose connection it is. */
  private readonly clientTabs = new Map<number, string>();
  private readonly watched = new Set<string>();

  /**
   * `local` posts to this worker's own page, `handle` gives a request to the engine (through the
   * message gate), `whenGone` calls back once a tab's worker has gone; `ready` is the engine's
   * `ready`, if it has said it.
   */
  constructor(
    private ready: Extract<FromWorker, { type: 'ready' }> | null,
    private readonly channel: TabChannel,
    private readonly version: number,
    private readonly local: (msg: FromWorker) => void,
    private readonly handle: (msg: ToWorker) => void,
    private readonly whenGone: (tab: string, gone: () => void) => void,
  ) {
    channel.onmessage = (event) => this.receive(event.data);
  }

  /** The engine host's way out: each message to its page or to the tab it is for. */
  post(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.ready = msg;
        this.local(msg);
        this.send({ kind: 'owner', to: '*', version: this.version, ready: msg });
        return;
      case 'changes':
      case 'storage-failed':
        this.local(msg);
        this.send({ kind: 'answer', to: '*', msg });
        return;
      case 'push':
        this.toClientTab(msg.clientId, msg);
        return;
      case 'closed':
      case 'error':
        if (msg.id === null) {
          if (msg.type === 'closed') this.toClientTab(msg.clientId, msg);
          else {
            this.local(msg);
            this.send({ kind: 'answer', to: '*', msg });
          }
          return;
        }
        break;
    }
    const id = 'id' in msg ? msg.id : null;
    if (id === null || id >= 0) {
      this.local(msg);
      return;
    }
    const from = this.requests.get(id);
    this.requests.delete(id);
    if (msg.type === 'opened' && from) this.clientTabs.set(msg.clientId, from.tab);
    if (msg.type === 'closed') this.clientTabs.delete(msg.clientId);
    if (msg.type === 'opened' && !from) {
      // The tab went while its connection opened: nobody will ever use it.
      this.request(null, { type: 'close', id: 0, clientId: msg.clientId });
      return;
    }
    if (from) this.send({ kind: 'answer', to: from.tab, msg: { ...msg, id: from.id } as FromWorker });
  }

  /** A message from another tab's worker (the channel's, or one that came before this router). */
  receive(data: TabMessage): void {
    if (data.kind === 'hello') {
      this.watch(data.from);
      this.send({ kind: 'owner', to: data.from, version: this.version, ready: this.ready });
    } else if (data.kind === 'request') {
      this.watch(data.from);
      this.request(data.from, data.msg);
    }
  }

  private request(tab: string | null, msg: ToWorker): void {
    const id = this.nextId--;
    this.requests.set(id, tab === null ? null : { tab, id: msg.id });
    this.handle({ ...msg, id });
  }

  private toClientTab(clientId: number, msg: FromWorker): void {
    const tab = this.clientTabs.get(clientId);
    if (msg.type === 'closed') this.clientTabs.delete(clientId);
    if (tab === undefined) this.local(msg);
    else this.send({ kind: 'answer', to: tab, msg });
  }

  private watch(tab: string): void {
    if (this.watched.has(tab)) return;
    this.watched.add(tab);
    this.whenGone(tab, () => {
      this.watched.delete(tab);
      for (const [id, from] of this.requests) if (from?.tab === tab) this.requests.set(id, null);
      for (const [clientId, owner] of [...this.clientTabs]) {
        if (owner !== tab) continue;
        this.clientTabs.delete(clientId);
        this.request(null, { type: 'close', id: 0, clientId });
      }
    });
  }

  private send(msg: TabMessage): void {
    try {
      this.channel.postMessage(msg);
    } catch {
      // A message that cannot be cloned or a closed channel: the tab's request times out as lost.
    }
  }
}
