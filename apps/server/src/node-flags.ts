/**
 * The Node.js flags the server is meant to run with (`pnpm start` passes them; the bench's server process
 * too). `--heap-growing-percent=50` lets V8's old generation grow to 1.5 times what survived the last full
 * collection before collecting again, instead of up to 4 times: streaming a directory promotes page-sized
 * garbage steadily, and with the default the process's RSS grew by 85-100 MB over a 1,000,000-user stream
 * (and kept it), against about 27 MB with this flag.
 */
export const recommendedNodeFlags: readonly string[] = ['--heap-growing-percent=50'];
