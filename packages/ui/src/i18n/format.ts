// Locale-aware formatting through Intl; every number and date the user sees goes through here.
export type Locale = 'en' | 'ja';

export const LOCALES: readonly Locale[] = ['en', 'ja'];

/**
 * Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed.
 * `one|other` templates pick their form from `count` by the locale's plural rules.
 */
export function interpolate(
  template: string,
  values: Record<string, string | number> = {},
  locale: Locale = 'en',
) {
  const forms = template.split('|');
  if (forms.length === 2 && typeof values.count === 'number')
    template =
      (new Intl.PluralRules(locale).select(values.count) === 'one' ? forms[0] : forms[1]) ?? template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A media position as m:ss.t (or h:mm:ss.t), the way editors show time codes. */
export function formatTimecode(seconds: number): string {
  const safe = Math.max(0, seconds);
  const tenths = Math.floor(safe * 10 + 1e-6) % 10;
  const whole = Math.floor(safe + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}.${tenths}`;
}

/** A span of time in words (“3 min 5 s”, “3分5秒”), for durations and ETAs. */
export function formatDuration(seconds: number, locale: Locale): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const unit = (value: number, u: 'hour' | 'minute' | 'second') =>
    // Japanese narrow units are Latin (3m); the short ones read naturally (3 分).
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: u,
      unitDisplay: locale === 'ja' ? 'short' : 'narrow',
    })
      .format(value)
      .replace(/\s/g, locale === 'ja' ? '' : ' ');
  const parts =
    h > 0
      ? [unit(h, 'hour'), unit(m, 'minute')]
      : m > 0
        ? [unit(m, 'minute'), unit(s, 'second')]
        : [unit(s, 'second')];
  return parts.join(locale === 'ja' ? '' : ' ');
}

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000;
    index += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}

export function formatPercent(fraction: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}
