/** Read model of proposed and reviewed clips (a projection of the event log). */
export interface ClipsTable {
  id: string;
  videoId: string;
  rank: number;
  start: number;
  end: number;
  score: number;
  /** JSON string[]. */
  reasons: string;
  text: string;
  title: string;
  /** JSON string[]. */
  hashtags: string;
  status: 'proposed' | 'approved' | 'rejected';
  position: number;
  platform: string;
  style: string;
  /** JSON [{index, text}]. */
  captions: string;
  /** JSON Record<string, number>. */
  features: string;
  createdAt: string;
  updatedAt: string;
}
