import { describe, expect, it } from "vitest";
import { colourIndex, initials, paletteSize } from "./avatar";

describe("initials", () => {
  it("takes the first letters of the first and last word", () => {
    expect(initials("Ada King Lovelace")).toBe("AL");
    expect(initials("grace")).toBe("G");
    expect(initials("  ")).toBe("?");
    expect(initials("Émilie du Châtelet")).toBe("ÉC");
  });
});

describe("colourIndex", () => {
  it("is stable per user and spreads users over the palette", () => {
    const id = "0b7c1f8e-0000-4000-8000-000000000001";
    expect(colourIndex(id)).toBe(colourIndex(id));
    const slots = new Set(Array.from({ length: 100 }, (_, i) => colourIndex(`user-${i}`)));
    expect(slots.size).toBeGreaterThan(paletteSize / 2);
    for (const slot of slots) expect(slot).toBeLessThan(paletteSize);
  });
});
