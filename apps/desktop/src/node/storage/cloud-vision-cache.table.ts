/** Cloud vision answers (JSON text), keyed by sha256 of frame hash + model + prompt. */
export interface CloudVisionCacheTable {
  key: string;
  model: string;
  value: string;
  createdAt: string;
}
