import type { ConnectorLogger } from '@unidir/core';

/** A logger that adds `fields` to every line, so connector logs name the account they concern. */
export function withLogFields(logger: ConnectorLogger, fields: Record<string, unknown>): ConnectorLogger {
  return {
    debug: (lineFields, message) => logger.debug({ ...fields, ...lineFields }, message),
    info: (lineFields, message) => logger.info({ ...fields, ...lineFields }, message),
    warn: (lineFields, message) => logger.warn({ ...fields, ...lineFields }, message),
    error: (lineFields, message) => logger.error({ ...fields, ...lineFields }, message),
  };
}
