import { describe, expect, it } from "vitest";
import { uploadPicture, type UploadPhase, type XhrLike } from "./upload";

class FakeXhr implements XhrLike {
  status = 0;
  responseText = "";
  sent?: FormData;
  opened?: string;
  headers: Record<string, string> = {};
  responseHeaders: Record<string, string> = {};
  upload: XhrLike["upload"] = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) { this.opened = `${method} ${url}`; }
  setRequestHeader(name: string, value: string) { this.headers[name] = value; }
  send(body: FormData) { this.sent = body; }
  abort() { this.onabort?.(); }
  getResponseHeader(name: string) { return this.responseHeaders[name] ?? null; }
  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

const file = () => new File([new Uint8Array([0xff, 0xd8, 0xff])], "me.jpg", { type: "image/jpeg" });

describe("uploadPicture", () => {
  it("posts one part named file and reports progress, then processing, then the result", async () => {
    const xhr = new FakeXhr();
    const phases: UploadPhase[] = [];
    const upload = uploadPicture(file(), (p) => phases.push(p), () => xhr);

    expect(xhr.opened).toBe("POST /api/profile/upload-picture");
    expect((xhr.sent?.get("file") as File).name).toBe("me.jpg");
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
    xhr.upload.onload?.();
    xhr.respond(200, { success: true, url: "http://x/media/a", s3Key: "profile-pictures/a.jpg" });

    const outcome = await upload.done;
    expect(phases).toEqual([
      { phase: "sending", fraction: 0 },
      { phase: "sending", fraction: 0.25 },
      { phase: "sending", fraction: 1 },
      { phase: "processing" },
    ]);
    expect(outcome).toEqual({ ok: true, result: { success: true, url: "http://x/media/a", s3Key: "profile-pictures/a.jpg" } });
  });

  it("ignores progress events without a known length", () => {
    const xhr = new FakeXhr();
    const phases: UploadPhase[] = [];
    uploadPicture(file(), (p) => phases.push(p), () => xhr);
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 10, total: 0 });
    expect(phases).toHaveLength(1);
  });

  it("hands back the problem body, status and headers of a refusal", async () => {
    const xhr = new FakeXhr();
    const upload = uploadPicture(file(), () => {}, () => xhr);
    xhr.respond(429, { status: 429, detail: "Too many requests." }, { "Retry-After": "12" });
    const outcome = await upload.done;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.status).toBe(429);
      expect(outcome.headers.get("Retry-After")).toBe("12");
      expect(outcome.body).toEqual({ status: 429, detail: "Too many requests." });
    }
  });

  it("reports a network failure as status 0", async () => {
    const xhr = new FakeXhr();
    const upload = uploadPicture(file(), () => {}, () => xhr);
    xhr.onerror?.();
    expect(await upload.done).toMatchObject({ ok: false, status: 0 });
  });
});
