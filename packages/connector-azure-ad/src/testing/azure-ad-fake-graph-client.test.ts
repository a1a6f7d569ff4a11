import { Client, GraphError, PageIterator } from '@microsoft/microsoft-graph-client';
import { createClientCredentialsTokenProvider } from '@unidir/connector-utils';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AzureAdFake, startAzureAdFake } from './azure-ad-fake.js';

/**
 * The official Microsoft Graph JS client against the fake, over TLS: the client attaches its token and
 * follows @odata.nextLink only on https Graph (or custom) hosts, so the fake serves a throwaway certificate.
 */
describe('the official Graph client against the fake', () => {
  let fake: AzureAdFake;
  let agent: Agent;
  let client: Client;

  beforeAll(async () => {
    fake = await startAzureAdFake({ users: 12, tls: true });
    agent = new Agent({ connect: { ca: fake.server.certificatePem } });
    const tokens = createClientCredentialsTokenProvider({
      tokenUrl: fake.settings.token_url!,
      clientId: fake.credentials.client_id,
      clientSecret: 'client_secret' in fake.credentials ? fake.credentials.client_secret : undefined,
      scope: 'https://graph.microsoft.com/.default',
      cacheKey: 'graph-client-test',
      dispatcher: agent,
    });
    client = Client.init({
      baseUrl: fake.server.url,
      defaultVersion: 'v1.0',
      customHosts: new Set(['127.0.0.1']),
      // Node's fetch is undici: it takes undici's Agent (here trusting the fake's certificate) as dispatcher.
      fetchOptions: { dispatcher: agent } as unknown as RequestInit,
      authProvider: (done) => {
        tokens.getToken().then(
          (token) => done(null, token),
          (error: Error) => done(error, null),
        );
      },
    });
  });

  afterAll(async () => {
    await fake.close();
    await agent.close();
  });

  it('lists every user by following @odata.nextLink with PageIterator', async () => {
    const firstPage = await client.api('/users').select(['id', 'displayName', 'accountEnabled']).top(5).get();
    expect(firstPage['@odata.nextLink']).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?.*\$skiptoken=/);
    const ids: string[] = [];
    const iterator = new PageIterator(client, firstPage, (user: { id: string; accountEnabled: boolean }) => {
      expect(typeof user.accountEnabled).toBe('boolean');
      ids.push(user.id);
      return true;
    });
    await iterator.iterate();
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const listCalls = fake.server.journal.forRoute('users.list');
    expect(listCalls).toHaveLength(3);
    expect(listCalls.every((entry) => entry.headers.authorization !== undefined)).toBe(true);
  });

  it('gets, creates, updates and deletes a user', async () => {
    const [seeded] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const user = await client.api(`/users/${seeded!.id}`).get();
    expect(user).toMatchObject({ id: seeded!.id, userPrincipalName: seeded!.email });
    expect(user).not.toHaveProperty('accountEnabled');

    const created = await client.api('/users').post({
      accountEnabled: true,
      displayName: 'Katherine Johnson',
      mailNickname: 'kjohnson',
      userPrincipalName: `kjohnson@${fake.directory.domain}`,
      passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Orbit-1962!' },
    });
    expect(created).toMatchObject({
      displayName: 'Katherine Johnson',
      userPrincipalName: `kjohnson@${fake.directory.domain}`,
    });
    expect(fake.server.journal.forRoute('users.create')[0]?.status).toBe(201);

    await client.api(`/users/${created.id}`).patch({ jobTitle: 'Mathematician' });
    expect(fake.server.journal.forRoute('users.update')[0]?.status).toBe(204);
    const updated = await client.api(`/users/${created.id}`).select('jobTitle').get();
    expect(updated.jobTitle).toBe('Mathematician');

    await client.api(`/users/${created.id}`).delete();
    const deleted = await client.api('/directory/deletedItems/microsoft.graph.user').get();
    expect(deleted.value.map((item: { id: string }) => item.id)).toEqual([created.id]);
    await expect(client.api(`/users/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound',
    });
  });

  it('adds and removes a group membership, and reports a duplicate add as Graph does', async () => {
    const [user] = fake.directory.listUsers({ offset: 5, limit: 1 }).users;
    const groupId = fake.directory
      .listGroups({ offset: 0, limit: 3 })
      .groups.find((group) => !fake.directory.groupIdsOfUser(user!.id).includes(group.id))!.id;
    const reference = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${user!.id}` };
    await client.api(`/groups/${groupId}/members/$ref`).post(reference);
    expect(fake.directory.groupIdsOfUser(user!.id)).toContain(groupId);

    const duplicate = await client
      .api(`/groups/${groupId}/members/$ref`)
      .post(reference)
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(GraphError);
    expect(duplicate).toMatchObject({ statusCode: 400, code: 'Request_BadRequest' });
    expect((duplicate as GraphError).message).toContain('One or more added object references already exist');

    await client.api(`/groups/${groupId}/members/${user!.id}/$ref`).delete();
    expect(fake.directory.groupIdsOfUser(user!.id)).not.toContain(groupId);
  });

  it('creates, updates and deletes a group', async () => {
    const created = await client.api('/groups').post({
      displayName: 'Mercury Seven',
      mailNickname: 'mercury7',
      mailEnabled: false,
      securityEnabled: true,
    });
    expect(created).toMatchObject({ displayName: 'Mercury Seven', securityEnabled: true, groupTypes: [] });
    await client.api(`/groups/${created.id}`).patch({ description: 'Astronauts' });
    expect((await client.api(`/groups/${created.id}`).select('description').get()).description).toBe(
      'Astronauts',
    );
    await client.api(`/groups/${created.id}`).delete();
    await expect(client.api(`/groups/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'Request_ResourceNotFound',
    });
    const refused = await client
      .api('/groups')
      .post({ displayName: 'List', mailNickname: 'list', mailEnabled: true, securityEnabled: false })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 400, code: 'Request_BadRequest' });
  });

  it('reads the tenant: organization, SKUs, roles, role assignments and the application', async () => {
    const organization = await client.api('/organization').get();
    expect(organization.value).toMatchObject([{ id: fake.tenantId }]);
    const skus = await client.api('/subscribedSkus').get();
    expect(skus.value.map((sku: { skuPartNumber: string }) => sku.skuPartNumber)).toContain('ENTERPRISEPACK');
    const roles = await client.api('/roleManagement/directory/roleDefinitions').get();
    expect(roles.value.length).toBeGreaterThan(1);
    const [admin] = fake.directory.listUsers({ offset: 0, limit: 1 }).users;
    const assignments = await client
      .api('/roleManagement/directory/roleAssignments')
      .filter(`principalId eq '${admin!.id}'`)
      .expand('roleDefinition')
      .get();
    expect(assignments.value).toMatchObject([
      { principalId: admin!.id, roleDefinition: { displayName: 'Global Administrator' } },
    ]);
    const application = await client.api(`/servicePrincipals(appId='${fake.credentials.client_id}')`).get();
    expect(application).toMatchObject({
      id: fake.tenant.servicePrincipalId,
      appId: fake.credentials.client_id,
    });
  });

  it('pages through the audit log with PageIterator, newest first', async () => {
    const firstPage = await client.api('/auditLogs/directoryAudits').top(5).get();
    const times: string[] = [];
    const iterator = new PageIterator(client, firstPage, (event: { activityDateTime: string }) => {
      times.push(event.activityDateTime);
      return true;
    });
    await iterator.iterate();
    // Twelve seeded "Add user" events, plus what the earlier tests did through the fake.
    expect(times.length).toBeGreaterThanOrEqual(12);
    expect([...times].sort().reverse()).toEqual(times);
    expect(fake.server.journal.forRoute('directoryAudits.list').length).toBeGreaterThan(2);
  });

  it('needs ConsistencyLevel: eventual for $search, as Graph does', async () => {
    await expect(client.api('/users').search('"displayName:a"').get()).rejects.toMatchObject({
      statusCode: 400,
      code: 'Request_UnsupportedQuery',
    });
    const found = await client
      .api('/users')
      .header('ConsistencyLevel', 'eventual')
      .search('"displayName:a"')
      .get();
    expect(Array.isArray(found.value)).toBe(true);
  });
});
