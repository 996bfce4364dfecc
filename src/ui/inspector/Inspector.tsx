// The inspector panel's contents: the engine clock, the keys and values, the clients, the data as a file. App loads
// this module after the first prompt (like the lessons), so it never delays typing.

import { ClientsPanel } from './ClientsPanel.js';
import { ClockControls } from './ClockControls.js';
import { DataFiles } from './DataFiles.js';
import { KeyList } from './KeyList.js';

export function Inspector({ followDb }: { followDb: number }) {
  return (
    <>
      <ClockControls />
      <KeyList followDb={followDb} />
      <ClientsPanel />
      <DataFiles />
    </>
  );
}
