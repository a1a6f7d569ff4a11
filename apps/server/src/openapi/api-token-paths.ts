/** `/api-token` in the OpenAPI document: kept beside the routes' own shapes, merged into `paths`. */
const apiTokenSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    prefix: { type: ['string', 'null'], description: 'The first 12 characters, to recognise the token.' },
    scope: { type: 'string', enum: ['read', 'write', 'admin'] },
    created_at: { type: 'string', format: 'date-time' },
    expires_at: { type: ['string', 'null'], format: 'date-time' },
    last_used_at: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'name', 'prefix', 'scope', 'created_at', 'expires_at', 'last_used_at'],
};

const jsonContent = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const apiTokenPaths = {
  '/api-token': {
    get: {
      tags: ['API tokens'],
      summary: "The tenant's API tokens (never their secret); needs an admin token",
      responses: {
        '200': jsonContent(
          {
            type: 'object',
            properties: {
              result: { type: 'array', items: apiTokenSchema },
              next_cursor: { type: 'null' },
              prev_cursor: { type: 'null' },
              result_count: { type: 'integer' },
            },
          },
          'OK',
        ),
      },
    },
    post: {
      tags: ['API tokens'],
      summary: 'Creates a token, shown once in `token`; needs an admin token',
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              properties: {
                name: { type: 'string', maxLength: 200 },
                scope: { type: 'string', enum: ['read', 'write', 'admin'], default: 'read' },
                expires_at: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
      responses: {
        '201': jsonContent(
          { allOf: [apiTokenSchema, { type: 'object', properties: { token: { type: 'string' } } }] },
          'Created',
        ),
      },
    },
  },
  '/api-token/{id}': {
    delete: {
      tags: ['API tokens'],
      summary: 'Revokes a token; needs an admin token',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': jsonContent(
          { type: 'object', properties: { id: { type: 'string' }, revoked: { type: 'boolean' } } },
          'Revoked',
        ),
      },
    },
  },
};
