import { randomBytes } from 'node:crypto';

/** Every scope the connector's operations need, as an org admin's user token holds them. */
export const slackAdminScopes = [
  'admin',
  'admin.users:read',
  'admin.users:write',
  'admin.teams:read',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'usergroups:write',
  'team:read',
] as const;

export interface FakeToken {
  /** `bot` tokens (xoxb-) cannot call admin methods or SCIM. */
  kind: 'user' | 'bot';
  scopes: readonly string[];
  /** What was called with this token, in order (`users.list`, `SCIM DELETE /Users/W...`), for tests. */
  calls: string[];
  /** The user the token acts as. */
  userId: string;
  /** Epoch milliseconds; absent for tokens that never expire. */
  expiresAt?: number;
  revoked?: boolean;
}

export interface RotationClient {
  clientId: string;
  clientSecret: string;
  /** How long issued access tokens live; Slack's are 12 hours. */
  expiresInSeconds: number;
}

function randomPart(): string {
  return randomBytes(12).toString('hex');
}

/** The fake's tokens: long-lived user tokens, and (token rotation on) refresh tokens that are retired on use. */
export class FakeTokenStore {
  readonly #tokens = new Map<string, FakeToken>();
  readonly #refreshTokens = new Map<string, { userId: string; scopes: readonly string[] }>();
  #rotation: RotationClient | undefined;
  readonly #now: () => number;
  /** How many access tokens oauth.v2.access issued. */
  refreshCount = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  issue(userId: string, scopes: readonly string[] = slackAdminScopes): string {
    const token = `xoxp-${randomPart()}`;
    this.#tokens.set(token, { kind: 'user', userId, scopes, calls: [] });
    return token;
  }

  /** A bot token of the same app, acting as the bot user `botUserId`. */
  issueBot(botUserId: string, scopes: readonly string[]): string {
    const token = `xoxb-${randomPart()}`;
    this.#tokens.set(token, { kind: 'bot', userId: botUserId, scopes, calls: [] });
    return token;
  }

  revoke(token: string): void {
    const record = this.#tokens.get(token);
    if (record) record.revoked = true;
  }

  lookup(token: string | undefined): FakeToken | undefined {
    return token === undefined ? undefined : this.#tokens.get(token);
  }

  isExpired(token: FakeToken): boolean {
    return token.expiresAt !== undefined && token.expiresAt <= this.#now();
  }

  /** Turns token rotation on for one app; returns the refresh token an install would hand over. */
  enableRotation(
    client: RotationClient,
    userId: string,
    scopes: readonly string[] = slackAdminScopes,
  ): string {
    this.#rotation = client;
    const refreshToken = `xoxe-1-${randomPart()}`;
    this.#refreshTokens.set(refreshToken, { userId, scopes });
    return refreshToken;
  }

  /** oauth.v2.access with grant_type=refresh_token: a new access token and a new refresh token; the old one is retired. */
  rotate(form: Record<string, string>): Record<string, unknown> {
    const rotation = this.#rotation;
    if (rotation === undefined) return { ok: false, error: 'token_rotation_not_enabled' };
    if (form.grant_type !== 'refresh_token') return { ok: false, error: 'invalid_grant_type' };
    if (form.client_id !== rotation.clientId) return { ok: false, error: 'invalid_client_id' };
    if (form.client_secret !== rotation.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const grant = form.refresh_token === undefined ? undefined : this.#refreshTokens.get(form.refresh_token);
    if (grant === undefined) return { ok: false, error: 'invalid_refresh_token' };
    this.#refreshTokens.delete(form.refresh_token as string);
    const accessToken = `xoxe.xoxp-1-${randomPart()}`;
    const refreshToken = `xoxe-1-${randomPart()}`;
    this.#tokens.set(accessToken, {
      kind: 'user',
      calls: [],
      userId: grant.userId,
      scopes: grant.scopes,
      expiresAt: this.#now() + rotation.expiresInSeconds * 1000,
    });
    this.#refreshTokens.set(refreshToken, grant);
    this.refreshCount += 1;
    return {
      ok: true,
      access_token: accessToken,
      token_type: 'user',
      scope: grant.scopes.join(','),
      expires_in: rotation.expiresInSeconds,
      refresh_token: refreshToken,
    };
  }
}
