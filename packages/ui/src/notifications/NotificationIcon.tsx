import type { NotificationKind } from '@kirinuki/contracts';

// One 16-px glyph per kind, drawn in the kind's colour (currentColor) so both themes hold.
const PATHS: Record<NotificationKind, string> = {
  published: 'M3.5 8.5l3 3 6-7',
  failed: 'M8 4v5M8 11.5v.5',
  missed: 'M8 4.5V8l2.5 2M8 14A6 6 0 1 0 8 2a6 6 0 0 0 0 12z',
  reconnect:
    'M6.5 9.5l3-3M5 7.5L3.8 8.7a2.5 2.5 0 0 0 3.5 3.5L8.5 11M11 8.5l1.2-1.2a2.5 2.5 0 0 0-3.5-3.5L7.5 5',
  'token-expiring': 'M5 2.5h6M5 13.5h6M5.5 2.5c0 3 5 3 5 5.5s-5 2.5-5 5.5M10.5 2.5c0 3-5 3-5 5.5s5 2.5 5 5.5',
};

export function NotificationIcon({ kind }: { kind: NotificationKind }) {
  return (
    <span className="notification-icon" data-kind={kind} aria-hidden="true">
      <svg viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d={PATHS[kind]} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </span>
  );
}

export function BellIcon() {
  return (
    <svg
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      aria-hidden="true"
    >
      <path
        d="M10 2.5a5 5 0 0 0-5 5v3.2L3.5 13.5h13L15 10.7V7.5a5 5 0 0 0-5-5zM8 16a2 2 0 0 0 4 0"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
