// Turns the API's RFC 9457 problem bodies into what a person reads: a message in plain words and, for validation
// problems, one message beside each refused field.

export type Context = "sign-in" | "sign-up" | "profile" | "upload" | "load";

export interface ProblemView {
  /** The sentence shown above the form or beside the control; empty when only fields are refused. */
  message: string;
  /** Wire field name (email, graduation_year, ...) to the server's messages for it, joined. */
  fields: Record<string, string>;
  /** Seconds to wait before trying again (429), from Retry-After. */
  retryAfterSeconds?: number;
}

interface HeadersLike {
  get(name: string): string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Retry-After is whole seconds or an HTTP date; anything unreadable counts as a minute. */
export function retryAfterSeconds(headers: HeadersLike | undefined, now = Date.now()): number {
  const value = headers?.get("Retry-After")?.trim();
  if (value && /^\d+$/.test(value)) return Math.max(1, Number(value));
  const date = value ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? 60 : Math.max(1, Math.ceil((date - now) / 1000));
}

export function waitInWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

function count(n: number): string {
  return n.toLocaleString("en-GB");
}

function megapixels(pixels: number): string {
  const mp = pixels / 1_000_000;
  return Number.isInteger(mp) ? `${mp} megapixels` : `${count(pixels)} pixels`;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The server's field errors, keyed by wire name; messages of one field joined into one sentence. */
export function fieldErrors(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const errors = isRecord(body) ? body.errors : undefined;
  if (!isRecord(errors)) return fields;
  for (const [name, messages] of Object.entries(errors)) {
    const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === "string") : [];
    // The server names the wire field ("graduation_year must ..."); say it in words, each sentence capitalised.
    const words = name.replaceAll("_", " ");
    const sentences = list.map((m) => plainText(words, m) ?? capitalize(m.startsWith(name) ? words + m.slice(name.length) : m));
    if (list.length > 0) fields[name] = [...new Set(sentences)].join(" ");
  }
  return fields;
}

/**
 * The refusals of text that is not plain text, said without Unicode terms: the characters they name are invisible, so
 * the person is told what to do (retype it), not what a code point is. Undefined for any other message.
 */
function plainText(field: string, message: string): string | undefined {
  const what = field === "name" ? "Your name" : capitalize(field);
  if (/control characters|broken Unicode|not valid Unicode/.test(message)) {
    return `${what} contains hidden characters (such as a line break or a NUL) that cannot be saved, often from copying and pasting. Type it again and try once more.`;
  }
  if (/override or isolate the text direction/.test(message)) {
    return `${what} contains hidden characters that change the direction of the text around it. Type it again without them.`;
  }
  if (/at least one visible letter/.test(message)) {
    return "Your name needs at least one visible letter, digit or symbol: spaces and invisible characters alone are not a name.";
  }
  return undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function detailOf(body: unknown): string | undefined {
  return isRecord(body) && typeof body.detail === "string" && body.detail.length > 0 ? body.detail : undefined;
}

/**
 * What to tell the person about a failed call. <paramref name="known"/> lists the fields the form shows; errors of
 * other fields are added to the message so none is lost.
 */
export function describeProblem(
  status: number,
  body: unknown,
  headers: HeadersLike | undefined,
  context: Context,
  known: readonly string[] = [],
): ProblemView {
  const all = fieldErrors(body);
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [name, message] of Object.entries(all)) {
    if (known.includes(name)) fields[name] = message;
    else others.push(message);
  }

  const view = (message: string, extra: Partial<ProblemView> = {}): ProblemView => ({
    message: [message, ...others].filter(Boolean).join(" "),
    fields,
    ...extra,
  });

  if (status === 0) return view("Could not reach CleanProfiles. Check your connection and try again.");
  if (status === 429) {
    const seconds = retryAfterSeconds(headers);
    const what = context === "upload" ? "You have uploaded several pictures in a short time." : "There were too many attempts.";
    return view(`${what} Please try again in ${waitInWords(seconds)}.`, { retryAfterSeconds: seconds });
  }
  if (status === 401) {
    return view(context === "sign-in" ? "The email or password is not right. Check both and try again." : "Your session has ended. Please sign in again.");
  }
  if (status === 409) {
    if (context === "sign-up") return view("An account with this email already exists. Sign in instead, or use another email.");
    return view("Your profile was changed elsewhere in the meantime. The latest version is shown now, with your changes kept: check it and save again.");
  }
  if (status === 413) {
    const detail = detailOf(body) ?? "";
    const limit = /limit of (\d+) bytes/.exec(detail);
    if (limit) return view(`This file is too large. Pictures can be at most ${megabytes(Number(limit[1]))}; choose a smaller one.`);
    const pixels = /(\d+) x (\d+) pixels; at most (\d+) on a side and (\d+) in all/.exec(detail);
    if (pixels) {
      const [width, height, side, total] = pixels.slice(1).map(Number) as [number, number, number, number];
      return view(`This picture is too big to accept: it is ${count(width)} × ${count(height)} pixels, and pictures can have at most `
        + `${count(side)} pixels on a side and ${megapixels(total)} in all. Choose a smaller picture.`);
    }
    const memory = /would need about (\d+) MB of memory; at most (\d+) MB/.exec(detail);
    if (memory) {
      return view(`This picture would take too much memory to read (about ${count(Number(memory[1]))} MB). Save it with fewer pixels, `
        + "or as an ordinary (not progressive) JPEG or a non-interlaced PNG, and try again.");
    }
    return view("This picture has too many pixels to accept. Choose a smaller picture.");
  }
  if (status === 422 && context === "upload") {
    const detail = detailOf(body) ?? "";
    const scans = /more than (\d+) scans/.exec(detail);
    if (scans) {
      return view(`This JPEG is saved in an unusual way (more than ${count(Number(scans[1]))} passes over the picture) that takes too long to read. `
        + "Open it and save it again as an ordinary JPEG, or choose another picture.");
    }
    const seconds = /longer than ([\d.]+) seconds/.exec(detail);
    if (seconds) {
      const wait = Number(seconds[1]);
      return view(`This picture took too long to process (more than ${wait} second${wait === 1 ? "" : "s"}) and was stopped. `
        + "Try a smaller picture, or save it again as an ordinary JPEG.");
    }
    return view("This picture takes too long to process. Try a smaller picture.");
  }
  if (status === 415) {
    return view(context === "upload"
      ? "This file is not a picture that can be used. Choose a JPEG, PNG, GIF or WebP image."
      : "The server did not accept this kind of request.");
  }
  if (status === 400) {
    if (context === "upload") {
      // The server's own words about the file say the same thing less plainly: not repeated.
      return { message: "This picture could not be read. It may be damaged or incomplete; try another file.", fields };
    }
    if (Object.keys(all).length > 0) return view(others.length > 0 ? "" : "Please correct the marked fields.");
    return view(detailOf(body) ?? "Something in the form is not right. Please check it.");
  }
  if (status === 404) return view("This could not be found. It may have been removed.");
  if (status === 503) return view("CleanProfiles is briefly unavailable. Nothing was changed; please try again in a moment.");
  return view("Something went wrong on our side. Nothing was changed; please try again.");
}
