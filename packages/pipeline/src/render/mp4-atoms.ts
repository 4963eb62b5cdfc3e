import { open } from 'node:fs/promises';

/** Types of the top-level boxes of an MP4/MOV file, in file order (reads only the 8–16 byte headers). */
export async function topLevelAtoms(file: string, limit = 32): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    const types: string[] = [];
    let offset = 0;
    while (offset + 8 <= size && types.length < limit) {
      await handle.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      types.push(header.toString('latin1', 4, 8));
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      else if (boxSize === 0) break;
      if (boxSize < 8) break;
      offset += boxSize;
    }
    return types;
  } finally {
    await handle.close();
  }
}
