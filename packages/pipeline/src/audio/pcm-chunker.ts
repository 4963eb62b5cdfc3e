/**
 * Turns arbitrary byte chunks of little-endian float32 PCM into Float32Arrays, carrying the
 * 0–3 bytes that straddle a chunk boundary to the next chunk.
 */
export function createFloat32Chunker(): (bytes: Uint8Array) => Float32Array {
  let carry = new Uint8Array(0);
  return (bytes) => {
    const joined = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    const whole = joined.length - (joined.length % 4);
    carry = Uint8Array.from(joined.subarray(whole));
    const out = new Float32Array(whole / 4);
    const view = new DataView(joined.buffer, joined.byteOffset, whole);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  };
}
