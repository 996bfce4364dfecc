import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { defaultTabTitle, useUi, type TabInfo } from '../../store/ui-store.js';
import { useUiStrings } from '../strings.js';
import { disposeTerminal, existingTerminal, isClientName } from './terminals.js';
import { SECOND_PORT } from '../../worker/protocol.js';

/** The client tabs: each its own connection, showing its name, database and MULTI state. */
export function TabBar() {
  const tabs = useUi((s) => s.tabs);
  const active = useUi((s) => s.activeTab);
  const layout = useUi((s) => s.layout);
  const { addTab, selectTab, setLayout } = useUi.getState();
  const t = useUiStrings();
  const activeTab = tabs.find((t) => t.id === active);
  const list = useRef<HTMLDivElement>(null);
  // The tabs scroll when they do not fit (a phone, many tabs): the active one is always in sight.
  useEffect(() => {
    list.current?.querySelector(`[data-tab="${active}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active, tabs.length]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = tabs.findIndex((t) => t.id === active);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) selectTab(next.id);
    e.preventDefault();
  };

  return (
    <div className="tabbar">
      <div className="tabs" role="tablist" aria-label={t.tabList} onKeyDown={onKey} ref={list}>
        {tabs.map((tab) => (
          <Tab key={tab.id} tab={tab} active={tab.id === active} closable={tabs.length > 1} />
        ))}
      </div>
      {/* Beside the tablist, not in it: a tablist holds only tabs. */}
      <button className="tab-add" onClick={() => addTab()} title={t.newTabTitle} aria-label={t.newTab}>
        +
      </button>
      <button className="tab-add replica" onClick={() => addTab(SECOND_PORT)} title={t.replicaTabTitle}>
        {t.replicaTab}
      </button>
      <div className="tab-tools">
        {activeTab && (
          <label className="toggle" title={t.rawTitle}>
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
          title={layout === 'split' ? t.tabTitle : t.splitTitle}
        >
          {layout === 'split' ? t.tabView : t.splitView}
        </button>
      </div>
    </div>
  );
}

function Tab({ tab, active, closable }: { tab: TabInfo; active: boolean; closable: boolean }) {
  const [editing, setEditing] = useState(false);
  const { selectTab, closeTab, updateTab } = useUi.getState();
  const t = useUiStrings();
  // An unrenamed tab's title is the store's English default: shown in the page's language.
  const title = tab.title === defaultTabTitle(tab.id) ? t.defaultTabTitle(tab.id) : tab.title;

  const close = () => {
    closeTab(tab.id);
    disposeTerminal(tab.id);
  };

  const finish = (value: string | null) => {
    setEditing(false);
    const name = value?.trim();
    if (!name || name === tab.title || name === title) return;
    updateTab(tab.id, { title: name });
    // The client gets the name too when Redis accepts it, so CLIENT LIST shows it.
    if (isClientName(name)) void existingTerminal(tab.id)?.session.rename(name);
  };

  return (
    <div className={`tab${active ? ' active' : ''}`} data-tab={tab.id}>
      {editing ? (
        <input
          className="tab-rename"
          aria-label={t.tabName}
          defaultValue={title}
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
            if (e.key === 'Delete' && closable) {
              e.preventDefault();
              close();
              // Focus goes on to the tab that is now selected.
              requestAnimationFrame(() => document.querySelector<HTMLElement>('.tabs [role="tab"][aria-selected="true"]')?.focus());
            }
          }}
          aria-keyshortcuts={closable ? 'F2 Delete' : 'F2'}
          title={closable ? t.tabKeysTitle : t.renameTitle}
        >
          <span className="tab-title">{title}</span>
          {tab.port !== undefined && <span className="badge">:{tab.port}</span>}
          <span className="badge" title={t.database(tab.db)}>
            db{tab.db}
          </span>
          {tab.inMulti && <span className="badge tx">TX</span>}
        </button>
      )}
      {closable && (
        // For the mouse only: a tablist may hold nothing but tabs, so the keyboard closes the
        // focused tab with Delete (as ARIA's tabs pattern suggests).
        <span className="tab-close" aria-hidden="true" title={t.closeTabTitle} onClick={close}>
          ×
        </span>
      )}
    </div>
  );
}
