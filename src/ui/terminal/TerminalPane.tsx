import { useEffect, useRef } from 'react';
import { terminalFor } from './terminals.js';

/** Shows one tab's terminal (created on first show) and keeps it fitted to its box. */
export function TerminalPane({ tabId, visible, focused }: { tabId: number; visible: boolean; focused: boolean }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = box.current!;
    const entry = terminalFor(tabId);
    host.appendChild(entry.element);
    let last = '';
    const refit = () => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return; // hidden
      const size = `${host.clientWidth}x${host.clientHeight}`;
      if (size === last) return;
      last = size;
      entry.fit.fit();
      entry.session.resized();
    };
    const observer = new ResizeObserver(refit);
    observer.observe(host);
    refit();
    return () => {
      observer.disconnect();
      if (entry.element.parentElement === host) host.removeChild(entry.element);
    };
  }, [tabId]);

  useEffect(() => {
    if (visible && focused) terminalFor(tabId).term.focus();
  }, [tabId, visible, focused]);

  return <div className={`terminal-box${focused ? ' active' : ''}`} ref={box} hidden={!visible} data-tab={tabId} />;
}
