declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the API token that authenticated the request. */
    tenantId: string;
    apiTokenId: string;
  }
  interface FastifyContextConfig {
    /** Served without an API token (health, OpenAPI document, docs page). */
    public?: boolean;
  }
}

export {};
