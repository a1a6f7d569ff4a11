/**
 * Slack-shaped ids for the fake's records, derived from the seeded directory's indices: `W` + 8 base-36
 * digits for users (Grid user ids start with W), `S` for user groups, `T` for workspaces.
 */
export type SlackIdPrefix = 'W' | 'S' | 'T';

const digits = 8;

export function slackFakeId(prefix: SlackIdPrefix, index: number): string {
  return `${prefix}${index.toString(36).toUpperCase().padStart(digits, '0')}`;
}

/** The index a fake id stands for, or undefined for any other string. */
export function indexOfSlackFakeId(prefix: SlackIdPrefix, id: string): number | undefined {
  if (id.length !== digits + 1 || !id.startsWith(prefix) || !/^[0-9A-Z]+$/.test(id.slice(1)))
    return undefined;
  return Number.parseInt(id.slice(1), 36);
}

/** The Grid organization's id. */
export const slackFakeEnterpriseId = 'E0UNIDIR1';
export const slackFakeEnterpriseName = 'Unidir Grid';
