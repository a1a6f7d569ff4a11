import { ProviderInvalidResponseError, ProviderTimeoutError } from '@unidir/core';

export const defaultMaxResponseBytes = 32 * 1024 * 1024;

/**
 * Reads a response body as text, refusing more than `maxBytes` (the provider is untrusted input) and, with
 * `deadline`, any chunk that arrives after it: a body trickling in faster than the idle timeout still ends.
 */
export async function readBodyText(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  maxBytes: number,
  deadline?: { until: number; now: () => number },
) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (deadline !== undefined && deadline.now() >= deadline.until) {
      body.destroy();
      throw new ProviderTimeoutError({
        message: "The call's time budget ran out while the response was read.",
      });
    }
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      throw new ProviderInvalidResponseError({
        message: `The provider's response exceeded the ${maxBytes}-byte limit.`,
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON when the text is JSON; undefined for an empty body; otherwise the text (some error pages are HTML). */
export function parseBodyText(text: string, contentType: string | undefined): unknown {
  if (text.length === 0) return undefined;
  const declaredJson = contentType === undefined || /[/+]json\b/i.test(contentType);
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!declaredJson) return text;
    throw new ProviderInvalidResponseError({
      message: 'The provider answered with invalid or truncated JSON.',
      cause: error,
    });
  }
}

/** undici's headers, flattened: lower-case names, repeated headers joined as HTTP allows. */
export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
