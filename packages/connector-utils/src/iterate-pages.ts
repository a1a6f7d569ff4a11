export interface Page<T, State> {
  items: T[];
  /** The state that fetches the next page; undefined on the last page. */
  next: State | undefined;
}

/**
 * Yields every item of a paged list, one page in memory at a time. Each page-fetch sees only the state the
 * previous page returned, so the same loop serves next links, page tokens, Link headers and offsets.
 */
export async function* iteratePages<T, State>(
  fetchPage: (state: State | undefined) => Promise<Page<T, State>>,
): AsyncIterable<T> {
  let state: State | undefined;
  do {
    const page = await fetchPage(state);
    yield* page.items;
    state = page.next;
  } while (state !== undefined);
}
