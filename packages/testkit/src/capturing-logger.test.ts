import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from './capturing-logger.js';

describe('createCapturingLogger', () => {
  it('keeps every line with its level, fields and message', () => {
    const logger = createCapturingLogger();
    logger.warn({ attempt: 2 }, 'retrying provider call');
    logger.debug({ step: 'x' });
    expect(logger.lines).toEqual([
      { level: 'warn', fields: { attempt: 2 }, message: 'retrying provider call' },
      { level: 'debug', fields: { step: 'x' } },
    ]);
  });

  it('renders errors, causes, bigints and cycles in text() so a secret scan sees everything', () => {
    const logger = createCapturingLogger();
    const cyclic: Record<string, unknown> = { big: 10n };
    cyclic.self = cyclic;
    const error = Object.assign(new Error('outer', { cause: new Error('inner has sekrit-1') }), {
      code: 'x',
    });
    logger.error({ error, cyclic });
    const text = logger.text();
    expect(text).toContain('outer');
    expect(text).toContain('sekrit-1');
    expect(text).toContain('"code":"x"');
    expect(text).toContain('"big":"10"');
    expect(text).toContain('[Circular]');
  });
});
