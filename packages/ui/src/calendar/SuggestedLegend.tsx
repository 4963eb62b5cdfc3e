import { PUBLISH_PLATFORM_LABELS, PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import { useT } from '../i18n/use-t.js';
import { formatHour } from './calendar-format.js';
import { SUGGESTED_HOURS } from './suggested-slots.js';

/** What the week's dots mean: each platform's colour and its suggested hours. */
export function SuggestedLegend() {
  const { t, locale } = useT();
  return (
    <p className="suggested-legend muted" data-testid="suggested-legend">
      <span>{t('calendar.suggestedLegend')}</span>
      {PUBLISH_PLATFORMS.map((platform) => (
        <span key={platform} className="legend-item" data-platform={platform}>
          <span className="suggested-mark" aria-hidden="true" />
          {PUBLISH_PLATFORM_LABELS[platform]}{' '}
          {SUGGESTED_HOURS[platform].map((hour) => formatHour(hour, locale)).join(', ')}
        </span>
      ))}
    </p>
  );
}
