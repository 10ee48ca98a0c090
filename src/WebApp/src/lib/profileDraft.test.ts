import { describe, expect, it } from "vitest";
import { changes, draftOf, isDirty, rebase, yearMessage, type Draft } from "./profileDraft";

const stored: Draft = { name: "Ada", headline: "", bio: "", graduation_year: "1990" };

describe("changes", () => {
  it("sends only the fields that differ", () => {
    expect(changes({ ...stored, headline: "Engineer" }, stored)).toEqual({ update: { headline: "Engineer" }, errors: {} });
    expect(changes(stored, stored)).toEqual({ update: {}, errors: {} });
  });

  it("sends an emptied year as null (removes it) and digits as a number", () => {
    expect(changes({ ...stored, graduation_year: "" }, stored).update).toEqual({ graduation_year: null });
    expect(changes({ ...stored, graduation_year: " 2015 " }, stored).update).toEqual({ graduation_year: 2015 });
  });

  it("refuses a year that is not digits instead of sending it as null, which would clear the stored year", () => {
    for (const year of ["abcd", "19x0", "2015.5", "-1990", "1e3"]) {
      const result = changes({ ...stored, graduation_year: year }, stored);
      expect(result.update).toEqual({});
      expect(result.errors).toEqual({ graduation_year: yearMessage });
    }
  });
});

describe("isDirty", () => {
  it("is true as soon as one field differs, also when that field is refused", () => {
    expect(isDirty(stored, stored)).toBe(false);
    expect(isDirty({ ...stored, graduation_year: "abcd" }, stored)).toBe(true);
  });
});

describe("rebase", () => {
  it("takes the latest stored values and keeps the person's own edits on top", () => {
    const draft = { ...stored, headline: "Mine" };
    const latest = { ...stored, bio: "Changed elsewhere", headline: "Theirs" };
    expect(rebase(draft, stored, latest)).toEqual({ ...stored, bio: "Changed elsewhere", headline: "Mine" });
  });
});

describe("draftOf", () => {
  it("turns absent values into empty fields", () => {
    expect(draftOf({ user_id: "u", name: "Ada", headline: null, bio: null, graduation_year: null, profile_picture_url: null, updated_at: "" }))
      .toEqual({ name: "Ada", headline: "", bio: "", graduation_year: "" });
  });
});
