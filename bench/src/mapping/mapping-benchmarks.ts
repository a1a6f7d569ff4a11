import { isDeepStrictEqual } from 'node:util';
import jsonata from 'jsonata';
import type { BenchConfig } from '../bench-config.js';
import type { FakeConnectorId } from '../processes/fake-provider-process.js';
import { formatRate, formatRatio, type ResultRow, repeatedCell } from '../result-table.js';

/** One connector's mapping, the same written in JSONata, and provider pages to map. */
export interface MappingSubject {
  connector: FakeConnectorId;
  label: string;
  /**
   * `provider`: list pages fetched from the fake by the bench with the connector's own request;
   * `unidir-raw`: list pages of the provider's records as unidir's raw format returns them.
   */
  pagesFrom: 'provider' | 'unidir-raw';
  usersOf(page: unknown): readonly unknown[];
  mapUser(user: never): unknown;
  /** Evaluated against one page; returns the page's unified users. */
  jsonataExpression: string;
  /** Users per second per core the TypeScript mapping must reach, and its minimum ratio over JSONata. */
  goal?: { usersPerSecond: number; ratioOverJsonata: number };
}

/** Provider list pages, parsed, as the connector requests them. */
export type MappingSubjectWithPages = MappingSubject & { pages: readonly unknown[] };

export interface MappingMeasurement {
  typescript: number[];
  jsonata: number[];
}

const normalize = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

/** The comparison is only fair between equal mappings: every user must map to the same unified user. */
async function assertSameMapping(
  subject: MappingSubjectWithPages,
  expression: jsonata.Expression,
): Promise<void> {
  for (const page of subject.pages) {
    const fromJsonata = (await expression.evaluate(page)) as unknown[];
    const users = subject.usersOf(page);
    users.forEach((user, index) => {
      const expected = normalize(subject.mapUser(user as never));
      const actual = normalize(fromJsonata[index]);
      if (!isDeepStrictEqual(expected, actual)) {
        throw new Error(
          `${subject.label}: the JSONata mapping differs from the TypeScript one:\n${JSON.stringify(expected)}\n${JSON.stringify(actual)}`,
        );
      }
    });
  }
}

/**
 * Maps the pages round-robin, page after page, for at least `minimumMs`: users per second of the bench's
 * one thread. The clock is read per page so a slow mapping is not held to whole passes over every page.
 */
async function usersPerSecond(
  minimumMs: number,
  mapPage: (page: unknown) => unknown,
  subject: MappingSubjectWithPages,
) {
  const start = process.hrtime.bigint();
  const minimumNs = BigInt(minimumMs) * 1_000_000n;
  let users = 0;
  for (
    let index = 0;
    process.hrtime.bigint() - start < minimumNs;
    index = (index + 1) % subject.pages.length
  ) {
    const mapped = (await mapPage(subject.pages[index])) as unknown[];
    users += mapped.length;
  }
  return users / (Number(process.hrtime.bigint() - start) / 1e9);
}

export async function measureMapping(
  subject: MappingSubjectWithPages,
  config: BenchConfig,
): Promise<MappingMeasurement> {
  const expression = jsonata(subject.jsonataExpression);
  await assertSameMapping(subject, expression);
  const mapWithTypescript = (page: unknown) =>
    subject.usersOf(page).map((user) => subject.mapUser(user as never));
  const mapWithJsonata = (page: unknown) => expression.evaluate(page);
  const measurement: MappingMeasurement = { typescript: [], jsonata: [] };
  for (let repetition = 0; repetition < config.repetitions; repetition++) {
    measurement.typescript.push(await usersPerSecond(config.mapping.minimumMs, mapWithTypescript, subject));
    measurement.jsonata.push(await usersPerSecond(config.mapping.minimumMs, mapWithJsonata, subject));
  }
  return measurement;
}

export function mappingRows(subject: MappingSubject, measurement: MappingMeasurement): ResultRow[] {
  const users = (value: number) => formatRate(value, 'users');
  const typescript = repeatedCell(measurement.typescript, users);
  const fromJsonata = repeatedCell(measurement.jsonata, users);
  const ratio = repeatedCell(
    measurement.typescript.map((rate, repetition) => rate / (measurement.jsonata[repetition] as number)),
    formatRatio,
  );
  const goal = subject.goal;
  return [
    {
      benchmark: 'M4',
      measure: `${subject.label} mapping (TypeScript), one core`,
      value: typescript.value,
      spread: typescript.spread,
      ...(goal
        ? { goal: `≥ ${users(goal.usersPerSecond)}`, met: typescript.median >= goal.usersPerSecond }
        : {}),
    },
    {
      benchmark: 'M4',
      measure: `${subject.label} mapping (JSONata), one core`,
      value: fromJsonata.value,
      spread: fromJsonata.spread,
    },
    {
      benchmark: 'M4',
      measure: `${subject.label} TypeScript / JSONata`,
      value: ratio.value,
      spread: ratio.spread,
      ...(goal
        ? { goal: `≥ ${formatRatio(goal.ratioOverJsonata)}`, met: ratio.median >= goal.ratioOverJsonata }
        : {}),
    },
  ];
}
