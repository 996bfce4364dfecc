import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { late } from '../engine/late.js';
import { clientViews } from './clients-info.js';

describe('clientViews', () => {
  it('shows each client in a transaction, watching, subscribed, or blocked', () => {
    const clock = new VirtualClock();
    const engine = new Engine({ clock });
    const [a, b, c, d] = [engine.createClient(), engine.createClient(), engine.createClient(), engine.createClient()];
    engine.execute(a, ['CLIENT', 'SETNAME', 'shop']);
    engine.execute(a, ['SELECT', '2']);
    engine.execute(a, ['WATCH', 'stock']);
    engine.execute(a, ['MULTI']);
    engine.execute(a, ['DECR', 'stock']);
    expect(clientViews(engine)[0]).toMatchObject({ queued: 1, doomed: false, watching: ['stock'] });
    engine.execute(b, ['SELECT', '2']);
    engine.execute(b, ['SET', 'stock', '0']);
    engine.execute(c, ['SUBSCRIBE', 'news']);
    engine.execute(c, ['PSUBSCRIBE', 'user:*']);
    engine.execute(d, ['BLPOP', 'jobs', '5']);
    clock.advance(1_000);
    const views = clientViews(engine);
    expect(views.map((v) => v.id)).toEqual([a.id, b.id, c.id, d.id]);
    // Once the watched key changed the transaction is doomed, and Redis stops watching.
    expect(views[0]).toMatchObject({ name: 'shop', db: 2, queued: 1, doomed: true, watching: [], blocked: null });
    expect(views[1]).toMatchObject({ db: 2, queued: null, doomed: false, watching: [] });
    expect(views[2]).toMatchObject({ channels: ['news'], patterns: ['user:*'] });
    expect(views[3]).toMatchObject({ blocked: { command: 'blpop', keys: ['jobs'], timeoutMs: 4_000 } });
  });

  it('names the ACL user each client runs as, and who has yet to log in', () => {
    const engine = new Engine({ clock: new VirtualClock(), late });
    const [a, b] = [engine.createClient(), engine.createClient()];
    engine.execute(a, ['ACL', 'SETUSER', 'reader', 'on', '>r', '~cache:*', '+get']);
    engine.execute(a, ['CONFIG', 'SET', 'requirepass', 'secret']);
    expect(clientViews(engine).map((v) => [v.user, v.mustAuth])).toEqual([
      ['default', false],
      ['default', false],
    ]);
    const c = engine.createClient();
    engine.execute(b, ['AUTH', 'reader', 'r']);
    expect(clientViews(engine).map((v) => [v.id, v.user, v.mustAuth])).toEqual([
      [a.id, 'default', false],
      [b.id, 'reader', false],
      [c.id, 'default', true],
    ]);
  });
});
