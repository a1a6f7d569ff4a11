import { ValidationError } from '@unidir/core';
import type { FastifyInstance } from 'fastify';

/** No database column, provider or log takes a NUL byte: refused wherever a request could carry one. */
export function containsNul(text: string): boolean {
  return text.includes('\0');
}

export function nulRefusal(where: string): ValidationError {
  return new ValidationError({
    code: 'invalid_character',
    message: `The ${where} contains a NUL character (%00, \\u0000), which no field accepts.`,
  });
}

/** Refuses a URL that carries a NUL (percent-encoded), before authentication and routing. */
export function registerInputGuards(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const url = request.raw.url ?? '';
    if (/%00/i.test(url) || containsNul(url)) return done(nulRefusal('URL'));
    done();
  });
}
