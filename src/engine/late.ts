// The engine's parts that no one needs before the first prompt, a chunk of their own in the
// browser (the worker fetches it as `ready` goes out, message-gate.ts): Lua, which is a fifth of
// the engine's code, the containers' HELP lines, LOLWUT's drawings, the snapshot job that
// background saves and the browser's autosave use, the browser's AOF (kept in memory), and
// INFO's text, DEBUG's subcommands, MIGRATE's exchange with its target, maxmemory's evictions,
// MEMORY's figures, GEO's commands, replication (SYNC, REPLICAOF, ROLE …) and the ACL's users
// and rules (until they come, the default user may run anything: acl-denial.ts). Hosts in Node
// pass it to the Engine at once.

import type { LateParts } from './engine.js';
import { HELP_LINES } from './help-lines.js';
import { schotter, skyline } from './lolwut.js';
import { luaScripting } from './scripting/scripting.js';
import { SnapshotJob } from './snapshot-job.js';
import { attachAof, MemoryAofDir } from './aof.js';
import { migrateCommand } from './migrate.js';
import { infoString } from './info.js';
import { debugCommand } from './debug.js';
import { sortCommand, sortRoCommand } from './sort.js';
import { Evictor } from './evict.js';
import { keyMemory, memoryDoctorCommand, memoryStatsCommand, memoryUsageCommand } from './memory-commands.js';
import { replconfCommand, replicaofCommand, roleCommand, syncCommand } from './replication.js';
import * as acl from './acl-commands.js';
import { Acl } from './acl.js';
import { geoHandlers } from './geo-commands.js';
import { setMaster } from './replica.js';
import {
  latencyDoctorCommand,
  latencyGraphCommand,
  latencyHistogramCommand,
  latencyHistoryCommand,
  latencyLatestCommand,
  latencyResetCommand,
} from './latency-commands.js';

export const late: LateParts = {
  scripting: luaScripting,
  helpLines: HELP_LINES,
  lolwut: { schotter, skyline },
  snapshotJob: SnapshotJob,
  memoryAof: (engine) => void attachAof(engine, new MemoryAofDir()),
  migrate: migrateCommand,
  replicaOf: setMaster,
  info: infoString,
  debug: debugCommand,
  evictor: (engine) => new Evictor(engine),
  acl: (engine) => new Acl(engine),
  keyMemory: (engine, key, obj) => keyMemory(engine, key, obj),
  handlers: {
    ...geoHandlers,
    sort: sortCommand,
    sort_ro: sortRoCommand,
    'memory|usage': memoryUsageCommand,
    'latency|latest': latencyLatestCommand,
    'latency|history': latencyHistoryCommand,
    'latency|reset': latencyResetCommand,
    'latency|graph': latencyGraphCommand,
    'latency|doctor': latencyDoctorCommand,
    'latency|histogram': latencyHistogramCommand,
    'memory|stats': memoryStatsCommand,
    'memory|doctor': memoryDoctorCommand,
    sync: syncCommand,
    psync: syncCommand,
    replconf: replconfCommand,
    replicaof: replicaofCommand,
    slaveof: replicaofCommand,
    role: roleCommand,
    'acl|cat': acl.aclCatCommand,
    'acl|deluser': acl.aclDeluserCommand,
    'acl|dryrun': acl.aclDryrunCommand,
    'acl|genpass': acl.aclGenpassCommand,
    'acl|getuser': acl.aclGetuserCommand,
    'acl|list': acl.aclListCommand,
    'acl|load': acl.aclLoadCommand,
    'acl|log': acl.aclLogCommand,
    'acl|save': acl.aclSaveCommand,
    'acl|setuser': acl.aclSetuserCommand,
    'acl|users': acl.aclUsersCommand,
    'acl|whoami': acl.aclWhoamiCommand,
  },
};
