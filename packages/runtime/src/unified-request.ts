import type { OperationName, ProviderCallRecord } from '@unidir/core';
import type { RawRequest } from './raw-resources.js';
import type { StreamEncoding } from './record-stream.js';

/** An integrated account as the host stores it. */
export interface IntegratedAccountRecord {
  id: string;
  /** The connector id. */
  integration: string;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Sandbox accounts may use http loopback URLs. */
  allowInsecureProviderUrls?: boolean;
  /** Changes whenever credentials or settings change, so the cached client is rebuilt. */
  version?: string | number;
}

export interface UnifiedRequest {
  account: IntegratedAccountRecord;
  /** `users`, `groups`, ... */
  resource: string;
  method: OperationName;
  id?: string;
  /** The query as parsed by parseUnifiedQuery (qs semantics); `integrated_account_id` is ignored. */
  query: Record<string, unknown>;
  body?: unknown;
  /** Aborts the call when it aborts. */
  signal?: AbortSignal;
  /** See OperationContext.earlierAttemptMayHaveActed: the host passes it on a retry after an unknown outcome. */
  earlierAttemptMayHaveActed?: boolean;
  /**
   * The journal the call's provider calls are appended to, when the host wants it even if the call fails (a
   * failed mutation's host learns whether a write was sent and left unanswered).
   */
  providerCalls?: ProviderCallRecord[];
  /**
   * Called once, before the call starts, with the function that aborts it: for a host that learns of a
   * hang-up from an event, so the call keeps a single AbortSignal (a `signal` costs a second one, forwarded
   * into the call's own).
   */
  bindAbort?: (abort: () => void) => void;
  /** How `truto_response_format=stream` is written (default `ndjson`); the host picks it from `Accept`. */
  streamEncoding?: StreamEncoding;
}

export type UnifiedResponse =
  | { kind: 'json'; status: number; body: unknown; providerCalls: ProviderCallRecord[] }
  | {
      kind: 'stream';
      status: 200;
      contentType: 'application/x-ndjson' | 'application/json';
      /** NDJSON lines, or the pieces of one JSON document; pulled page by page as it is read. */
      body: AsyncIterable<string>;
      /** The calls that fetched the first page; later pages are logged, not kept, so memory stays flat. */
      providerCalls: ProviderCallRecord[];
    };

export interface UnifiedRuntime {
  execute(request: UnifiedRequest): Promise<UnifiedResponse>;
  /** `/proxy/{resource}[/{id}]`: a raw resource the connector declares, its records untouched. */
  executeRaw(
    request: RawRequest,
  ): Promise<{ status: number; body: unknown; providerCalls: ProviderCallRecord[] }>;
  /** Records served although they broke core's schema (output validation `log`), since start. */
  invalidRecordCount(): number;
}
