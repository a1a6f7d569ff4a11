import { ValidationError } from '@unidir/core';

/** Slack ids are upper-case letters and digits (`W012A3CDE`, `S0614TZR7`, `T012AB3C4`, `E012AB3C4`). */
const slackIdPattern = /^[A-Z0-9]{2,32}$/;

/** Refuses an id that is not a Slack id before it reaches a URL or a SCIM filter. */
export function assertSlackId(parameter: string, id: string): void {
  if (!slackIdPattern.test(id)) {
    throw new ValidationError({
      message: `${parameter} must be a Slack id (upper-case letters and digits, e.g. W012A3CDE), got "${id.slice(0, 40)}".`,
      code: 'invalid_id',
      details: { parameter },
    });
  }
}
