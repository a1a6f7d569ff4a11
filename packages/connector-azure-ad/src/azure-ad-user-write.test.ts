import { describe, expect, it } from 'vitest';
import { toGraphUserBody } from './azure-ad-user-write.js';

describe('unified user body -> Graph user properties', () => {
  it('builds a complete POST /users body', () => {
    expect(
      toGraphUserBody(
        {
          first_name: 'Grace',
          last_name: 'Hopper',
          username: 'grace.hopper@contoso.com',
          emails: [{ email: 'grace@contoso.com', is_primary: true }, { email: 'grace@navy.mil' }],
          phones: [
            { number: '+1 555 0100', type: 'work' },
            { number: '+1 555 0101', type: 'mobile' },
          ],
          languages: ['en-US'],
          identifiers: { employee_id: 'E1' },
          password: 'Cobol-1959!',
        },
        'create',
      ),
    ).toEqual({
      givenName: 'Grace',
      surname: 'Hopper',
      displayName: 'Grace Hopper',
      employeeId: 'E1',
      mail: 'grace@contoso.com',
      otherMails: ['grace@navy.mil'],
      userPrincipalName: 'grace.hopper@contoso.com',
      businessPhones: ['+1 555 0100'],
      mobilePhone: '+1 555 0101',
      faxNumber: null,
      preferredLanguage: 'en-US',
      passwordProfile: { password: 'Cobol-1959!', forceChangePasswordNextSignIn: true },
      accountEnabled: true,
      mailNickname: 'grace.hopper',
    });
  });

  it('sends only what an update names, and applies remote_data last', () => {
    expect(
      toGraphUserBody(
        { title: 'Admiral', status: 'inactive', remote_data: { department: 'Navy' } },
        'update',
      ),
    ).toEqual({
      jobTitle: 'Admiral',
      accountEnabled: false,
      department: 'Navy',
    });
  });

  it.each([
    [{ groups: [{ id: 'g' }] }, 'groups'],
    [{ avatar: 'https://example.test/a.png' }, 'avatar'],
    [{ status: 'deleted' }, 'status'],
    [{ phones: [{ number: '1' }, { number: '2' }] }, 'phones'],
    [{ languages: ['en', 'fr'] }, 'languages'],
    [{ identifiers: { upn2: 'x' } }, 'identifiers.upn2'],
  ])('refuses %o instead of dropping it', (body, parameter) => {
    expect(() => toGraphUserBody(body, 'update')).toThrow(
      expect.objectContaining({ code: 'unsupported_parameter', parameter }),
    );
  });

  it('says what a create is missing', () => {
    expect(() => toGraphUserBody({ name: 'X', username: 'x@contoso.com' }, 'create')).toThrow(/password/);
    expect(() => toGraphUserBody({ name: 'X', password: 'p' }, 'create')).toThrow(/username/);
    expect(() => toGraphUserBody({ username: 'x@contoso.com', password: 'p' }, 'create')).toThrow(/name/);
  });
});
