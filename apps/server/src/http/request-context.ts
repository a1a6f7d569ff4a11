declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the API token that authenticated the request. */
    tenantId: string;
    apiTokenId: string;
    /** The integrated account the request names ('' when none): its secrets are scrubbed from the answer. */
    integratedAccountId: string;
  }
  interface FastifyContextConfig {
    /** Served without an API token (health, OpenAPI document, docs page). */
    public?: boolean;
  }
}

export {};
