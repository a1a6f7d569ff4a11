import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies: an empty body is no body (SDKs send `content-type: application/json` on DELETE), and
 * `__proto__`/`constructor` keys are dropped so no parsed body can reach an object's prototype.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(
        null,
        JSON.parse(text, (key, value) => (key === '__proto__' || key === 'constructor' ? undefined : value)),
      );
    } catch {
      const error = Object.assign(new Error('The request body is not valid JSON.'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      done(error, undefined);
    }
  });
}
