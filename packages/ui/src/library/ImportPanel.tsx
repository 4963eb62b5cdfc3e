import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useT } from '../i18n/use-t.js';

export interface ImportPanelProps {
  busy: boolean;
  /** Set while a dropped file is on its way to the host. */
  uploadingName: string | null;
  onFiles(files: File[]): void;
  onInput(input: string): void;
}

/** The drop zone, a file picker for keyboard users, and the URL / host path field. */
export function ImportPanel({ busy, uploadingName, onFiles, onInput }: ImportPanelProps) {
  const { t } = useT();
  const [over, setOver] = useState(false);
  const [value, setValue] = useState('');
  const picker = useRef<HTMLInputElement>(null);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length && !busy) onFiles(files);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = value.trim();
    if (!input || busy) return;
    onInput(input);
    setValue('');
  };
  return (
    <section className="stack" aria-labelledby="import-heading">
      <h2 id="import-heading" className="visually-hidden">
        {t('library.drop.title')}
      </h2>
      <div
        className="drop-zone"
        data-testid="import-drop-zone"
        data-over={over}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          <strong>{t('library.drop.title')}</strong>
        </p>
        <p className="muted">
          {uploadingName ? t('library.drop.uploading', { name: uploadingName }) : t('library.drop.help')}
        </p>
        <button type="button" className="btn" disabled={busy} onClick={() => picker.current?.click()}>
          {t('library.drop.choose')}
        </button>
        <input
          ref={picker}
          type="file"
          accept="video/*,audio/*"
          multiple
          hidden
          data-testid="import-file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) onFiles(files);
          }}
        />
      </div>
      <form className="import-form" onSubmit={onSubmit}>
        <label>
          {t('library.url.label')}
          <input
            type="text"
            data-testid="import-url-input"
            value={value}
            placeholder={t('library.url.placeholder')}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="import-submit"
          disabled={busy || !value.trim()}
        >
          {busy ? t('library.importing') : t('library.url.submit')}
        </button>
      </form>
    </section>
  );
}
