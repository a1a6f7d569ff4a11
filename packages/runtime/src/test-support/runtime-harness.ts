import type { OperationName, UnidirError } from '@unidir/core';
import { ConnectorRegistry } from '../connector-registry.js';
import { parseUnifiedQuery } from '../parse-unified-query.js';
import type { UnifiedRequest, UnifiedResponse } from '../unified-request.js';
import { createUnifiedRuntime, type UnifiedRuntimeOptions } from '../unified-runtime.js';
import {
  createRecordingConnector,
  createRecordingProvider,
  recordingAccount,
  silentLogger,
} from './recording-connector.js';

/** A runtime over the recording connector, called the way the server calls it: a query string in, a response out. */
export function createRecordingHarness(options: Partial<UnifiedRuntimeOptions> = {}) {
  const provider = createRecordingProvider();
  const connector = createRecordingConnector(provider);
  const runtime = createUnifiedRuntime({
    registry: new ConnectorRegistry([connector]),
    logger: silentLogger,
    ...options,
  });
  const call = (
    method: OperationName,
    resource: string,
    queryString = '',
    extra: Partial<Omit<UnifiedRequest, 'method' | 'resource' | 'query'>> = {},
  ): Promise<UnifiedResponse> =>
    runtime.execute({
      account: recordingAccount,
      method,
      resource,
      query: parseUnifiedQuery(queryString),
      ...extra,
    });
  const json = async (...parameters: Parameters<typeof call>) => {
    const response = await call(...parameters);
    if (response.kind !== 'json') throw new Error('expected a JSON response');
    return response;
  };
  const refusal = async (...parameters: Parameters<typeof call>): Promise<UnidirError> => {
    const error = await call(...parameters).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (error === undefined) throw new Error('the call was accepted');
    return error as UnidirError;
  };
  return { provider, connector, runtime, call, json, refusal };
}
