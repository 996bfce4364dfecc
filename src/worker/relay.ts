// The worker of a tab that does not own the stored data (tabs.ts): it runs no engine and passes
// its page's requests to the owner's worker over the tabs' BroadcastChannel, and the owner's
// answers back, so the page cannot tell the difference. Fetched only in such a tab.

import type { FromWorker, ToWorker } from './protocol.js';
import type { TabChannel, TabMessage } from './tabs.js';

export class Relay {
  /** Settles once an owner speaking our protocol has answered: true; false if it speaks another. */
  readonly found: Promise<boolean>;
  private settle!: (ok: boolean) => void;
  private readySent = false;

  constructor(
    private readonly channel: TabChannel,
    private readonly tab: string,
    private readonly version: number,
    private readonly post: (msg: FromWorker) => void,
  ) {
    this.found = new Promise((resolve) => (this.settle = resolve));
    channel.onmessage = (event) => this.receiveFromOwner(event.data);
    channel.postMessage({ kind: 'hello', from: tab, version });
  }

  /** Stops listening (the tab goes its own way: no owner answered). */
  close(): void {
    this.channel.onmessage = null;
  }

  /** A message from this tab's page, for the owner's engine. */
  receive(msg: ToWorker): void {
    this.channel.postMessage({ kind: 'request', from: this.tab, msg });
  }

  private receiveFromOwner(data: TabMessage): void {
    if (data.kind === 'owner') {
      if (data.to !== this.tab && data.to !== '*') return;
      this.settle(data.version === this.version);
      if (data.ready !== null && !this.readySent && data.version === this.version) {
        this.readySent = true;
        // The page is told nothing of ownership: this tab works on the data as the owner's does.
        const ready = { ...data.ready };
        delete ready.elsewhere;
        this.post(ready);
      }
    } else if (data.kind === 'answer' && (data.to === this.tab || data.to === '*')) {
      this.post(data.msg);
    }
  }
}
