/**
 * Legacy: cloud vision answers (JSON text), keyed by sha256 of frame hash + model + prompt. They now
 * live in `<library>/cache/cloud-vision/` (the vision service's own cache); openLibrary moves old rows.
 */
export interface CloudVisionCacheTable {
  key: string;
  model: string;
  value: string;
  createdAt: string;
}
