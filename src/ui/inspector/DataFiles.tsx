// The dataset as a file: download it as dump.rdb (a real redis-server loads it) or as the
// commands that rebuild it (dataset.redis, for `redis-cli < dataset.redis`), or load a
// dump.rdb or an AOF in place of what is here, after asking (../load-files.ts).

import { useRef, useState } from 'react';
import { engine } from '../engine-client.js';
import { downloadBytes } from '../download.js';
import { loadDataFiles } from '../load-files.js';
import { useLateStrings } from '../late-strings.js';
import { latin1Of, MAX_LINK_CHARS, shareLink } from '../share.js';
import { useLessons } from '../../store/lesson-store.js';

export function DataFiles() {
  const t = useLateStrings();
  const picker = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const [link, setLink] = useState<string | null>(null);

  const share = async (): Promise<void> => {
    const commands = latin1Of(await engine.exportData('redis'));
    const { current, progress } = useLessons.getState();
    const lesson = current === null ? undefined : { id: current, step: progress[current]?.step ?? 0 };
    const url = await shareLink(location.origin + location.pathname, { commands, ...(lesson === undefined ? {} : { lesson }) });
    if (url.length > MAX_LINK_CHARS) {
      setLink(null);
      setStatus(t.shareTooLong);
      return;
    }
    setLink(url);
    setStatus('');
  };

  return (
    <section className="data-files" aria-label={t.dataFiles}>
      <h2>{t.dataFiles}</h2>
      <button className="tool" title={t.downloadRdbTitle} onClick={() => void engine.exportData('rdb').then((bytes) => downloadBytes(bytes, 'dump.rdb'))}>
        {t.downloadRdb}
      </button>
      <button
        className="tool"
        title={t.downloadRedisTitle}
        onClick={() => void engine.exportData('redis').then((bytes) => downloadBytes(bytes, 'dataset.redis'))}
      >
        {t.downloadRedis}
      </button>
      <button className="tool" title={t.loadRdbTitle} onClick={() => picker.current?.click()}>
        {t.loadRdb}
      </button>
      <button className="tool" title={t.shareTitle} onClick={() => void share()}>
        {t.share}
      </button>
      {link !== null && (
        <div className="share-link">
          <input aria-label={t.shareLinkLabel} readOnly value={link} onFocus={(e) => e.target.select()} />
          <button
            className="tool"
            onClick={() =>
              void navigator.clipboard.writeText(link).then(
                () => setStatus(t.copied),
                () => undefined,
              )
            }
          >
            {t.copy}
          </button>
        </div>
      )}
      <input
        ref={picker}
        type="file"
        accept=".rdb,.aof,.manifest,application/octet-stream"
        multiple
        hidden
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void loadDataFiles(files, t).then((said) => said !== null && setStatus(said));
        }}
      />
      <p className="muted" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
