// Cluster and module commands as a standalone Redis 7.0 without cluster-enabled and with the
// default enable-module-command no answers them (cluster.c, module.c): every CLUSTER subcommand,
// READONLY, READWRITE and ASKING say cluster support is disabled; MODULE LIST is empty and
// MODULE LOAD, LOADEX and UNLOAD are refused before they run, even inside MULTI. They are in
// the table so that COMMAND, HELP and arity errors match Redis, and so that no command Redis
// knows is unknown here.

import type { CommandSpec, Handler } from '../command.js';
import { commandGroup } from '../command-decl.js';
import * as E from '../../shared/errors.js';
import { EMPTY_ARRAY, error } from '../../shared/reply.js';

const CLUSTER_DISABLED_R = error(E.CLUSTER_DISABLED);

/** clusterCommand, readonlyCommand, readwriteCommand, askingCommand: the first check fails. */
const disabled: Handler = () => CLUSTER_DISABLED_R;
// With enable-module-command no (the default) the dispatcher refuses these before they run
// (protectedBy); when allowed, no module can be loaded here, and none is loaded to unload.
const cannotLoad: Handler = () => error(E.MODULE_LOAD_FAILED);
const noSuchModule: Handler = () => error(E.MODULE_UNLOAD_NO_SUCH);

const cluster = commandGroup('cluster');
const connection = commandGroup('cluster', 'connection');
const server = commandGroup('server');
const ADMIN = 'admin stale no_async_loading';
const NODES = 'O(N) where N is the total number of Cluster nodes';

// One line a command, so the table reads as a table.
// prettier-ignore
export const clusterCommands: CommandSpec[] = [
  cluster.container('cluster', -2, { since: '3.0.0', complexity: 'Depends on subcommand.', summary: 'Cluster commands (this server runs without cluster support)' }, [
    cluster('addslots', -3, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(N) where N is the total number of hash slot arguments', summary: 'Assign hash slots to this node', syntax: 'slot [slot ...]' }),
    cluster('addslotsrange', -4, ADMIN, [], disabled, { since: '7.0.0', complexity: 'O(N) where N is the total number of the slots between the start slot and end slot arguments.', summary: 'Assign ranges of hash slots to this node', syntax: 'start-slot end-slot [start-slot end-slot ...]' }),
    cluster('bumpepoch', 2, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: "Advance this node's config epoch" }),
    cluster('count-failure-reports', 3, 'admin stale', [], disabled, { since: '3.0.0', complexity: 'O(N) where N is the number of failure reports', tips: 'nondeterministic_output', summary: 'How many failure reports a node has', syntax: 'node-id' }),
    cluster('countkeysinslot', 3, 'stale', [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'How many keys a hash slot holds', syntax: 'slot' }),
    cluster('delslots', -3, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(N) where N is the total number of hash slot arguments', summary: 'Unassign hash slots from this node', syntax: 'slot [slot ...]' }),
    cluster('delslotsrange', -4, ADMIN, [], disabled, { since: '7.0.0', complexity: 'O(N) where N is the total number of the slots between the start slot and end slot arguments.', summary: 'Unassign ranges of hash slots from this node', syntax: 'start-slot end-slot [start-slot end-slot ...]' }),
    cluster('failover', -2, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Make this replica take over from its master', syntax: '[FORCE|TAKEOVER]' }),
    cluster('flushslots', 2, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: "Empty this node's slots" }),
    cluster('forget', 3, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Remove a node from the node table', syntax: 'node-id' }),
    cluster('getkeysinslot', 4, 'stale', [], disabled, { since: '3.0.0', complexity: 'O(log(N)) where N is the number of requested keys', tips: 'nondeterministic_output', summary: 'Key names in a hash slot', syntax: 'slot count' }),
    cluster.help('cluster', '5.0.0', { handler: disabled }),
    cluster('info', 2, 'stale', [], disabled, { since: '3.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: "The cluster's state" }),
    cluster('keyslot', 3, 'stale', [], disabled, { since: '3.0.0', complexity: 'O(N) where N is the number of bytes in the key', summary: 'The hash slot of a key', syntax: 'key' }),
    cluster('links', 2, 'stale', [], disabled, { since: '7.0.0', complexity: NODES, tips: 'nondeterministic_output', summary: 'The links to the other nodes' }),
    cluster('meet', -4, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Join another node to the cluster', syntax: 'ip port [cluster_bus_port]' }),
    cluster('myid', 2, 'stale', [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: "This node's id" }),
    cluster('nodes', 2, 'stale', [], disabled, { since: '3.0.0', complexity: NODES, tips: 'nondeterministic_output', summary: "The cluster's configuration as this node sees it" }),
    cluster('replicas', 3, 'admin stale', [], disabled, { since: '5.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'The replicas of a master node', syntax: 'node-id' }),
    cluster('replicate', 3, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Make this node a replica of a master', syntax: 'node-id' }),
    cluster('reset', -2, 'admin noscript stale', [], disabled, { since: '3.0.0', complexity: 'O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.', summary: 'Reset this node', syntax: '[HARD|SOFT]' }),
    cluster('saveconfig', 2, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: "Save the cluster's configuration to disk" }),
    cluster('set-config-epoch', 3, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: "Set a new node's config epoch", syntax: 'config-epoch' }),
    cluster('setslot', -4, ADMIN, [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Bind a hash slot to a node', syntax: 'slot IMPORTING node-id|MIGRATING node-id|NODE node-id|STABLE' }),
    cluster('shards', 2, 'stale', [], disabled, { since: '7.0.0', complexity: 'O(N) where N is the total number of cluster nodes', tips: 'nondeterministic_output', summary: "The cluster's shards" }),
    cluster('slaves', 3, 'admin stale', [], disabled, { since: '3.0.0', complexity: 'O(1)', tips: 'nondeterministic_output', summary: 'The replicas of a master node (deprecated: CLUSTER REPLICAS)', syntax: 'node-id' }),
    cluster('slots', 2, 'stale', [], disabled, { since: '3.0.0', complexity: NODES, tips: 'nondeterministic_output', summary: 'Which nodes serve which hash slots (deprecated: CLUSTER SHARDS)' }),
  ]),
  connection('readonly', 1, 'loading stale fast', [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Allow reads from a cluster replica on this connection' }),
  connection('readwrite', 1, 'loading stale fast', [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Stop reads from a cluster replica on this connection' }),
  connection('asking', 1, 'fast', [], disabled, { since: '3.0.0', complexity: 'O(1)', summary: 'Let the next command reach a slot being imported' }),
  server.container('module', -2, { since: '4.0.0', complexity: 'Depends on subcommand.', summary: 'Module commands (no module can be loaded here)' }, [
    server.help('module', '5.0.0'),
    server('list', 2, 'admin noscript', [], () => EMPTY_ARRAY, { since: '4.0.0', complexity: 'O(N) where N is the number of loaded modules.', tips: 'nondeterministic_output_order', summary: 'The loaded modules (none)' }),
    server('load', -3, 'admin noscript no_async_loading', [], cannotLoad, { since: '4.0.0', complexity: 'O(1)', protectedBy: 'enable-module-command', summary: 'Load a module (refused: enable-module-command is no)', syntax: 'path [arg [arg ...]]' }),
    server('loadex', -3, 'admin noscript no_async_loading', [], cannotLoad, { since: '7.0.0', complexity: 'O(1)', protectedBy: 'enable-module-command', summary: 'Load a module with configs (refused: enable-module-command is no)', syntax: 'path [CONFIG name value [CONFIG name value ...]] [ARGS arg [arg ...]]' }),
    server('unload', 3, 'admin noscript no_async_loading', [], noSuchModule, { since: '4.0.0', complexity: 'O(1)', protectedBy: 'enable-module-command', summary: 'Unload a module (refused: enable-module-command is no)', syntax: 'name' }),
  ]),
];
