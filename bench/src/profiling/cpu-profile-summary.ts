/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time is read from. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** Microseconds since the previous sample (the first: since the profile started). */
  timeDeltas: number[];
}

export interface PackageSelfTime {
  name: string;
  microseconds: number;
  /** Share of the profiled process's busy time (everything but idle). */
  share: number;
}

/** V8's pseudo frames, named for what they stand for. */
const pseudoFrames: Record<string, string> = {
  '(garbage collector)': 'V8 garbage collector',
  '(program)': 'V8 / native (program)',
  '(idle)': 'idle',
  '(root)': 'V8 / native (program)',
};

const workspaceFolders: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/\/packages\/([^/]+)\//, (match) => `@unidir/${match[1]}`],
  [/\/apps\/([^/]+)\//, (match) => `@unidir/${match[1]}`],
  [/\/bench\//, () => '@unidir/bench'],
];

/**
 * The package a frame's script belongs to: the last `node_modules/<name>` in its path (scoped names kept),
 * else the workspace package, else Node's own modules by area, else V8's pseudo frames and natives.
 */
export function packageOfFrame(frame: { functionName: string; url: string }): string {
  const pseudo = pseudoFrames[frame.functionName];
  if (pseudo !== undefined && frame.url === '') return pseudo;
  const { url } = frame;
  if (url === '') return 'V8 / native (builtins)';
  // Node's own modules by area (node:internal/streams/writable -> node:streams), so AbortSignal, streams
  // and sockets stand apart.
  if (url.startsWith('node:'))
    return `node:${
      url
        .slice('node:'.length)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  if (url.startsWith('wasm://')) return 'WebAssembly (llhttp, the HTTP parser)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? url);
  }
  for (const [pattern, nameOf] of workspaceFolders) {
    const match = pattern.exec(url);
    if (match) return nameOf(match);
  }
  return url;
}

/**
 * Self time by package over one or more profiles, highest first. A sample lasts until the next one, so
 * each sample is charged the delta that follows it (the last sample of a profile has no duration).
 */
export function selfTimeByPackage(profiles: readonly CpuProfile[]): PackageSelfTime[] {
  const totals = new Map<string, number>();
  for (const profile of profiles) {
    const packageOfNode = new Map(profile.nodes.map((node) => [node.id, packageOfFrame(node.callFrame)]));
    for (let index = 0; index + 1 < profile.samples.length; index++) {
      const name = packageOfNode.get(profile.samples[index] as number) ?? 'unknown';
      totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index + 1] as number));
    }
  }
  const busy = [...totals].filter(([name]) => name !== 'idle').reduce((sum, [, time]) => sum + time, 0);
  return [...totals]
    .filter(([name]) => name !== 'idle')
    .map(([name, microseconds]) => ({ name, microseconds, share: busy === 0 ? 0 : microseconds / busy }))
    .sort((left, right) => right.microseconds - left.microseconds);
}

/** The `top` packages as a Markdown table, with the busy time they share. */
export function formatSelfTimeTable(times: readonly PackageSelfTime[], top: number): string {
  const busyMilliseconds = times.reduce((sum, time) => sum + time.microseconds, 0) / 1000;
  const lines = [
    `Busy time (not idle): ${Math.round(busyMilliseconds).toLocaleString('en-US')} ms`,
    '',
    '| # | Package | Self time | Share of busy time |',
    '|---|---------|-----------|--------------------|',
    ...times
      .slice(0, top)
      .map(
        (time, index) =>
          `| ${index + 1} | ${time.name} | ${Math.round(time.microseconds / 1000).toLocaleString('en-US')} ms | ${(time.share * 100).toFixed(1)}% |`,
      ),
  ];
  return lines.join('\n');
}
