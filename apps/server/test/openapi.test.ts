import { validate as validateWithReadme } from '@readme/openapi-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocsPage } from '../src/openapi/docs-page.js';
import { createOpenApiDocument } from '../src/openapi/openapi-document.js';
import { createSqliteLeg, type StorageLeg } from './support/storage-legs.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('OpenAPI document and docs page', () => {
  let leg: StorageLeg;
  let api: TestServer;
  beforeAll(async () => {
    leg = await createSqliteLeg();
    api = await startTestServer({
      ...leg.config,
      connectorPackages: ['@unidir/connector-azure-ad', '@unidir/connector-google-workspace'],
    });
  });
  afterAll(async () => {
    await api?.close();
    await leg?.dispose();
  });

  it('serves /openapi.json without a token, generated from the unified schemas', async () => {
    const response = await api.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths['/unified/user-directory/users/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    const user = document.components.schemas.UnifiedUser;
    expect(Object.keys(user.properties)).toEqual(
      expect.arrayContaining(['emails', 'last_login_at', 'remote_data', 'licenses']),
    );
    const deleteParameters = document.paths['/unified/user-directory/users/{id}'].delete.parameters;
    expect(deleteParameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'remove_from',
          schema: expect.objectContaining({ enum: ['group', 'organization'] }),
        }),
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
        expect.objectContaining({ name: 'integrated_account_id', required: true }),
      ]),
    );
    const listParameters = document.paths['/unified/user-directory/users'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(listParameters).toEqual(
      expect.arrayContaining(['next_cursor', 'limit', 'truto_response_format', 'remote_query']),
    );
    expect(listParameters).not.toContain('cursor');
  });

  it('is a valid OpenAPI 3.1 document for two independent validators', async () => {
    const document = createOpenApiDocument('0.0.0-test');
    const schemaCheck = await new Validator().validate(structuredClone(document));
    expect(schemaCheck.errors ?? []).toEqual([]);
    expect(schemaCheck.valid).toBe(true);
    const parserCheck = await validateWithReadme(structuredClone(document) as never);
    expect(parserCheck).toMatchObject({ valid: true });
  });

  it('says per integration what each delete option does, from the manifests, and still validates', async () => {
    const document = (await api.call('GET', '/openapi.json')).body;
    const deletion = document.paths['/unified/user-directory/users/{id}'].delete;
    expect(deletion.description).toContain('azure-ad:');
    expect(deletion.description).toContain('google-workspace:');
    const permanent = deletion.parameters.find(
      (parameter: { name: string }) => parameter.name === 'permanent',
    );
    expect(permanent.description).toMatch(/azure-ad: .*deletedItems/);
    const product = deletion.parameters.find((parameter: { name: string }) => parameter.name === 'product');
    expect(product.description).toContain('azure-ad: only azure_active_directory');
    const schemaCheck = await new Validator().validate(structuredClone(document));
    expect(schemaCheck.errors ?? []).toEqual([]);
    expect(await validateWithReadme(structuredClone(document) as never)).toMatchObject({ valid: true });
  });

  it('gives every operation a unique operationId and names the server', () => {
    const document = createOpenApiDocument('0.0.0-test') as {
      servers: Array<{ url: string }>;
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([key]) => ['get', 'post', 'patch', 'delete'].includes(key))
        .map(([method, operation]) => ({ route: `${method} ${path}`, id: operation.operationId })),
    );
    expect(operations.filter((operation) => !operation.id)).toEqual([]);
    const ids = operations.map((operation) => operation.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['listUsers', 'getUsers', 'deleteUsers', 'createGroupsAddUser']),
    );
  });

  it('documents the answers as sent: create 201 or a dry run 200, idempotency conflicts, one list media type', () => {
    const document = createOpenApiDocument('0.0.0-test') as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    const create = document.paths['/unified/user-directory/users']?.post?.responses ?? {};
    expect(Object.keys(create)).toEqual(
      expect.arrayContaining(['200', '201', '405', '409', '422', '429', '502', '504']),
    );
    const list = document.paths['/unified/user-directory/users']?.get?.responses ?? {};
    expect(Object.keys(list['200']?.content ?? {})).toEqual(['application/json']);
  });

  it('lets the optional fields of records be null, as the normalized format sends them', () => {
    const document = createOpenApiDocument('0.0.0-test') as {
      components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
    };
    const user = document.components.schemas.UnifiedUser;
    expect(user?.properties.title).toEqual({ anyOf: [expect.anything(), { type: 'null' }] });
    for (const name of user?.required ?? []) {
      expect(user?.properties[name]).not.toHaveProperty('anyOf');
    }
  });

  it('documents every unified resource and custom method, with a description on every parameter', () => {
    const document = createOpenApiDocument('0.0.0-test') as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; description?: string }> }>>;
    };
    const routes = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/unified/'))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => key !== 'parameters')
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /unified/user-directory/groups',
        'PATCH /unified/user-directory/groups/{id}',
        'DELETE /unified/user-directory/groups/{id}',
        'POST /unified/user-directory/groups/add-user',
        'POST /unified/user-directory/groups/remove-user',
        'GET /unified/user-directory/roles',
        'GET /unified/user-directory/roles/{id}',
        'GET /unified/user-directory/role_assignments',
        'GET /unified/user-directory/licenses/{id}',
        'GET /unified/user-directory/organizations/{id}',
        'GET /unified/user-directory/workspaces/{id}',
        'GET /unified/user-directory/me',
        'GET /unified/user-directory/activities',
      ]),
    );
    const undescribed = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/unified/'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([key]) => key !== 'parameters')
          .flatMap(([method, operation]) =>
            (operation.parameters ?? [])
              .filter((parameter) => !parameter.description)
              .map((parameter) => `${method} ${path} ${parameter.name}`),
          ),
      );
    expect(undescribed).toEqual([]);
  });

  it('serves /docs as one self-contained page that loads nothing from elsewhere', async () => {
    const response = await api.call('GET', '/docs');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).not.toMatch(/<script[^>]+src=/i);
    expect(response.text).not.toMatch(/<link[^>]+href=/i);
    expect(response.text).not.toMatch(/https?:\/\/(?!json-schema\.org)[a-z]/i);
    expect(response.text).toContain('/unified/user-directory/users/{id}');
  });

  it('cannot be broken out of by text inside the document', () => {
    const page = renderDocsPage({ info: { title: '</script><script>alert(1)</script>' }, paths: {} });
    expect(page).not.toContain('</script><script>alert(1)');
  });

  it('lists the loaded integrations with their manifests and computed coverage', async () => {
    const token = await api.createToken('default');
    const response = await api.call('GET', '/integrations', { token });
    expect(response.status).toBe(200);
    expect(response.body.result.map((integration: { id: string }) => integration.id)).toEqual([
      'azure-ad',
      'google-workspace',
    ]);
    for (const integration of response.body.result) {
      expect(integration.sandbox_available).toBe(true);
      expect(integration.manifest.users.list).toBeDefined();
    }
    expect(response.body.coverage.users.list.supported).toBe(2);
    expect(response.body.coverage.users.delete.parameters.permanent.integrations.length).toBeGreaterThan(0);
  });

  it('states each field note once per integration, beside the unchanged manifest', async () => {
    const token = await api.createToken('default');
    const response = await api.call('GET', '/integrations', { token });
    const google = response.body.result.find(
      (integration: { id: string }) => integration.id === 'google-workspace',
    );
    const emailsNote = google.manifest.users.list.fields.emails.notes;
    expect(google.manifest.users.get.fields.emails.notes).toBe(emailsNote);
    expect(google.field_notes.users.emails).toBe(emailsNote);
    expect(google.field_notes.groups.member_count).toBe('directMembersCount');
    const single = await api.call('GET', '/integrations/google-workspace', { token });
    expect(single.body.field_notes).toEqual(google.field_notes);
  });

  it('tells an integration that accepts only permanent=false apart from one that supports permanent', async () => {
    const token = await api.createToken('default');
    const response = await api.call('GET', '/integrations', { token });
    const permanent = response.body.coverage.users.delete.parameters.permanent;
    expect(permanent.restricted).toEqual(
      expect.arrayContaining([{ integration: 'google-workspace', values: ['false'] }]),
    );
    expect(permanent.restricted.map((entry: { integration: string }) => entry.integration)).not.toContain(
      'azure-ad',
    );
  });
});
