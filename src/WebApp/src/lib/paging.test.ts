import { describe, expect, it } from "vitest";
import type { CommunityPage } from "../api/types";
import { appendPage, emptyList, loadNext, reloadAll } from "./paging";

const person = (id: string, url = `http://x/${id}.webp`) => ({ user_id: id, name: id, profile_picture_thumbnail_url: url });

/** A server of five people in pages of two; `version` changes every link, like a fresh signature. */
function server(version = 1) {
  const all = ["a", "b", "c", "d", "e"].map((id) => person(id, `http://x/${id}.webp?v=${version}`));
  const calls: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<CommunityPage> => {
    calls.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    return { alumni: all.slice(start, start + 2), next_cursor: start + 2 < all.length ? String(start + 2) : null };
  };
  return { fetchPage, calls };
}

describe("community paging", () => {
  it("follows next_cursor until the last page", async () => {
    const { fetchPage, calls } = server();
    let list = await loadNext(emptyList, fetchPage);
    list = await loadNext(list, fetchPage);
    list = await loadNext(list, fetchPage);
    expect(list.people.map((p) => p.user_id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(list.nextCursor).toBeNull();
    expect(calls).toEqual([undefined, "2", "4"]);
  });

  it("lists a person once even when pages overlap", () => {
    const list = appendPage({ people: [person("a"), person("b")], nextCursor: "x" }, { alumni: [person("b"), person("c")], next_cursor: null });
    expect(list.people.map((p) => p.user_id)).toEqual(["a", "b", "c"]);
  });

  it("reloads as many pages as were shown, with the fresh links", async () => {
    const old = server(1);
    let list = await loadNext(emptyList, old.fetchPage);
    list = await loadNext(list, old.fetchPage);
    const fresh = server(2);
    const reloaded = await reloadAll(list, fresh.fetchPage);
    expect(reloaded.people.map((p) => p.user_id)).toEqual(["a", "b", "c", "d"]);
    expect(reloaded.people[0]?.profile_picture_thumbnail_url).toBe("http://x/a.webp?v=2");
    expect(reloaded.nextCursor).toBe("4");
    expect(fresh.calls).toEqual([undefined, "2"]);
  });
});
