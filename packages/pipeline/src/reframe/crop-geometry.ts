/** Size of the largest crop of `source` with the aspect of `output`, in even pixels. */
export function cropSizeFor(
  source: { width: number; height: number },
  output: { width: number; height: number },
): { width: number; height: number } {
  const even = (n: number) => Math.max(2, 2 * Math.floor(n / 2));
  const target = output.width / output.height;
  if (source.width / source.height > target) {
    return { width: even(Math.min(source.width, source.height * target)), height: even(source.height) };
  }
  return { width: even(source.width), height: even(Math.min(source.height, source.width / target)) };
}
