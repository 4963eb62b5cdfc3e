import { useId } from 'react';
import { formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import type { TextCount } from './post-text-limits.js';

/** A text field with the platform's own count of it beside it, live, red when over. */
export function CountedText({
  label,
  value,
  onChange,
  counts,
  unit = 'chars',
  multiline = true,
  help,
  testId,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Each limit the text is held to (characters, hashtags…), shown in order. */
  counts: ReadonlyArray<TextCount & { label?: string }>;
  unit?: 'chars' | 'bytes';
  multiline?: boolean;
  help?: string;
  testId?: string;
}) {
  const { t, locale } = useT();
  const id = useId();
  const over = counts.some((c) => c.over);
  const props = {
    id,
    value,
    'data-testid': testId,
    'aria-describedby': `${id}-count${help ? ` ${id}-help` : ''}`,
    'aria-invalid': over || undefined,
    spellCheck: true,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className="counted-text">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={4} {...props} /> : <input type="text" {...props} />}
      <div className="counted-text-foot">
        {help ? (
          <span id={`${id}-help`} className="muted">
            {help}
          </span>
        ) : (
          <span />
        )}
        <span
          id={`${id}-count`}
          className="counter"
          data-over={over || undefined}
          data-testid={testId && `${testId}-count`}
        >
          {counts.map((c, i) => (
            <span key={i}>
              {i > 0 ? ' · ' : ''}
              {c.label ??
                t(unit === 'bytes' ? 'publish.counter.bytes' : 'publish.counter', {
                  used: formatNumber(c.used, locale),
                  max: formatNumber(c.max, locale),
                })}
              {c.over ? ` (${t('publish.counter.over', { count: c.used - c.max })})` : ''}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}
