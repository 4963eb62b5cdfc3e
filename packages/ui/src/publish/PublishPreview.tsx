import { PUBLISH_PLATFORM_LABELS, type PublishPlatform } from '@kirinuki/contracts';
import type { Clip } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { useT } from '../i18n/use-t.js';

/**
 * The clip's first frame (the player's frame at the clip's start, the video's thumbnail until it
 * loads) and each chosen platform's text exactly as it will post.
 */
export function PublishPreview({
  clip,
  texts,
}: {
  clip: Pick<Clip, 'videoId' | 'start'>;
  texts: ReadonlyArray<{ platform: PublishPlatform; title?: string; text: string }>;
}) {
  const { t } = useT();
  const { media } = useHost();
  return (
    <aside className="publish-preview stack" aria-label={t('publish.preview')} data-testid="publish-preview">
      <strong>{t('publish.preview')}</strong>
      <div className="frame-9-16 preview-frame">
        <video
          // A media fragment seeks to the clip's start; nothing plays, so muted and no controls.
          src={`${media.videoUrl(clip.videoId)}#t=${clip.start.toFixed(2)}`}
          poster={media.thumbnailUrl(clip.videoId)}
          preload="metadata"
          muted
          playsInline
          aria-label={t('publish.preview.frame')}
        />
      </div>
      {texts.map(({ platform, title, text }) => (
        <figure key={platform} className="preview-text" data-testid={`preview-${platform}`}>
          <figcaption>{PUBLISH_PLATFORM_LABELS[platform]}</figcaption>
          {title ? <strong className="preview-title">{title}</strong> : null}
          <p>{text.trim() ? text : <span className="muted">{t('publish.preview.noText')}</span>}</p>
        </figure>
      ))}
    </aside>
  );
}
