import type { BenchConfig } from './bench-config.js';
import {
  type FakeProcess,
  prerenderedView,
  startFakeProcess,
  startPassthroughProxy,
  startUnidirServer,
  type UnidirServerProcess,
} from './bench-environment.js';
import type { BenchProcess } from './bench-process.js';
import { mappingSubjects } from './mapping/connector-mappings.js';
import { type MappingSubject, mappingRows, measureMapping } from './mapping/mapping-benchmarks.js';
import { fetchProviderPages, pageDirectly, providerAuthorization } from './provider-direct.js';
import { learnProviderRequest } from './provider-request.js';
import {
  latencyRows,
  measureRequestPaths,
  type RequestPath,
  throughputRows,
} from './request-path-benchmarks.js';
import type { ResultRow } from './result-table.js';
import { measureStreaming, streamFirstPagePath, streamingRows } from './streaming-benchmarks.js';
import { measureThrottling, throttlingRows } from './throttling-benchmarks.js';
import {
  authorizationHeaders,
  callUnified,
  fetchRawUserPages,
  type UnidirEndpoint,
  unifiedUsersPath,
} from './unidir-api.js';

/** Users of the fake behind M1/M2 and M5, and of the warm-up stream before each M3 stream. */
const smallDirectoryUsers = 1_000;

interface RunningProcesses {
  stopAll(): Promise<void>;
  track<Child extends { stop(): Promise<void> }>(child: Promise<Child>): Promise<Child>;
}

function processTracker(): RunningProcesses {
  const running: Array<{ stop(): Promise<void> }> = [];
  return {
    async track(child) {
      const started = await child;
      running.push(started);
      return started;
    },
    async stopAll() {
      await Promise.allSettled(running.reverse().map((child) => child.stop()));
    },
  };
}

async function firstUserId(endpoint: UnidirEndpoint, accountId: string): Promise<string> {
  const list = await callUnified(endpoint, {
    method: 'GET',
    path: unifiedUsersPath({ accountId, query: { limit: '1' } }),
  });
  const id = (list.body as { result?: Array<{ id?: string }> }).result?.[0]?.id;
  if (list.status !== 200 || id === undefined) {
    throw new Error(`listing one user answered ${list.status}: ${JSON.stringify(list.body).slice(0, 500)}`);
  }
  return id;
}

async function listPagePath(
  server: UnidirServerProcess,
  fake: FakeProcess,
  pageSize: number,
): Promise<string> {
  const accountId = await server.connect(fake);
  return learnProviderRequest(fake, () =>
    callUnified(server.endpoint, {
      method: 'GET',
      path: unifiedUsersPath({ accountId, query: { limit: String(pageSize) } }),
    }),
  );
}

/**
 * The first page's provider request of each fake's stream, learned once: a pre-rendered front answers a
 * repeated request from memory, so the fake's journal would not see it a second time.
 */
function rememberedStreamPagePaths(server: UnidirServerProcess, config: BenchConfig) {
  const known = new Map<string, Promise<string>>();
  return (fake: FakeProcess): Promise<string> => {
    const path = known.get(fake.info.url) ?? streamFirstPagePath(server, fake, config.streaming.limit);
    known.set(fake.info.url, path);
    return path;
  };
}

/** Rows measured against pre-rendered fakes, told apart from the same rows against the fakes themselves. */
function onPrerenderedFakes(rows: ResultRow[]): ResultRow[] {
  return rows.map((row) => ({ ...row, measure: `${row.measure} [pre-rendered fake]` }));
}

async function requestPathTargets(
  server: UnidirServerProcess,
  fake: FakeProcess,
  proxy: BenchProcess<{ url: string }>,
) {
  const accountId = await server.connect(fake);
  const userId = await firstUserId(server.endpoint, accountId);
  const unifiedPath = unifiedUsersPath({ accountId, userId });
  const providerPath = await learnProviderRequest(fake, () =>
    callUnified(server.endpoint, { method: 'GET', path: unifiedPath }),
  );
  const providerHeaders = await providerAuthorization(fake);
  const unidirHeaders = authorizationHeaders(server.endpoint);
  return {
    direct: { origin: fake.info.url, path: providerPath, headers: providerHeaders },
    proxy: { origin: proxy.info.url, path: providerPath, headers: providerHeaders },
    raw: {
      origin: server.endpoint.url,
      path: unifiedUsersPath({ accountId, userId, query: { truto_response_format: 'raw' } }),
      headers: unidirHeaders,
    },
    unified: { origin: server.endpoint.url, path: unifiedPath, headers: unidirHeaders },
  } satisfies Record<RequestPath, unknown>;
}

export type BenchmarkId = ResultRow['benchmark'];

/** Runs M1-M5 (or `only` those) against fresh processes and returns the table rows, in order. */
export async function runBenchmarks(
  config: BenchConfig,
  options: { progress?: (message: string) => void; only?: ReadonlySet<BenchmarkId> } = {},
): Promise<ResultRow[]> {
  const progress = options.progress ?? (() => {});
  const selected = (...benchmarks: BenchmarkId[]) =>
    options.only === undefined || benchmarks.some((benchmark) => options.only?.has(benchmark));
  const processes = processTracker();
  try {
    progress('starting the fake providers, the pass-through proxy and the unidir server');
    const [small, large, streamSmall, google] = await Promise.all([
      processes.track(startFakeProcess('azure-ad', smallDirectoryUsers)),
      processes.track(startFakeProcess('azure-ad', config.streaming.largeUsers)),
      processes.track(startFakeProcess('azure-ad', config.streaming.smallUsers)),
      processes.track(
        startFakeProcess(
          'google-workspace',
          Math.max(config.mapping.pages * config.mapping.pageSize, smallDirectoryUsers),
        ),
      ),
    ]);
    const mappingUsers = config.mapping.pages * config.mapping.pageSize;
    const rawMappingFakes = await Promise.all(
      mappingSubjects
        .filter((subject) => subject.pagesFrom === 'unidir-raw')
        .map((subject) => processes.track(startFakeProcess(subject.connector, mappingUsers))),
    );
    const [prerenderedSmall, prerenderedLarge, prerenderedStreamSmall] = [small, large, streamSmall].map(
      prerenderedView,
    ) as [FakeProcess, FakeProcess, FakeProcess];
    const proxy = await processes.track(startPassthroughProxy(small.info.url));
    const prerenderedProxy = await processes.track(startPassthroughProxy(prerenderedSmall.info.url));
    const server = await processes.track(
      startUnidirServer([
        small,
        large,
        streamSmall,
        google,
        prerenderedSmall,
        prerenderedLarge,
        prerenderedStreamSmall,
        ...rawMappingFakes,
      ]),
    );
    const rows: ResultRow[] = [];

    const mappingPages = async (subject: MappingSubject): Promise<unknown[]> => {
      if (subject.pagesFrom === 'provider') {
        const fake = subject.connector === 'azure-ad' ? large : google;
        const firstPage = await listPagePath(server, fake, config.mapping.pageSize);
        return fetchProviderPages(fake, firstPage, config.mapping.pages);
      }
      const fake = rawMappingFakes.find((candidate) => candidate.connector === subject.connector);
      if (fake === undefined) throw new Error(`no ${subject.connector} fake was started for M4`);
      return fetchRawUserPages(server.endpoint, await server.connect(fake), {
        count: config.mapping.pages,
        pageSize: config.mapping.pageSize,
      });
    };

    progress('M4: mapping provider pages to unified users, TypeScript vs JSONata');
    for (const subject of selected('M4') ? mappingSubjects : []) {
      const pages = await mappingPages(subject);
      const resolved = { ...subject, pages };
      rows.push(...mappingRows(resolved, await measureMapping(resolved, config)));
    }

    if (selected('M1', 'M2')) {
      progress('M1/M2: get one user through each path');
      const targets = await requestPathTargets(server, small, proxy);
      // The fake journals every request it answers; emptied after each run, it stays small and fast.
      const measurements = await measureRequestPaths(targets, config, () => small.call('clear-journal'));
      rows.push(...latencyRows(measurements, config), ...throughputRows(measurements, config));

      progress('M1/M2: the same against the pre-rendered fake');
      const prerenderedTargets = await requestPathTargets(server, prerenderedSmall, prerenderedProxy);
      const prerendered = await measureRequestPaths(prerenderedTargets, config, () =>
        small.call('clear-journal'),
      );
      rows.push(
        ...onPrerenderedFakes([...latencyRows(prerendered, config), ...throughputRows(prerendered, config)]),
      );
    }

    if (selected('M3')) {
      progress('M3: streaming whole directories through fresh server processes');
      const firstPagePath = rememberedStreamPagePaths(server, config);
      const streaming = await measureStreaming(
        { warmup: small, small: streamSmall, large },
        config,
        firstPagePath,
      );
      await Promise.all([small, streamSmall, large].map((fake) => fake.call('clear-journal')));
      rows.push(...streamingRows(streaming, config));

      progress('M3: rendering every page of the pre-rendered fakes once');
      const prerenderedFakes = {
        warmup: prerenderedSmall,
        small: prerenderedStreamSmall,
        large: prerenderedLarge,
      };
      for (const fake of Object.values(prerenderedFakes)) {
        await pageDirectly(fake, await firstPagePath(fake));
      }
      progress('M3: streaming against the pre-rendered fakes');
      const prerenderedStreaming = await measureStreaming(prerenderedFakes, config, firstPagePath);
      await Promise.all([small, streamSmall, large].map((fake) => fake.call('clear-journal')));
      rows.push(...onPrerenderedFakes(streamingRows(prerenderedStreaming, config)));
      const counts = await prerenderedLarge.call<{ served: number; rendered: number }>('prerendered-counts');
      progress(
        `M3: the large pre-rendered fake served ${counts.served} answers from memory and rendered ${counts.rendered}`,
      );
    }

    // Last, because it creates and updates users in the fake behind M1/M2.
    if (selected('M5')) {
      progress('M5: a mixed workload while the provider throttles');
      const throttledAccount = await server.connect(small);
      rows.push(
        ...throttlingRows(await measureThrottling(server.endpoint, small, throttledAccount, config), config),
      );
    }
    return rows.sort((left, right) => left.benchmark.localeCompare(right.benchmark));
  } finally {
    await processes.stopAll();
  }
}
