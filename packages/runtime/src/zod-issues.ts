import type { z } from 'zod';

export interface IssueSummary {
  path: string;
  code: string;
  message: string;
}

/** Where and what, never the offending value: inputs may be secrets. */
export function summarizeIssues(error: z.ZodError): IssueSummary[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

export function describeIssues(issues: readonly IssueSummary[]): string {
  return issues
    .map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`))
    .join('; ');
}
