/** A scheme-prefixed input is a URL (a Windows drive letter is not). */
export function looksLikeUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(input) && !/^[a-z]:[\\/]/i.test(input);
}
