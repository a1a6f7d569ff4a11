import { createPrivateKey, sign } from 'node:crypto';
import { ValidationError } from '@unidir/core';

function base64UrlJson(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A compact JWS signed with RS256 (RSASSA-PKCS1-v1_5 + SHA-256), for JWT-bearer grants and client assertions. */
export function signJwtRs256(
  claims: Record<string, unknown>,
  privateKeyPem: string,
  header: Record<string, unknown> = {},
): string {
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    // The key itself must never reach a message; only say what is wrong with it.
    throw new ValidationError({
      message: 'The private key is not a valid PEM private key.',
      code: 'invalid_private_key',
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ValidationError({ message: 'RS256 needs an RSA private key.', code: 'invalid_private_key' });
  }
  const signingInput = `${base64UrlJson({ ...header, alg: 'RS256', typ: 'JWT' })}.${base64UrlJson(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}
