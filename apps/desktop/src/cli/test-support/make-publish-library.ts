// A library with clips ready to publish, made from another process (the UI's e2e tests, which may
// not import app code):   node --import tsx make-publish-library.ts <dir> [count] [long]
// Prints the clip ids as JSON on stdout.
import { LONG_CLIPS, libraryWithClips } from './publish-setup.js';

const [dir, count = '1', long] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: make-publish-library.ts <dir> [count] [long]\n');
  process.exit(2);
}
const ids = await libraryWithClips(dir, Number(count), ...(long === 'long' ? [LONG_CLIPS] : []));
process.stdout.write(`${JSON.stringify({ clipIds: ids })}\n`);
