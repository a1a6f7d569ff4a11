import type { GoalNote } from './benchmarks-file.js';

/**
 * The analysis under each goal in BENCHMARKS.md. The status lines above each note are computed from the
 * run; these paragraphs record what was profiled and found on the bench machine (2 cores, shared with
 * other work while this was written), so reread them against the table before trusting them.
 */
export const goalNotes: readonly GoalNote[] = [
  {
    benchmark: 'M1',
    title:
      'unified adds ≤ 0.5 ms at p50 over direct at concurrency 1, and ≤ 0.5 ms at p50 and ≤ 3 ms at p99 at concurrency 16',
    analysis: `**Latest round (quiet machine, nothing else running: these rows are the ones to trust).** At c=1,
where nothing queues, unified adds **+471 µs** at p50 over direct against the pre-rendered fake (+460-516;
two further M1 runs of the same tree: +313 and +376), so unidir's own latency meets the half millisecond.
Against the rendering Graph fake the same calls add +579 µs (+526-674; further runs +694 and +619; +422 in
a run before this round's changes): missed. The two fakes answer the same bytes in one write with a
\`content-length\`, and direct paging of the rendering fake is only ~35 µs slower per request, so why
unidir's overhead grows by ~250 µs when its provider renders is not proven. A probe (3,000 sequential calls
after 3,000 of warm-up, CPU read from /proc) points at CPU contention: per unified call the rendering fake
used 200-290 µs of CPU against 77-103 µs for the pre-rendered front, far more than the ~35 µs it adds to a
direct answer, so most of that work (presumably collecting each rendered page's garbage) runs after it answered, while
unidir handles that answer; with three busy processes on two cores they queue, and direct paging has no
third process. The same probe measured the server at 480-690 µs of CPU per call at c=1, about twice its
cost per call under load (M2), where wake-ups, timers and collections are shared by many calls. The
pre-rendered rows are the measure of unidir itself. At c=16 unified adds +2.7 ms (pre-rendered +3.6 ms): queueing behind the CPU per
call (Little's law: 16 / 3,600 req/s = 4.4 ms, measured p50 3.8-4.2 ms), which falls only as M2's CPU per
call falls.

This round (after the profile below): each provider URL is built as one string and parsed once (the
\`URL\` setters parsed it again per part: \`buildProviderUrl\` was 4.3% of the server's time inclusive); the
URL for the call journal is copied only when a secret query name is present (\`describeUrlForLog\` 3.1%);
the secret redactor of an account is built once per HTTP client and once per access token, not for every
provider response's headers (2.0%); the API token hash is Node's one-shot \`crypto.hash\` (a third of
\`createHash\`'s cost; 2.3% → 1.2% for node:crypto). The bench's processes now load the published build,
not the TypeScript sources through tsx, whose \`__name\` helper was 3.9% of the server's time and is not in
what users run. Profile after (\`pnpm bench --profile --only=M1,M2\`, 107 s busy): socket writes 27%
(\`writev\` of responses 18.9%, \`writeLatin1String\` of undici's request heads 8.3%), undici 10.7%,
connector-utils 8.8% (\`parseBodyText\`, i.e. JSON.parse of provider answers, 2.4%), runtime 6.1%, GC 5.2%,
server 4.6%, fastify 3.8% (\`serialize\` 2.1%), zod 2.9%, AbortSignal 2.1%, qs 2.0%. Left alone: fastify's
child logger per request (1.5%: pino copies the redaction rules for each request's bindings).

**Previous round (shared machine), issue 19 item 1 (the unified call's hot path).** Measured with \`pnpm bench --profile --only=M1,M2\`
before and after, on the shared 2-core machine (1-minute load 4.7 before; 7 to 21 after, other engineers'
test runs: every "after" number is pessimistic and its spread wide; ratios are taken within each
repetition). At c=1, where nothing queues, unified now adds **+496 µs** at p50 over direct (range
+440-582; before +730, +701-1,006) and +506 µs against the pre-rendered fake (before +884): the c=1
half-millisecond is met at the median against the rendering fake and just missed against the other. The reply-from proxy adds +211 µs. At c=16 the goal is still
missed: unified adds +5.8 ms at p50 (before +12.1 ms). As before, that is queueing: by Little's law a
closed loop of 16 waits 16 / throughput per request, 9.6 ms at unified's 1,668 req/s, close to its
measured p50 of 8.6 ms, so it falls only as CPU per call falls (see M2); the loaded machine makes the p99
goal unmeasurable here.

**Profile before** (server process over the M1/M2 matrix, 135 s busy): \`redactSecrets\` 17.9% self (every
string of every record split and joined once per secret form, each form URL-encoded again per string,
every object rebuilt) and \`redactSecretsDeep\` 1.8%, so \`@unidir/connector-utils\` 23.9%; socket writes
21.4% (\`writev\` of the responses 14.5%, undici's request writes 6.9%); GC 6.4%; SQLite 3.2% (the token
and account reads of every call); AbortController/EventTarget 2.8%; pino 1.8% (a child logger per request
for the account scope).

**Changed:** the redactor is built once per account's secrets, skips strings shorter than any secret, and
returns parts without a secret as they are; one AbortSignal per call (the route hands the runtime a
\`bindAbort\` hook instead of its own controller; provider attempts pass the call's signal to undici with its
header/body timeouts instead of a controller and timer each); no database read per call once the token
and the account are cached (invalidated by LISTEN/NOTIFY on PostgreSQL, \`PRAGMA data_version\` on SQLite;
see the server README); the account scope marks the request's logger instead of making a child logger;
\`remote_query\` names are canonicalised only when there is a \`remote_query\`.

**Profile after** (127 s busy): socket writes **31.1%** (\`writev\` 20.5%, undici's request writes 10.6%),
undici 9.2%, connector-utils 8.3% (parsing the provider's JSON 1.5%, redaction 1.8%), GC 4.2%,
\`@unidir/runtime\` 4.0%, \`@unidir/server\` 3.6%, fastify 3.4% (JSON.stringify of the answer 1.8%), zod 3.2%
(parameter and output validation), node:process (nextTick) 2.4%, crypto 1.7% (the token hash), AbortSignal
1.5%, qs 1.4%; SQLite and pino are gone from the top 20. What is left is spread thin: no entry but the two
socket writes (one per response, one per provider request, which the proxy pays too) exceeds 2%.`,
  },
  {
    benchmark: 'M2',
    title: 'raw ≥ 0.95× and unified ≥ 0.8× the pass-through proxy',
    analysis: `**Latest round (quiet machine).** Still missed. In one run: unified 3,611 req/s at c=16 and 3,242 at c=64,
0.59× and 0.51× the proxy (raw 0.63× and 0.52×); a profiled run of the same tree gave 0.69× and 0.59×.
Against the pre-rendered fake unified serves 3,594-3,942 req/s and the proxy 9,018-10,171, so 0.41× and
0.38×. Before this round's changes (see M1), on the same quiet machine: 3,277 and 3,381 req/s, 0.59× and
0.52×, and ~3,450 req/s against the pre-rendered fake: about +5-10% throughput, inside the spread of
single runs. unidir stays near 3,500-3,900 req/s whatever the fake, i.e. ~260 µs of CPU per call on the
server's core, while the proxy needs ~100 µs against the pre-rendered fake; both pay the same two socket
writes (~70 µs here), so the rest of unidir costs ~190 µs against reply-from's ~30 µs. No single cost is
left to remove (M1's profile: after the writes, nothing above 2.5%); 0.8× needs a different shape of call
(skip zod for a repeated query shape, a lighter request object than undici's \`request()\` with its
per-call \`Request\`, handler and AbortSignal, fewer promise hops), each a few percent.

**Previous round (shared machine).** Unified throughput about doubled in the issue 19 round (same machine, see
M1 for the load): 1,668 req/s at c=16 (before 811) and 2,687 against the pre-rendered fake (before
1,069); the ratio to the proxy rose from 0.30× to 0.68× at c=16 (spread 0.25-0.92×) and from 0.34× to
0.48× at c=64; against the pre-rendered fake from 0.28× to 0.48× (c=16) and from 0.22× to 0.40× (c=64).
Raw: 0.36× to 0.54× (c=16), 0.34× to 0.46× (c=64). The spreads are wide because the machine was at a load
of 7-21 during the "after" run.

Why the goal is still missed: reply-from copies bytes, while a unified call authenticates, validates its
parameters against core's schemas (zod), runs the connector, parses the provider's JSON, maps, validates
and scrubs the record and serialises it. After this round no single cost dominates (see the M1 profile):
the socket writes are the same two per request as the proxy's, and the rest is a few percent each across
undici, connector-utils, runtime, server, fastify, zod and GC. Reaching 0.8× would need roughly 40% less
CPU per call, i.e. structural changes rather than another hot spot: validating a repeated query shape once
instead of per call, a cheaper request object than undici's \`request()\` for provider calls, fewer promise
hops (nextTick is 2.4%).

What was tried and measured, and not adopted:
- **Compiled serializers** (fastify's fast-json-stringify from core's JSON Schema for users, with
  \`additionalProperties: true\` so \`remote_data\` survives): on the bench's get-user answer it took
  10.7-12.0 µs per response against 5.3-7.3 µs for JSON.stringify (the open \`remote_data\` and extra fields
  fall back to per-key work), and it writes keys in the schema's order, not the record's, so the wire
  output would no longer be identical; it would also coerce a field that breaks the schema, which the
  \`log\` output validation mode lets through. Serialisation is 1.8% of the server's time in any case.
- **Corked writes**: the profile shows one \`writev\` per JSON response (Node's \`end()\` corks the headers
  and the body into one system call) and one write per provider request; there is no second write to save.
- **undici pool settings** (now \`providerPoolOptions\`, shared by the egress Agent and connector-utils'
  shared Agent): 16 connections per origin, pipelining 4, and undici's defaults (no cap, pipelining 1)
  gave, unified/proxy at c=64, 0.47× (0.40-0.48), 0.44× (0.37-0.76) and 0.48× (0.30-0.55): the same within
  the spread. Chosen for safety: 64 connections per origin, no pipelining, keep-alive 10 s (max 60 s).
- **Request logging at info** was already off the hot path (a successful request logs at debug); what
  remained was the account scope's child logger per request (2%), now gone.`,
  },
  {
    benchmark: 'M3',
    title: '≥ 100,000 users/s, RSS growth ≤ 64 MB at 1,000,000 users and within 10% of the growth at 100,000',
    analysis: `**Latest run (quiet machine).** Users per second and the growth-difference goal are missed, RSS growth
is met. Against the pre-rendered fake: 32,658 users/s at 100,000 users and 39,335 at 1,000,000 (0.23× of
direct paging, 140,000-168,000 users/s); an earlier quiet run of the tree before the hot-path round: 40,800
and 48,800, and the stream probe (\`stream-probe.ts\`, three runs each) gives 34,600-36,600 users/s from the
build and 29,500-34,200 from the sources: single M3 runs vary by ±20%. Against the rendering fake: 23,335
and 27,411 users/s (0.46× of direct paging). RSS growth at 1,000,000 users: 20.4 MB and 28.0 MB (≤ 64 MB,
met); the slow reader 0.1 MB and 11.4 MB. The difference between 1,000,000 and 100,000 users was +19.7 and
+19.8 MB (goal ≤ +6.4 MB); an earlier run met it (+5.1 MB), the quiet run before this one did not (+9.2 and
+23.1 MB). Heap after collection is flat (see below), so
the difference is how much old generation V8 grew into and kept as RSS before the next full collection,
which varies from run to run by more than the 6.4 MB bound. The CPU per user (~30 µs, below) is what keeps
users/s at a third of the goal.

**Stream path (issue 19, item 3), measured with \`pnpm bench --profile --only=M3\` on 2 cores shared with
other work (load 10-12).** The memory goals are met; users per second is not. Against the pre-rendered
fake unidir streams 25,300 users/s at 100,000 users (19,900-30,400) and 26,500 users/s at 1,000,000 users,
0.15× of the 158,000-180,000 users/s the bench pages directly from the same front; against the rendering
fake 19,600 users/s at 1,000,000 users, 0.45× of direct paging. RSS growth: 5.7 MB at 1,000,000 users
(0.4 MB after the first 100,000), 0.6 MB median at 100,000 users, +5.1 MB between them (within the 6.4 MB
floor), 9.4 MB for the slow reader; 2.9 MB and 9.3 MB against the rendering fake.

Before: the tree as merged streams 4,200-4,300 users/s over the same 100,000-user pre-rendered directory
on this machine (\`bench/src/stream-probe.ts\`, two runs), with 107-126 MB of RSS growth. The 32,000-35,000
users/s of the previous BENCHMARKS.md were measured before every streamed record was scrubbed of the
account's secrets (2b7d23d), which cost the rest: in the server's profile \`redactSecrets\` was 56% of the
self time and \`redactSecretsDeep\` 6% (a deep copy of every record and a split/join of every string for
every secret and its URL-encoded form), the garbage collector 6%, zod 5%, socket writes 3%. Every Graph
record then held a "secret": the tenant id, a credential field, which the connector writes as
\`organizations[].id\` (so it read \`[REDACTED]\`). Since then, credential fields that identify rather than
authenticate (\`tenant_id\`, \`client_id\`, ...) are no longer secrets (apps/server README, security model):
Graph records now hold none, and the search below finds nothing to scrub in them.

What changed: (1) records are encoded a page at a time and yielded in pieces of about 64 KB, one socket
write each, instead of one yield and write per record; (2) the record's JSON text is searched for each
secret as JSON writes it and only the string values holding one go through the host's \`redactSecrets\`,
once per page for the same string (a secret in a key or inside an escape sequence still scrubs the whole
record; property-tested to write exactly what scrubbing the whole record writes); (3) \`remote_data\` is
checked without zod's \`record(string, unknown)\` copying the provider's record key by key (a tenth of the
time); enforce, log and off keep zod's verdict and issues; (4) the server runs with
\`--heap-growing-percent=50\` (\`recommendedNodeFlags\`, used by \`pnpm start\` and the bench's server).

Profile after (self time over the 18 server processes, 178 s busy, module loading of each fresh process
included): the page encoder 12.5% (it is \`JSON.stringify\` of each record, inlined), the garbage collector
7.8%, \`JSON.parse\` of provider pages 6.3%, socket writes 9.9% (\`writeLatin1String\` 5.1%, \`writev\` 4.8%),
the secret search 7.4% (\`secretStarts\` 3.7%, \`stringValuesHolding\` 2.2%), zod 7.8%, module loading 7.9%.
During a stream the server's main thread is 96-99% busy (one-second buckets of its profile), about 30 µs of
CPU per user; \`JSON.stringify\`, \`JSON.parse\` and socket writes alone are a third of it, inherent to
writing about 2 KB of JSON per user read from about 0.8 KB of provider JSON. 100,000 users/s needs at most
10 µs per user on the one core the server gets while the reader and the fake's front share the other.

Memory: RSS growth did not come from anything retained (heap after collection stays near 35 MB) but from
V8 letting the old generation grow to up to four times what survived the last full collection: over a
1,000,000-user stream the heap reached 122 MB (94 MB used, most of it garbage) and the process kept the
RSS: 85-100 MB of growth in the probe. Pages are promoted steadily because the page being written and the
one fetched ahead outlive young-generation collections. \`--heap-growing-percent=50\` (grow to 1.5 times)
held it to 27 MB in the probe and 5.7 MB in the bench run, with the garbage collector at 7.8% of the
server's time. Tried and not kept: \`--max-semi-space-size=4\` or \`8\` (65-102 MB, the old generation
still grew); reading one piece ahead instead of 16 in the route (\`Readable.from\` high-water mark 1): the
same heap to the megabyte.

Page size: \`limit\` keeps Truto's meaning in the stream format, the page size asked of the provider (it
never caps the stream), and without it the connector's default applies (Graph 100), so the M3 request is
now the goal's own (no \`limit\`), the same 100-user pages as before. Pages of 999 (Graph's maximum) were
tried as the default: 24,000-28,000 users/s against 19,000-20,000 with pages of 100 in the same noisy
hour (probe, before the last two changes), but 97-126 MB of RSS growth at 100,000 users (500: 106-118 MB;
200: 11-14 MB), because a page of 400-800 KB of JSON and its records always outlive a young-generation
collection. Not done: a compiled validator for
unified records (zod is still 8%), writing \`remote_data\` from the provider's own JSON text instead of
parsing and serialising it again, searching every secret in one pass.

**Pre-rendered fake.** Each Graph fake has a front that keeps every page it has rendered once as a buffer
and serves it again from memory (to tokens the fake accepted); the bench pages each directory once through
it first, and afterwards the large front served 20,231 answers from memory and rendered 10,010 (the first
pass's 10,000 pages and each fresh server's first page). Against the rendering fake (rows without the mark)
the goal cannot be met on this machine whatever unidir does: direct paging, the physical limit, is far
below 100,000 users/s because the fake builds every page of 100 users with \`$expand=memberOf\` (about
79 KB of JSON per page).`,
  },
  {
    benchmark: 'M4',
    title: '≥ 500,000 users/s per core for the Graph mapping, and ≥ 10× the JSONata equivalent',
    analysis: `The Graph mapping (\`mapGraphUser\`) is a single pass with no allocation beyond the output.
The JSONata twin produces deeply equal output for every user mapped (checked before timing); it is
slower by two orders of magnitude because JSONata evaluates its expression tree asynchronously for every
node. A one-off check on the bench machine (while other work shared it) showed that even a much poorer
JSONata mapping of 8 flat fields runs about 26,000 users/s, and of 2 fields about 98,000 users/s, so the
ratio does not hinge on how the JSONata is written. The Google mapping (no goal) is slower than Graph's
because it parses and re-formats every timestamp (\`Date.parse\` + \`toISOString\`): a one-off check
mapped the same users about 2.4 times faster with the timestamp fields removed.

Every connector now has its row (issue 19, item 4): Okta, GitHub, Slack and SCIM map the provider records
their fakes return through unidir's raw format, beside a JSONata twin checked deeply equal on every user
before timing (\`bench/src/mapping/*-jsonata-mapping.ts\`). Only Graph has a numeric goal. The same
timestamp cost shows in Okta and SCIM (each normalises its timestamps through \`Date.parse\`), and Slack
builds a role-name \`Map\` and filters undefined fields through \`Object.entries\` for every user; GitHub,
which copies strings as they are, is the fastest.`,
  },
  {
    benchmark: 'M5',
    title: '429 Retry-After: 1 on 10% of calls: provider calls, retries, zero retried POST/PATCH',
    analysis: `Every 429 is retried after at least the Retry-After second, up to 3 attempts; a call that drew three
429s in a row answers 429 to the caller. POST and PATCH are re-sent only after a 429, which proves the
provider did not process them (requirement R1); none was ever re-sent after an answer that could mean it
had been processed. Updates cost two provider calls (PATCH, then a GET for the updated record), which is
why provider calls per unified call are above 1 before retries.`,
  },
];
