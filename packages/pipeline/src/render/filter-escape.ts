/**
 * Escapes a filter option value for a filtergraph: first for the option parser (`'`, `\`, `:`),
 * then for the graph parser (`\`, `'`, `[`, `]`, `,`, `;`), as ffmpeg-filters(1) "Notes on
 * filtergraph escaping" describes.
 */
export function escapeFilterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
