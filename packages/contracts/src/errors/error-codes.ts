/**
 * Every code a user can see, with the default next step. One list, so the CLI, the app and the
 * docs agree. Messages are written where the error is raised; they name what was found.
 */
export const ERROR_CODES = {
  // usage and environment
  USAGE: 'Run the command with --help to see what it accepts.',
  INVALID_ARGUMENT: 'Check the value and run the command again; --help lists what is accepted.',
  FFMPEG_NOT_FOUND:
    'Reinstall with `pnpm install`, or point KIRINUKI_FFMPEG/KIRINUKI_FFPROBE at an ffmpeg build.',
  LIBRARY_NOT_WRITABLE: 'Choose a library folder you can write to with --library DIR or KIRINUKI_LIBRARY.',
  DISK_FULL:
    'Free some space on that disk (or choose a library on another one with --library DIR), then try again.',
  DATABASE_MIGRATION_FAILED:
    'The database was left as it was. Report this with the log file from <library>/logs.',
  MODEL_MISSING: 'Run `pnpm kirinuki models prepare` (or reinstall) to restore the model files.',
  MODEL_CHECKSUM_MISMATCH: 'Delete the file and run `pnpm kirinuki models prepare` to fetch it again.',
  // media input
  FILE_NOT_FOUND: 'Check the path; relative paths are taken from the folder you ran the command in.',
  NOT_A_FILE: 'Give the path of a video file, not a folder or device.',
  FILE_NOT_READABLE: 'Check the file permissions, or copy the file somewhere you can read it.',
  EMPTY_FILE: 'The file has no content; export or download it again.',
  UNSUPPORTED_FORMAT: 'Convert the file to MP4 (H.264/AAC), MOV, MKV or WebM and import it again.',
  NO_VIDEO_STREAM: 'Import a file that has a video track; for audio only, use `kirinuki transcribe`.',
  CORRUPT_MEDIA: 'The file is damaged or incomplete; download or export it again.',
  FILE_CHANGED:
    'Wait until the file is finished (a recording, export or download still writing it), then import it again.',
  FILE_TOO_LARGE: 'Trim the video first, or raise the import size limit in the settings.',
  DURATION_OUT_OF_RANGE: 'Import a video between 1 second and 12 hours long.',
  DIMENSIONS_OUT_OF_RANGE: 'Import a video between 16 px and 8K (7680×4320) on each side.',
  URL_FORBIDDEN:
    'Use an http(s) URL on the public internet, or pass --allow-private-network for local hosts.',
  DOWNLOAD_FAILED: 'Check the URL and your connection, then try again.',
  PAGE_URL_NEEDS_YTDLP:
    'Install yt-dlp (https://github.com/yt-dlp/yt-dlp) and put it on PATH, or give a direct video URL.',
  NOT_FOUND: 'Run `kirinuki library list` to see what the library holds.',
  NO_AUDIO_STREAM: 'Give a file with an audio track (any format ffmpeg reads: wav, mp3, m4a, flac, mp4…).',
  ASR_BACKEND_UNAVAILABLE:
    'Use `--backend local` (offline, the default), or set up the backend named in the message.',
  CANCELLED: 'Nothing was changed; run the command again when you are ready.',
  NOT_SUPPORTED: 'This host cannot do that; the message says what to do instead.',
  SERVICE_UNAVAILABLE: 'A background service keeps crashing and was stopped; see <library>/logs, then retry.',
  // publishing
  ACCOUNT_NOT_CONNECTED:
    'Connect the account first: `kirinuki accounts connect <platform>` (or Settings → Accounts).',
  ACCOUNT_RECONNECT_NEEDED:
    'The platform no longer accepts the saved sign-in: connect the account again (`kirinuki accounts connect <platform>`); its posts wait until then.',
  PLATFORM_NOT_CONFIGURED:
    'Register your own developer app on the platform and give its client id (--client-id, or the setting platforms.<id>.clientId); the README says how.',
  SIGN_IN_FAILED:
    'The sign-in did not finish; nothing was saved. Try again, and allow Kirinuki on the platform’s page.',
  PLATFORM_RATE_LIMITED:
    'The platform limits how often it may be asked; Kirinuki waits and tries again on its own.',
  PLATFORM_QUOTA_EXCEEDED:
    'The platform’s quota is used up for now; the post can go out once it resets (YouTube: midnight Pacific time). Retry then.',
  PLATFORM_REJECTED:
    'The platform refused the post; the message gives its reason. Change what it names and retry.',
  PLATFORM_UNAVAILABLE: 'The platform did not answer; Kirinuki retried on its own. Retry the post later.',
  // scheduling
  INVALID_TIME:
    'Give the time as ISO 8601, "2026-12-24 18:00", "tomorrow 18:00", "today 6pm" or "in 90 minutes".',
  UNKNOWN_TIME_ZONE: 'Give an IANA time zone such as Asia/Tokyo or Europe/Berlin (--timezone).',
  TIME_IN_PAST: 'Give a time that is still ahead, or publish now with `kirinuki publish`.',
  TIME_SKIPPED: 'That local time does not exist on that day (the clocks skip it): pick another.',
  TIME_AMBIGUOUS: 'That local time happens twice (the clocks go back): give it with its offset.',
  POST_MISSED:
    'The post could not go out on time (the app or scheduler was not running): publish it now with `kirinuki posts retry <id>`, or schedule it again.',
  POST_NOT_SCHEDULED:
    'Only a post that is still scheduled can be moved; `kirinuki posts list` shows where each is.',
  POST_PACED:
    'The platform takes only so many posts from one account in a while: the post waits until the window moves on and then goes out on its own.',
  POST_DOES_NOT_FIT: 'Shorten the text or the clip, or choose another platform: the message names the limit.',
  // the team server
  TEAM_SERVER_UNREACHABLE:
    'Check the server URL (`kirinuki team status`) and your connection; the team server may be down.',
  DATABASE_UNREACHABLE:
    'Check DATABASE_URL (host, port, user, password, database) and that Postgres is running, then start again.',
  INVALID_REQUEST: 'Send JSON of the documented shape; the message names the field that was wrong.',
  PAYLOAD_TOO_LARGE: 'Send a smaller body; media goes through the resumable upload, not a JSON body.',
  EMAIL_TAKEN: 'Sign in with that email instead, or register with another one.',
  WEAK_PASSWORD: 'Choose a password of at least 10 characters (a phrase of a few words is easiest).',
  INVALID_CREDENTIALS: 'Check the email and password and try again.',
  TOO_MANY_ATTEMPTS: 'Wait until the time the Retry-After header gives, then try again.',
  UNAUTHENTICATED: 'Sign in again (`kirinuki team login`) to get a fresh access token.',
  INVALID_REFRESH_TOKEN: 'Sign in again with your email and password.',
  REFRESH_TOKEN_REUSED:
    'That sign-in was ended on every device because its refresh token was used twice (a copy may have leaked). Sign in again.',
  SESSION_REVOKED: 'You signed out or changed your password there. Sign in again.',
  FORBIDDEN: 'Your role in this team does not allow that; ask an owner or admin of the team.',
  INVITE_INVALID: 'Ask the team for a new invite link (links work once and expire after 7 days).',
  LAST_OWNER:
    'Hand the team over to another member first (`teams.transfer`), then change your role or leave.',
  // internal
  INTERNAL: 'This is a bug in Kirinuki. Report it with the log file from <library>/logs.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
