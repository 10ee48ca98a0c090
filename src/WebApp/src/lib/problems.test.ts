import { describe, expect, it } from "vitest";
import { describeProblem, fieldErrors, retryAfterSeconds, waitInWords } from "./problems";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe("fieldErrors", () => {
  it("maps each field of a validation problem to its messages, capitalised and joined", () => {
    const body = { status: 400, errors: { email: ["email is required."], graduation_year: ["graduation_year must lie between 1900 and 2036.", "b."] } };
    expect(fieldErrors(body)).toEqual({ email: "Email is required.", graduation_year: "Graduation year must lie between 1900 and 2036. B." });
  });

  it("capitalises every message of a field, not only the first", () => {
    const body = { errors: { email: ["email is required.", "email must be an email address such as name@example.com."] } };
    expect(fieldErrors(body).email).toBe("Email is required. Email must be an email address such as name@example.com.");
  });

  it("ignores bodies without errors and non-string messages", () => {
    expect(fieldErrors({ title: "Bad Request" })).toEqual({});
    expect(fieldErrors(null)).toEqual({});
    expect(fieldErrors({ errors: { name: [42] } })).toEqual({});
  });
});

describe("describeProblem", () => {
  it("puts known fields beside their controls and the others into the message", () => {
    const body = { errors: { name: ["name must have 1 to 100 characters."], body: ["A JSON body is required."] } };
    const view = describeProblem(400, body, undefined, "profile", ["name", "headline"]);
    expect(view.fields).toEqual({ name: "Name must have 1 to 100 characters." });
    expect(view.message).toBe("A JSON body is required.");
  });

  it("asks to correct the marked fields when every error has a place", () => {
    const view = describeProblem(400, { errors: { email: ["email is required."] } }, undefined, "sign-up", ["email"]);
    expect(view.message).toBe("Please correct the marked fields.");
  });

  it("says plainly that an email is taken on 409 at sign-up", () => {
    expect(describeProblem(409, {}, undefined, "sign-up").message).toMatch(/already exists/);
  });

  it("is neutral about which credential was wrong on 401 at sign-in", () => {
    const message = describeProblem(401, { detail: "The email or password is wrong." }, undefined, "sign-in").message;
    expect(message).toBe("The email or password is not right. Check both and try again.");
  });

  it("tells when to try again from Retry-After on 429", () => {
    const view = describeProblem(429, {}, headers({ "Retry-After": "42" }), "sign-in");
    expect(view.retryAfterSeconds).toBe(42);
    expect(view.message).toContain("try again in 42 seconds");
  });

  it("explains upload refusals in plain words", () => {
    expect(describeProblem(415, {}, undefined, "upload").message).toMatch(/not a picture/);
    expect(describeProblem(413, { detail: "The file is larger than the limit of 5242880 bytes." }, undefined, "upload").message)
      .toBe("This file is too large. Pictures can be at most 5 MB; choose a smaller one.");
    expect(describeProblem(413, { detail: "The picture has 50000000 pixels." }, undefined, "upload").message).toMatch(/too many pixels/);
    expect(describeProblem(400, { errors: { file: ["does not decode"] } }, undefined, "upload").message).toMatch(/could not be read/);
  });

  it("says an unreadable picture once, without the server's technical sentence after it", () => {
    const body = { errors: { file: ["The image could not be decoded: it is damaged, truncated or not what its first bytes claim."] } };
    expect(describeProblem(400, body, undefined, "upload").message)
      .toBe("This picture could not be read. It may be damaged or incomplete; try another file.");
  });

  it("words a pixel bomb's size with readable numbers and no raw server text", () => {
    const detail = "The picture is 30000 x 30000 pixels; at most 10000 on a side and 40000000 in all are accepted.";
    expect(describeProblem(413, { detail }, undefined, "upload").message).toBe(
      "This picture is too big to accept: it is 30,000 × 30,000 pixels, and pictures can have at most 10,000 pixels on a side "
      + "and 40 megapixels in all. Choose a smaller picture.");
    expect(describeProblem(413, { detail: "Something else." }, undefined, "upload").message)
      .toBe("This picture has too many pixels to accept. Choose a smaller picture.");
  });

  it("says which field holds hidden control characters, in plain words, beside that field", () => {
    const body = { errors: {
      email: ["email must not contain control characters (such as NUL or line breaks) or broken Unicode."],
      name: ["The name must not contain control characters (such as NUL, tab or line breaks)."],
      headline: ["The headline is not valid Unicode text (it holds an unpaired surrogate)."],
    } };
    const view = describeProblem(400, body, undefined, "profile", ["email", "name", "headline"]);
    expect(view.fields.email).toBe("Email contains hidden characters (such as a line break or a NUL) that cannot be saved, often from copying and pasting. Type it again and try once more.");
    expect(view.fields.name).toMatch(/^Your name contains hidden characters/);
    expect(view.fields.headline).toMatch(/^Headline contains hidden characters/);
    expect(view.message).toBe("Please correct the marked fields.");
  });

  it("explains a name without any visible character and text-direction tricks beside the name", () => {
    const invisible = describeProblem(400, { errors: { name: [
      "The name must contain at least one visible letter, digit or symbol (spaces and invisible characters alone are not a name).",
    ] } }, undefined, "sign-up", ["name"]);
    expect(invisible.fields.name).toBe("Your name needs at least one visible letter, digit or symbol: spaces and invisible characters alone are not a name.");
    const direction = describeProblem(400, { errors: { headline: [
      "The headline must not contain characters that override or isolate the text direction (U+202A to U+202E, U+2066 to U+2069).",
    ] } }, undefined, "profile", ["headline"]);
    expect(direction.fields.headline).toBe("Headline contains hidden characters that change the direction of the text around it. Type it again without them.");
    expect(direction.fields.headline).not.toMatch(/U\+/);
  });

  it("words a scan bomb, a picture past its deadline and one too large to decode for the picture area", () => {
    const scans = describeProblem(422, { detail: "The JPEG has more than 100 scans; at most 100 are accepted (cameras and editors write a few dozen at most). Save it again as an ordinary JPEG." }, undefined, "upload");
    expect(scans.message).toBe("This JPEG is saved in an unusual way (more than 100 passes over the picture) that takes too long to read. "
      + "Open it and save it again as an ordinary JPEG, or choose another picture.");
    const late = describeProblem(422, { detail: "Processing the picture took longer than 5 seconds and was stopped. Try a smaller or simpler picture." }, undefined, "upload");
    expect(late.message).toBe("This picture took too long to process (more than 5 seconds) and was stopped. Try a smaller picture, or save it again as an ordinary JPEG.");
    expect(describeProblem(422, { detail: "Processing the picture took longer than 1 seconds and was stopped." }, undefined, "upload").message).toMatch(/more than 1 second\)/);
    const memory = describeProblem(413, { detail: "Decoding the picture would need about 1200 MB of memory; at most 768 MB are available for pictures. Save it with fewer pixels, or as a baseline JPEG or a non-interlaced PNG." }, undefined, "upload");
    expect(memory.message).toBe("This picture would take too much memory to read (about 1,200 MB). Save it with fewer pixels, or as an ordinary (not progressive) JPEG or a non-interlaced PNG, and try again.");
    expect(describeProblem(422, { detail: "Something new." }, undefined, "upload").message).toBe("This picture takes too long to process. Try a smaller picture.");
  });

  it("treats status 0 as a network failure", () => {
    expect(describeProblem(0, undefined, undefined, "load").message).toMatch(/Could not reach/);
  });
});

describe("retryAfterSeconds", () => {
  it("reads seconds and HTTP dates, and falls back to a minute", () => {
    expect(retryAfterSeconds(headers({ "Retry-After": "7" }))).toBe(7);
    const now = Date.parse("2030-01-01T00:00:00Z");
    expect(retryAfterSeconds(headers({ "Retry-After": "Tue, 01 Jan 2030 00:00:30 GMT" }), now)).toBe(30);
    expect(retryAfterSeconds(headers({}))).toBe(60);
  });

  it("words long waits in minutes", () => {
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(150)).toBe("3 minutes");
  });
});
