import { UnidirError } from '@unidir/core';

/** A connector that cannot be used: its package could not be imported, or its export breaks the contract. */
export class ConnectorLoadError extends UnidirError {
  /** The npm package the connector came from, when it was loaded by name. */
  readonly packageName?: string;
  readonly problems: readonly string[];

  constructor(options: {
    source: string;
    problems: readonly string[];
    packageName?: string;
    cause?: unknown;
  }) {
    super({
      message: `Cannot load connector ${options.source}: ${options.problems.join('; ')}.`,
      code: 'connector_load_failed',
      httpStatus: 500,
      name: 'ConnectorLoadError',
      cause: options.cause,
      details: { package: options.packageName, problems: [...options.problems] },
    });
    this.problems = options.problems;
    if (options.packageName !== undefined) this.packageName = options.packageName;
  }
}
