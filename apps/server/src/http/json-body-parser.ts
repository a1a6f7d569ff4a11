import type { FastifyInstance } from 'fastify';
import { containsNul, nulRefusal } from './input-guards.js';

/**
 * JSON bodies: an empty body is no body (SDKs send `content-type: application/json` on DELETE), and
 * `__proto__`/`constructor` keys are dropped so no parsed body can reach an object's prototype, and a NUL
 * anywhere is refused.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let hasNul = false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, (key, value) => {
        if (containsNul(key) || (typeof value === 'string' && containsNul(value))) hasNul = true;
        return key === '__proto__' || key === 'constructor' ? undefined : value;
      });
    } catch {
      const error = Object.assign(new Error('The request body is not valid JSON.'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      return done(error, undefined);
    }
    if (hasNul) return done(nulRefusal('request body'), undefined);
    done(null, parsed);
  });
}
