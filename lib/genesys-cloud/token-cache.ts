// Access tokens per (login base URL, client id), renewed ahead of expiry, one request in flight per key.

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    /** Renew this long before expiry (default 60 s; at most half the lifetime). */
    private readonly marginMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(
    key: string,
    fetchToken: () => Promise<{ accessToken: string; expiresInSeconds: number }>,
  ): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.accessToken;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = fetchToken()
        .then(({ accessToken, expiresInSeconds }) => {
          const lifetime = expiresInSeconds * 1000;
          const token = { accessToken, expiresAt: this.now() + lifetime - Math.min(this.marginMs, lifetime / 2) };
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return (await pending).accessToken;
  }

  /** Forgets a token the server no longer accepts, unless it was already replaced. */
  invalidate(key: string, accessToken?: string): void {
    const cached = this.tokens.get(key);
    if (cached && (accessToken === undefined || cached.accessToken === accessToken)) this.tokens.delete(key);
  }
}

export const sharedTokenCache = new TokenCache();
