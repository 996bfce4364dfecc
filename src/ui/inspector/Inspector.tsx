// The inspector panel's contents: the engine clock, the memory and evictions, the keys and
// values, the clients, how the data would be kept on disk, the data as a file. App loads
// this module after the first prompt (like the lessons), so it never delays typing.

import { ClientsPanel } from './ClientsPanel.js';
import { ClockControls } from './ClockControls.js';
import { DataFiles } from './DataFiles.js';
import { KeyList } from './KeyList.js';
import { MemoryLine } from './MemoryLine.js';
import { PersistencePanel } from './PersistencePanel.js';

export function Inspector({ followDb }: { followDb: number }) {
  return (
    <>
      <ClockControls />
      <MemoryLine />
      <KeyList followDb={followDb} />
      <ClientsPanel />
      <PersistencePanel />
      <DataFiles />
    </>
  );
}
