import { describe, expect, it } from "vitest";
import { createLinkRecovery } from "./freshLinks";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("expired-link recovery", () => {
  it("fetches once for many pictures that fail together, then lets them try again", async () => {
    const gate = deferred();
    let refetches = 0;
    const recovery = createLinkRecovery(() => { refetches++; return gate.promise; });
    const results = Promise.all(["a", "b", "c"].map((u) => recovery.onImageError(u)));
    gate.resolve();
    expect(await results).toEqual([true, true, true]);
    expect(refetches).toBe(1);
  });

  it("retries a link only once", async () => {
    let refetches = 0;
    let time = 0;
    const recovery = createLinkRecovery(async () => { refetches++; }, { now: () => time });
    expect(await recovery.onImageError("a")).toBe(true);
    time += 60_000;
    expect(await recovery.onImageError("a")).toBe(false);
    expect(refetches).toBe(1);
  });

  it("gives up on a fresh link that fails right after a refetch", async () => {
    let time = 0;
    let refetches = 0;
    const recovery = createLinkRecovery(async () => { refetches++; }, { now: () => time, quietMs: 10_000 });
    await recovery.onImageError("old");
    time += 1_000;
    expect(await recovery.onImageError("fresh")).toBe(false);
    time += 20_000;
    expect(await recovery.onImageError("later")).toBe(true);
    expect(refetches).toBe(2);
  });

  it("gives up when the refetch itself fails", async () => {
    const recovery = createLinkRecovery(() => Promise.reject(new Error("offline")));
    expect(await recovery.onImageError("a")).toBe(false);
  });
});
