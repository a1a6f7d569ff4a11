import replyFrom from '@fastify/reply-from';
import Fastify from 'fastify';
import { readProcessOptions, serveBenchProcess } from './process-protocol.js';

/**
 * Path (b) of M1/M2: the minimal Node proxy a unified layer should stay near. It forwards every
 * request to the fake provider untouched (reply-from on an undici pool) and parses nothing.
 */
const options = readProcessOptions<{ upstream: string }>();

const app = Fastify({ logger: false });
await app.register(replyFrom, { base: options.upstream });
app.all('/*', (request, reply) => reply.from(request.url));

const url = await app.listen({ host: '127.0.0.1', port: 0 });
serveBenchProcess({ info: { url }, close: () => app.close() });
