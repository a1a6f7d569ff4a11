import qs from 'qs';

/**
 * The requests of Truto's TypeScript SDK (`@truto/truto-ts-sdk` 2.0.x, not published to the npm registry
 * this project can reach): the same URLs (`${baseUrl}/${resource}?${qs.stringify(query)}`, the id through
 * encodeURIComponent), the same headers (JSON content type and accept, bearer token), the same cursor
 * loop (`next_cursor` sent empty first, followed until falsy), and like the SDK it reads every answer as
 * one JSON document and throws on a status outside 2xx. Written from the SDK's public source, not copied.
 */
export class TrutoSdkRequests {
  readonly requestedUrls: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    /** Sees every answer (the tests check it against the OpenAPI document); the SDK has no such hook. */
    private readonly observe?: (
      method: string,
      path: string,
      status: number,
      contentType: string,
      body: unknown,
    ) => void,
  ) {}

  async request<T>(endpoint: string, init: { method?: string; body?: string } = {}): Promise<T> {
    const url = `${this.baseUrl}${endpoint}`;
    this.requestedUrls.push(url);
    const response = await fetch(url, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${this.token}`,
      },
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = (): unknown => (contentType.includes('json') ? JSON.parse(text) : text);
    const { pathname, search } = new URL(url);
    this.observe?.(init.method ?? 'GET', `${pathname}${search}`, response.status, contentType, parsed());
    if (!response.ok) {
      throw Object.assign(new Error(`API request failed: ${response.statusText}`), {
        status: response.status,
        body: text,
      });
    }
    // Like the SDK's response.json(): whatever the content type, the body must be one JSON document.
    return JSON.parse(text) as T;
  }

  list<T>(resource: string, query: Record<string, unknown> = {}) {
    return this.request<{ result: T[]; next_cursor: string | null }>(`/${resource}?${qs.stringify(query)}`);
  }

  get<T>(resource: string, id: string, query: Record<string, unknown> = {}) {
    return this.request<T>(`/${resource}/${encodeURIComponent(id)}?${qs.stringify(query)}`);
  }

  create<T>(resource: string, body: unknown, query: Record<string, unknown> = {}) {
    return this.request<T>(`/${resource}?${qs.stringify(query)}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  update<T>(resource: string, id: string, body: unknown, query: Record<string, unknown> = {}) {
    return this.request<T>(`/${resource}/${encodeURIComponent(id)}?${qs.stringify(query)}`, {
      method: 'PATCH',
      body: JSON.stringify(body),
    });
  }

  delete(resource: string, id: string, query: Record<string, unknown> = {}) {
    return this.request<{ id: string }>(`/${resource}/${encodeURIComponent(id)}?${qs.stringify(query)}`, {
      method: 'DELETE',
    });
  }

  /** The SDK's `Cursor.toArray()`. */
  async toArray<T>(resource: string, options: Record<string, unknown> = {}): Promise<T[]> {
    const items: T[] = [];
    let nextCursor = typeof options.next_cursor === 'string' ? options.next_cursor : '';
    do {
      const page = await this.list<T>(resource, { ...options, next_cursor: nextCursor });
      items.push(...page.result);
      nextCursor = page.next_cursor || '';
    } while (nextCursor);
    return items;
  }

  /** `integratedAccount.refreshCredentials(id)`: the SDK writes this path without a leading slash. */
  refreshCredentials<T>(id: string) {
    return this.request<T>('integrated-account/refresh-credentials', {
      method: 'POST',
      body: JSON.stringify({ id }),
    });
  }

  /** `unifiedApi.meta(method, {category, resource, ...query})`. */
  meta<T>(category: string, resource: string, method: string, query: Record<string, unknown>) {
    return this.get<T>(`unified/${category}/${resource}/meta`, method, query);
  }
}
