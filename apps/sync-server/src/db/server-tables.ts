/** A person who signs in; the email is stored lower-cased, the password only as an argon2id hash. */
export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
  password_changed_at: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface MembershipsTable {
  team_id: string;
  user_id: string;
  role: string;
  joined_at: number;
}

/** One sign-in (a refresh-token family): revoking it ends every token issued under it. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

/** Refresh tokens by their SHA-256; `used_at` set once rotated, so a second use is reuse. */
export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Failed sign-ins per account, kept in the database so every replica counts the same. */
export interface LoginFailuresTable {
  id: string;
  email: string;
  at: number;
}

export interface InvitesTable {
  id: string;
  team_id: string;
  token_hash: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  used_by: string | null;
}

/** A platform account connected for a whole team; its tokens only ever encrypted. */
export interface TeamAccountsTable {
  id: string;
  team_id: string;
  platform: string;
  display_name: string;
  connected_by: string;
  connected_at: number;
  status: string;
  /** The platform's tokens as JSON, sealed by the server key (keys/token-cipher.ts). */
  tokens_sealed: string | null;
}

/** A post the server publishes for the team. */
export interface TeamPostsTable {
  id: string;
  team_id: string;
  account_id: string;
  clip_id: string;
  platform: string;
  title: string;
  status: string;
  due_at: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface ServerDatabase {
  users: UsersTable;
  teams: TeamsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  login_failures: LoginFailuresTable;
  invites: InvitesTable;
  team_accounts: TeamAccountsTable;
  team_posts: TeamPostsTable;
}
