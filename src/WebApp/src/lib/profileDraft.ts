// The "About you" form as text fields, and what a save sends: only the fields that differ from the stored profile
// (absent fields stay unchanged on the server), after the checks the browser can make itself.
import type { Profile, ProfileUpdate } from "../api/types";

export const draftFields = ["name", "headline", "bio", "graduation_year"] as const;

export type DraftField = (typeof draftFields)[number];

export type Draft = Record<DraftField, string>;

export function draftOf(p: Profile): Draft {
  return { name: p.name ?? "", headline: p.headline ?? "", bio: p.bio ?? "", graduation_year: p.graduation_year?.toString() ?? "" };
}

export const yearMessage = "Graduation year must be a year in digits, such as 2015, or left empty.";

export interface Changes {
  update: ProfileUpdate;
  /** Fields the browser refuses before anything is sent (the server checks the rest). */
  errors: Partial<Record<DraftField, string>>;
}

export function changes(draft: Draft, stored: Draft): Changes {
  const update: ProfileUpdate = {};
  const errors: Changes["errors"] = {};
  if (draft.name !== stored.name) update.name = draft.name;
  if (draft.headline !== stored.headline) update.headline = draft.headline;
  if (draft.bio !== stored.bio) update.bio = draft.bio;
  if (draft.graduation_year !== stored.graduation_year) {
    const year = draft.graduation_year.trim();
    // Anything but digits would become null on the wire and silently clear the stored year.
    if (year !== "" && !/^\d{1,4}$/.test(year)) errors.graduation_year = yearMessage;
    // null clears the year; the document marks the field as a plain integer, so widen it here.
    else update.graduation_year = (year === "" ? null : Number(year)) as number;
  }
  return { update, errors };
}

export function isDirty(draft: Draft, stored: Draft): boolean {
  return draftFields.some((f) => draft[f] !== stored[f]);
}

/**
 * After the profile changed elsewhere: the latest stored values, with the person's own edits (fields that differ
 * from what they started from) kept on top, so they can check them and save again instead of typing them anew.
 */
export function rebase(draft: Draft, startedFrom: Draft, latest: Draft): Draft {
  const result = { ...latest };
  for (const f of draftFields) {
    if (draft[f] !== startedFrom[f]) result[f] = draft[f];
  }
  return result;
}
