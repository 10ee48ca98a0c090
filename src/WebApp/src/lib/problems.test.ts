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
