import { ValidationError } from '@unidir/core';
import type { z } from 'zod';

/**
 * Validates an account's credentials or settings with the connector's schema, naming only the paths at
 * fault: credential values must never reach a message.
 */
export function parseAccountPart<Output>(
  connectorId: string,
  schema: z.ZodType<Output>,
  value: unknown,
  part: 'credentials' | 'settings',
): Output {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const paths = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  throw new ValidationError({
    message: `The ${connectorId} ${part} are not valid (check: ${paths.join(', ')}).`,
    code: `invalid_${part}`,
    details: { paths },
  });
}
