// Pub/Sub commands (Redis's pubsub.c) and MONITOR (server.c monitorCommand). The state and the
// delivery live in ../pubsub.ts; here: argument handling and replies.
//
// (P|S)SUBSCRIBE and (P|S)UNSUBSCRIBE answer one reply per channel: they go out through
// c.deliver in order and the handler returns null (the hosts pass delivered replies on).

import type { Client } from '../client.js';
import type { CommandSpec } from '../command.js';
import { commandGroup, key, keyRange } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { globMatcher } from '../../shared/glob.js';
import { PubSub, type ChannelKind } from '../pubsub.js';
import { array, bulk, error, int, OK, type Reply } from '../../shared/reply.js';

function deliverAll(c: Client, replies: readonly Reply[]): null {
  for (const r of replies) c.deliver(r);
  return null;
}

function subscribeGeneric(c: Client, argv: string[], kind: ChannelKind): Reply | null {
  const engine = c.engine;
  // CLIENT_DENY_BLOCKING: inside EXEC only SSUBSCRIBE refuses (SUBSCRIBE keeps working there
  // for backward compatibility, as in Redis).
  if (kind === 'shard' && engine.inExec) return error(E.subscribeDenyBlocking('SSUBSCRIBE'));
  for (let j = 1; j < argv.length; j++) c.deliver(engine.pubsub.subscribe(c, argv[j]!, kind));
  return null;
}

function unsubscribeGeneric(c: Client, argv: string[], kind: ChannelKind): null {
  const ps = c.engine.pubsub;
  if (argv.length === 1) {
    deliverAll(c, ps.unsubscribeAll(c, kind));
  } else {
    for (let j = 1; j < argv.length; j++) c.deliver(ps.unsubscribe(c, argv[j]!, kind));
  }
  PubSub.settle(c);
  return null;
}

function subscribeCommand(c: Client, argv: string[]): Reply | null {
  return subscribeGeneric(c, argv, 'global');
}

function ssubscribeCommand(c: Client, argv: string[]): Reply | null {
  return subscribeGeneric(c, argv, 'shard');
}

function unsubscribeCommand(c: Client, argv: string[]): null {
  return unsubscribeGeneric(c, argv, 'global');
}

function sunsubscribeCommand(c: Client, argv: string[]): null {
  return unsubscribeGeneric(c, argv, 'shard');
}

function psubscribeCommand(c: Client, argv: string[]): null {
  const ps = c.engine.pubsub;
  for (let j = 1; j < argv.length; j++) c.deliver(ps.psubscribe(c, argv[j]!));
  return null;
}

function punsubscribeCommand(c: Client, argv: string[]): null {
  const ps = c.engine.pubsub;
  if (argv.length === 1) {
    deliverAll(c, ps.punsubscribeAll(c));
  } else {
    for (let j = 1; j < argv.length; j++) c.deliver(ps.punsubscribe(c, argv[j]!));
  }
  PubSub.settle(c);
  return null;
}

/** PUBLISH and SPUBLISH go to replicas too (forceCommandPropagation with PROPAGATE_REPL). */
function publishCommand(c: Client, argv: string[]): Reply {
  c.engine.forcePropagation(c, true);
  return int(c.engine.pubsub.publish(argv[1]!, argv[2]!, 'global'));
}

function spublishCommand(c: Client, argv: string[]): Reply {
  c.engine.forcePropagation(c, true);
  return int(c.engine.pubsub.publish(argv[1]!, argv[2]!, 'shard'));
}

// ---- PUBSUB --------------------------------------------------------------------------------

/** channelList: the active channels, those matching the pattern if one is given. */
function channelList(channels: Map<string, Set<Client>>, pattern: string | undefined): Reply {
  const out: Reply[] = [];
  const match = pattern === undefined ? null : globMatcher(pattern);
  for (const ch of channels.keys()) if (match === null || match(ch)) out.push(bulk(ch));
  return array(out);
}

function numsub(channels: Map<string, Set<Client>>, argv: string[]): Reply {
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    out.push(bulk(argv[j]!), int(channels.get(argv[j]!)?.size ?? 0));
  }
  return array(out);
}

function pubsubChannelsCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return error(E.subcommandSyntax(argv[1]!, argv[0]!));
  return channelList(c.engine.pubsub.channels, argv[2]);
}

function pubsubShardchannelsCommand(c: Client, argv: string[]): Reply {
  if (argv.length > 3) return error(E.subcommandSyntax(argv[1]!, argv[0]!));
  return channelList(c.engine.pubsub.shardChannels, argv[2]);
}

function pubsubNumsubCommand(c: Client, argv: string[]): Reply {
  return numsub(c.engine.pubsub.channels, argv);
}

function pubsubShardnumsubCommand(c: Client, argv: string[]): Reply {
  return numsub(c.engine.pubsub.shardChannels, argv);
}

function pubsubNumpatCommand(c: Client): Reply {
  return int(c.engine.pubsub.patterns.size);
}

// ---- MONITOR -------------------------------------------------------------------------------

function monitorCommand(c: Client): Reply | null {
  const engine = c.engine;
  if (engine.inExec) return error(E.MONITOR_DENY_BLOCKING);
  // Already a monitor: Redis ignores the command and answers nothing at all.
  if (c.monitor) return null;
  c.monitor = true;
  engine.pubsub.monitors.add(c);
  return OK;
}

// ---- the table -----------------------------------------------------------------------------

const command = commandGroup('pubsub');
/** MONITOR lives here for its delivery, but Redis files it under server. */
const serverCommand = commandGroup('server');

// One line a command, so the table reads as a table.
// prettier-ignore
export const pubsubCommands: CommandSpec[] = [
  command('subscribe', -2, 'pubsub noscript loading stale', [], subscribeCommand, { since: '2.0.0', complexity: 'O(N) where N is the number of channels to subscribe to.', summary: 'Listen for messages published to the given channels', syntax: 'channel [channel ...]' }),
  command('unsubscribe', -1, 'pubsub noscript loading stale', [], unsubscribeCommand, { since: '2.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a channel.', summary: 'Stop listening to the given channels, or to every channel when none is given', syntax: '[channel [channel ...]]' }),
  command('psubscribe', -2, 'pubsub noscript loading stale', [], psubscribeCommand, { since: '2.0.0', complexity: 'O(N) where N is the number of patterns the client is already subscribed to.', summary: 'Listen for messages published to every channel whose name matches a glob pattern', syntax: 'pattern [pattern ...]' }),
  command('punsubscribe', -1, 'pubsub noscript loading stale', [], punsubscribeCommand, { since: '2.0.0', complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).', summary: 'Stop listening to the given patterns, or to every pattern when none is given', syntax: '[pattern [pattern ...]]' }),
  command('publish', 3, 'pubsub loading stale fast may_replicate', [], publishCommand, { since: '2.0.0', complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).', summary: 'Send a message to a channel; answers how many subscribers received it', syntax: 'channel message' }),
  // Shard channels are 'not_key' keys: Redis routes them by slot like keys, but they name no key.
  command('ssubscribe', -2, 'pubsub noscript loading stale', [keyRange(1, -1, 1, 'not_key')], ssubscribeCommand, { since: '7.0.0', complexity: 'O(N) where N is the number of shard channels to subscribe to.', summary: 'Listen for messages published to the given shard channels', syntax: 'shardchannel [shardchannel ...]' }),
  command('sunsubscribe', -1, 'pubsub noscript loading stale', [keyRange(1, -1, 1, 'not_key')], sunsubscribeCommand, { since: '7.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.', summary: 'Stop listening to the given shard channels, or to all of them when none is given', syntax: '[shardchannel [shardchannel ...]]' }),
  command('spublish', 3, 'pubsub loading stale fast may_replicate', [key(1, 'not_key')], spublishCommand, { since: '7.0.0', complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.', summary: 'Send a message to a shard channel; answers how many subscribers received it', syntax: 'shardchannel message' }),
  command.container('pubsub', -2, { since: '2.8.0', complexity: 'Depends on subcommand.', summary: 'Look at the pub/sub state: active channels, subscriber and pattern counts' }, [
    command('channels', -2, 'pubsub loading stale', [], pubsubChannelsCommand, { since: '2.8.0', complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)', summary: 'List the channels that have subscribers, optionally those matching a pattern', syntax: '[pattern]' }),
    command.help('pubsub', '6.2.0'),
    command('numpat', 2, 'pubsub loading stale', [], pubsubNumpatCommand, { since: '2.8.0', complexity: 'O(1)', summary: 'Count the patterns that have subscribers' }),
    command('numsub', -2, 'pubsub loading stale', [], pubsubNumsubCommand, { since: '2.8.0', complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels', summary: 'Count the subscribers of each given channel (pattern subscribers excluded)', syntax: '[channel [channel ...]]' }),
    command('shardchannels', -2, 'pubsub loading stale', [], pubsubShardchannelsCommand, { since: '7.0.0', complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).', summary: 'List the shard channels that have subscribers, optionally those matching a pattern', syntax: '[pattern]' }),
    command('shardnumsub', -2, 'pubsub loading stale', [], pubsubShardnumsubCommand, { since: '7.0.0', complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels', summary: 'Count the subscribers of each given shard channel', syntax: '[shardchannel [shardchannel ...]]' }),
  ]),
  serverCommand('monitor', 1, 'admin noscript loading stale', [], monitorCommand, { since: '1.0.0', complexity: '', summary: 'Watch every command the server runs, as it runs, from now on' }),
];
