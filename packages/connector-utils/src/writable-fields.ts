import { UnsupportedParameterError } from '@unidir/core';

export interface WritableFieldsOptions {
  /** Why the provider cannot store the refused field, for the error message. */
  reason: string;
  /** Put before the field name in the error's `parameter` (e.g. `body.`). */
  parameterPrefix?: string;
}

/**
 * Refuses any body field the provider cannot store: silently dropping it would report a write as done that
 * never happened. Fields given as undefined are not set, so they are not refused.
 */
export function assertWritableFields(
  body: object,
  writableFields: readonly string[],
  options: WritableFieldsOptions,
): void {
  for (const [field, value] of Object.entries(body)) {
    if (value !== undefined && !writableFields.includes(field)) {
      throw new UnsupportedParameterError({
        parameter: `${options.parameterPrefix ?? ''}${field}`,
        supported: [...writableFields],
        reason: options.reason,
      });
    }
  }
}
