/** Where the player and the library rows get a video and its thumbnail from. */
export interface HostMedia {
  videoUrl(videoId: string): string;
  thumbnailUrl(videoId: string): string;
}

/** In a browser: the host's /media routes (same origin, the session cookie authorises them). */
export function browserHostMedia(origin: string): HostMedia {
  return {
    videoUrl: (id) => `${origin}/media/${encodeURIComponent(id)}`,
    thumbnailUrl: (id) => `${origin}/media/${encodeURIComponent(id)}/thumbnail.jpg`,
  };
}

/** In the app: the main process's kirinuki-media: scheme. */
export function electronHostMedia(): HostMedia {
  return {
    videoUrl: (id) => `kirinuki-media://video/${encodeURIComponent(id)}`,
    thumbnailUrl: (id) => `kirinuki-media://thumbnail/${encodeURIComponent(id)}`,
  };
}
