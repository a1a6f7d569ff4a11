import { type RemoteQuery, UnsupportedParameterError } from '@unidir/core';

/** Writes send no provider query: a remote_query there would be silently ignored, so it is refused. */
export function refuseRemoteQuery(remoteQuery: RemoteQuery | undefined, what: string): void {
  if (remoteQuery && Object.keys(remoteQuery).length > 0) {
    throw new UnsupportedParameterError({
      parameter: 'remote_query',
      supported: [],
      reason: `${what} take no provider query`,
    });
  }
}
