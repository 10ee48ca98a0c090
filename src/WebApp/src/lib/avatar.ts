/** Up to two initials from a display name: first and last word, any script. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0]!)[0] ?? "";
  const last = words.length > 1 ? (Array.from(words[words.length - 1]!)[0] ?? "") : "";
  return (first + last).toUpperCase();
}

export const paletteSize = 12;

/** A stable colour slot (CSS class avatar-N) from the user id, so a person keeps their colour everywhere. */
export function colourIndex(userId: string | null | undefined): number {
  let hash = 2166136261;
  for (const ch of userId ?? "") {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % paletteSize;
}
