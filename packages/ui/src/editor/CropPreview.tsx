/** The 9:16 window's width as a fraction of a source frame of `sourceAspect` (width / height). */
export function cropWidthFraction(sourceAspect: number, targetAspect = 9 / 16): number {
  return Math.min(1, targetAspect / sourceAspect);
}

/**
 * The source frame with the 9:16 crop marked, and the output frame with the caption where the
 * renderer puts it. The crop is centred until the reframe stage reports a subject path.
 */
export function CropPreview({
  label,
  sourceLabel,
  caption,
  style,
  sourceAspect,
}: {
  label: string;
  sourceLabel: string;
  caption: string;
  style: string;
  sourceAspect: number;
}) {
  const words = caption.split(/\s+/).filter(Boolean).slice(0, 6);
  const crop = cropWidthFraction(sourceAspect);
  return (
    <div className="stack">
      <figure className="preview-figure">
        <div
          className="source-frame"
          style={{ aspectRatio: String(sourceAspect) }}
          role="img"
          aria-label={sourceLabel}
        >
          <div
            className="source-crop"
            style={{ width: `${crop * 100}%`, left: `${((1 - crop) / 2) * 100}%` }}
          />
        </div>
        <figcaption className="muted">{sourceLabel}</figcaption>
      </figure>
      <figure className="preview-figure">
        <div className="frame-9-16" role="img" aria-label={label} data-testid="crop-preview">
          <div className="frame-caption" data-style={style}>
            {words.map((word, i) => (
              <span key={i}>{word} </span>
            ))}
          </div>
        </div>
        <figcaption className="muted">{label}</figcaption>
      </figure>
    </div>
  );
}
