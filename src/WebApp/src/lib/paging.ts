// Cursor paging of the community list: pages are appended in order, a person is listed once, and the loaded pages
// can be fetched again from the start (for fresh picture links) without losing the place.
import type { CommunityPage, Person } from "../api/types";

export type FetchPage = (cursor: string | undefined) => Promise<CommunityPage>;

export interface PagedList {
  people: Person[];
  nextCursor: string | null;
}

export const emptyList: PagedList = { people: [], nextCursor: null };

export function appendPage(list: PagedList, page: CommunityPage): PagedList {
  const seen = new Set(list.people.map((p) => p.user_id));
  const added = (page.alumni ?? []).filter((p) => !seen.has(p.user_id));
  return { people: [...list.people, ...added], nextCursor: page.next_cursor ?? null };
}

export async function loadNext(list: PagedList, fetchPage: FetchPage): Promise<PagedList> {
  return appendPage(list, await fetchPage(list.nextCursor ?? undefined));
}

/** Fetches as many pages again as were loaded, from the first: same people, fresh data and links. */
export async function reloadAll(list: PagedList, fetchPage: FetchPage): Promise<PagedList> {
  let fresh = appendPage(emptyList, await fetchPage(undefined));
  while (fresh.people.length < list.people.length && fresh.nextCursor) {
    fresh = await loadNext(fresh, fetchPage);
  }
  return fresh;
}
