import type { Reply } from '../../shared/reply.js';
import type { Client } from '../client.js';
import { VirtualClock } from '../clock.js';
import { Engine } from '../engine.js';
import { renderReply } from '../render-reply.js';
import { late } from '../late.js';

/** Where the bench's virtual clock starts, in ms since the epoch. */
export const T0 = 1_700_000_000_000;

/**
 * The setup the command tests share: an engine on a virtual clock (starting at T0), one
 * client (two for the tests of what one client sees of another), and the change events the engine
 * reported as 'event:key'. A test file keeps one bench and calls
 * `reset()` in its beforeEach, so every test starts from an empty engine.
 */
export class CommandBench {
  clock!: VirtualClock;
  e!: Engine;
  c!: Client;
  /** The second client, when the bench was made with two. */
  c2!: Client;
  events!: string[];

  constructor(private readonly clients: 1 | 2 = 1) {}

  /** A fresh engine, clock and client(s); returns the bench, so a file may pick the clients out of it. */
  reset(): this {
    this.clock = new VirtualClock(T0);
    this.e = new Engine({ clock: this.clock, late });
    this.c = this.e.createClient();
    if (this.clients === 2) this.c2 = this.e.createClient();
    this.events = [];
    this.e.onChange((ev) => this.events.push(`${ev.event}:${ev.key}`));
    return this;
  }

  /** The reply of the bench's client to argv (arrow properties, so a file may destructure them). */
  run = (...argv: string[]): Reply | null => this.e.execute(this.c, argv);

  /** The same, as a compact rendering: 'OK', 'nil', ':5', '"text"', '!ERR …', '[…]', '{k:v}'. */
  r = (...argv: string[]): string => renderReply(this.run(...argv));

  /** The rendered reply of another client of the bench's engine. */
  rAs = (client: Client, ...argv: string[]): string => renderReply(this.e.execute(client, argv));
}
