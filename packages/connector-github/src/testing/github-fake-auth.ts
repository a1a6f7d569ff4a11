import { type createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';

/** Who a request's token says it is. */
export type FakeIdentity =
  | { kind: 'token'; token: string }
  | { kind: 'installation'; token: string }
  | { kind: 'app'; appId: string };

export interface FakeAppCredentials {
  appId: string;
  installationId: string;
  privateKeyPem: string;
}

/** Installation tokens live an hour, as GitHub's do. */
const installationTokenLifetimeMs = 60 * 60 * 1000;
/** GitHub refuses app JWTs that claim to live longer than 10 minutes. */
const maximumJwtLifetimeSeconds = 600;

/**
 * Tokens the fake accepts: one personal access token, and a GitHub App whose RS256 JWTs buy installation
 * tokens. Each token has its own primary rate-limit window, as GitHub counts per token.
 */
export class GitHubFakeAuth {
  readonly app: FakeAppCredentials;
  readonly #publicKey: ReturnType<typeof createPublicKey>;
  readonly #installationTokens = new Map<string, number>();
  readonly #remaining = new Map<string, number>();
  /** Every installation token issued, oldest first: tests count token requests with it. */
  readonly issuedInstallationTokens: string[] = [];

  constructor(
    readonly personalAccessToken: string,
    readonly rateLimit: number,
    readonly now: () => number,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.#publicKey = publicKey;
    this.app = {
      appId: '424242',
      installationId: '31337',
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }

  /** `Authorization: Bearer <token>` or `token <token>` (Octokit sends the latter for tokens). */
  identify(authorization: string | undefined): FakeIdentity | undefined {
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(authorization ?? '');
    const credential = match?.[1];
    if (credential === undefined) return undefined;
    if (credential === this.personalAccessToken) return { kind: 'token', token: credential };
    const expiresAt = this.#installationTokens.get(credential);
    if (expiresAt !== undefined) {
      return expiresAt > this.now() ? { kind: 'installation', token: credential } : undefined;
    }
    return this.#verifyAppJwt(credential) ? { kind: 'app', appId: this.app.appId } : undefined;
  }

  issueInstallationToken(): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = this.now() + installationTokenLifetimeMs;
    this.#installationTokens.set(token, expiresAt);
    this.issuedInstallationTokens.push(token);
    return { token, expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** Revokes every installation token, as if they expired: the next request with one gets 401. */
  expireInstallationTokens(): void {
    for (const token of this.#installationTokens.keys()) this.#installationTokens.set(token, 0);
  }

  /** Spends one request of the token's window; the headers GitHub sends on every answer. */
  spend(key: string): { exhausted: boolean; headers: Record<string, string> } {
    const remaining = this.#remaining.get(key) ?? this.rateLimit;
    const exhausted = remaining <= 0;
    const after = exhausted ? 0 : remaining - 1;
    this.#remaining.set(key, after);
    return { exhausted, headers: this.rateLimitHeaders(after) };
  }

  rateLimitHeaders(remaining: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.rateLimit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used': String(this.rateLimit - remaining),
      'x-ratelimit-reset': String(Math.floor(this.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
    };
  }

  #verifyAppJwt(jwt: string): boolean {
    const [header, claims, signature] = jwt.split('.');
    if (header === undefined || claims === undefined || signature === undefined) return false;
    let parsedHeader: { alg?: unknown };
    let parsedClaims: { iss?: unknown; iat?: unknown; exp?: unknown };
    try {
      parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
      parsedClaims = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
    } catch {
      return false;
    }
    if (parsedHeader.alg !== 'RS256') return false;
    const signed = verify(
      'sha256',
      Buffer.from(`${header}.${claims}`),
      this.#publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!signed || String(parsedClaims.iss) !== this.app.appId) return false;
    const nowSeconds = Math.floor(this.now() / 1000);
    const { iat, exp } = parsedClaims;
    if (typeof iat !== 'number' || typeof exp !== 'number') return false;
    return iat <= nowSeconds + 60 && exp > nowSeconds && exp - iat <= maximumJwtLifetimeSeconds + 60;
  }
}
