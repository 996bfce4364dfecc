import { useState, type KeyboardEvent } from 'react';
import { useUi, type TabInfo } from '../../store/ui-store.js';
import { disposeTerminal, existingTerminal, isClientName } from './terminals.js';

/** The client tabs: each its own connection, showing its name, database and MULTI state. */
export function TabBar() {
  const tabs = useUi((s) => s.tabs);
  const active = useUi((s) => s.activeTab);
  const layout = useUi((s) => s.layout);
  const { addTab, selectTab, setLayout } = useUi.getState();
  const activeTab = tabs.find((t) => t.id === active);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = tabs.findIndex((t) => t.id === active);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) selectTab(next.id);
    e.preventDefault();
  };

  return (
    <div className="tabbar">
      <div className="tabs" role="tablist" aria-label="Terminals (one Redis client each)" onKeyDown={onKey}>
        {tabs.map((t) => (
          <Tab key={t.id} tab={t} active={t.id === active} closable={tabs.length > 1} />
        ))}
        <button className="tab-add" onClick={() => addTab()} title="New terminal (a new client)" aria-label="New terminal">
          +
        </button>
      </div>
      <div className="tab-tools">
        {activeTab && (
          <label className="toggle" title="Show replies as redis-cli --raw does">
            <input
              type="checkbox"
              checked={activeTab.raw}
              onChange={(e) => {
                useUi.getState().updateTab(activeTab.id, { raw: e.target.checked });
                existingTerminal(activeTab.id)?.session.setRaw(e.target.checked);
              }}
            />
            raw
          </label>
        )}
        <button
          className="tool"
          aria-pressed={layout === 'split'}
          onClick={() => setLayout(layout === 'split' ? 'tabs' : 'split')}
          title={layout === 'split' ? 'Show one terminal at a time' : 'Show all terminals side by side'}
        >
          {layout === 'split' ? 'Tabs' : 'Side by side'}
        </button>
      </div>
    </div>
  );
}

function Tab({ tab, active, closable }: { tab: TabInfo; active: boolean; closable: boolean }) {
  const [editing, setEditing] = useState(false);
  const { selectTab, closeTab, updateTab } = useUi.getState();

  const finish = (value: string | null) => {
    setEditing(false);
    const name = value?.trim();
    if (!name || name === tab.title) return;
    updateTab(tab.id, { title: name });
    // The client gets the name too when Redis accepts it, so CLIENT LIST shows it.
    if (isClientName(name)) void existingTerminal(tab.id)?.session.rename(name);
  };

  return (
    <div className={`tab${active ? ' active' : ''}`} data-tab={tab.id}>
      {editing ? (
        <input
          className="tab-rename"
          aria-label="Terminal name"
          defaultValue={tab.title}
          autoFocus
          onBlur={(e) => finish(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') finish(e.currentTarget.value);
            if (e.key === 'Escape') finish(null);
          }}
        />
      ) : (
        <button
          role="tab"
          aria-selected={active}
          tabIndex={active ? 0 : -1}
          className="tab-label"
          onClick={() => selectTab(tab.id)}
          onDoubleClick={() => setEditing(true)}
          onKeyDown={(e) => {
            if (e.key === 'F2') setEditing(true);
          }}
          title="Double-click or F2 to rename"
        >
          <span className="tab-title">{tab.title}</span>
          <span className="badge" title={`Database ${tab.db}`}>db{tab.db}</span>
          {tab.inMulti && <span className="badge tx">TX</span>}
        </button>
      )}
      {closable && (
        <button
          className="tab-close"
          aria-label={`Close ${tab.title}`}
          title="Close this terminal (its client disconnects)"
          onClick={() => {
            closeTab(tab.id);
            disposeTerminal(tab.id);
          }}
        >
          ×
        </button>
      )}
    </div>
  );
}
