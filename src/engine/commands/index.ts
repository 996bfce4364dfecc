// The one command table: every group declares its commands beside their handlers; this gathers
// them. COMMAND, HELP, hints, completion and the dispatcher all read what is built here.

import type { Command, CommandSpec } from '../command.js';
import { aclCommands } from './acl.js';
import { bitmapCommands } from './bitmaps.js';
import { clusterCommands } from './cluster.js';
import { connectionCommands } from './connection.js';
import { debugCommands } from './debug.js';
import { dumpCommands } from './dump.js';
import { migrateCommands } from './migrate.js';
import { expireCommands } from './expire.js';
import { geoCommands } from './geo.js';
import { hashCommands } from './hashes.js';
import { hyperloglogCommands } from './hyperloglog.js';
import { keyCommands } from './keys.js';
import { listCommands } from './lists.js';
import { persistenceCommands } from './persistence.js';
import { pubsubCommands } from './pubsub.js';
import { scriptingCommands } from './scripting.js';
import { serverCommands } from './server.js';
import { setCommands } from './sets.js';
import { shutdownCommands } from './shutdown.js';
import { sortCommands } from './sort.js';
import { streamCommands } from './streams.js';
import { stringCommands } from './strings.js';
import { transactionCommands } from './transactions.js';
import { zsetCommands } from './zsets.js';

export const commandSpecs: readonly CommandSpec[] = [
  ...stringCommands,
  ...listCommands,
  ...hashCommands,
  ...setCommands,
  ...zsetCommands,
  ...sortCommands,
  ...keyCommands,
  ...dumpCommands,
  ...migrateCommands,
  ...expireCommands,
  ...transactionCommands,
  ...connectionCommands,
  ...serverCommands,
  ...debugCommands,
  ...persistenceCommands,
  ...shutdownCommands,
  ...pubsubCommands,
  ...hyperloglogCommands,
  ...bitmapCommands,
  ...streamCommands,
  ...geoCommands,
  ...clusterCommands,
  ...scriptingCommands,
  ...aclCommands,
];

export function buildCommandTable(specs: readonly CommandSpec[]): Map<string, Command> {
  const table = new Map<string, Command>();
  for (const spec of specs) {
    if (table.has(spec.name)) throw new Error(`command declared twice: ${spec.name}`);
    const cmd: Command = resolve(spec, spec.name);
    if (spec.subcommands) {
      cmd.subs = new Map();
      for (const sub of spec.subcommands) {
        const fullName = `${spec.name}|${sub.name}`;
        if (cmd.subs.has(sub.name)) throw new Error(`subcommand declared twice: ${fullName}`);
        cmd.subs.set(sub.name, { ...resolve(sub, fullName), parent: cmd });
      }
    }
    table.set(spec.name, cmd);
  }
  return table;
}

function resolve(spec: CommandSpec, fullName: string): Command {
  return {
    ...spec,
    fullName,
    noAuth: spec.flags.includes('no_auth'),
    noMulti: spec.flags.includes('no_multi'),
  };
}
