/** Where secrets (platform tokens, an OpenAI key) are kept: safeStorage in the app, the OS keyring or an encrypted file in the CLI. */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
  has(name: string): boolean;
}
