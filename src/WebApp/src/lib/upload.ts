// Uploads with XMLHttpRequest: fetch() cannot report upload progress. The request and response types are the
// generated contract's; only the transport is hand-made.
import type { UploadResult } from "../api/types";
import { end, expiredMessage, getSession } from "./session";

export type UploadPhase = { phase: "sending"; fraction: number } | { phase: "processing" };

export type UploadOutcome =
  | { ok: true; result: UploadResult }
  | { ok: false; status: number; body: unknown; headers: { get(name: string): string | null } };

/** The part of XMLHttpRequest the upload uses; tests pass a fake. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData): void;
  abort(): void;
  getResponseHeader(name: string): string | null;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export interface Upload {
  done: Promise<UploadOutcome>;
  abort(): void;
}

export const uploadPath = "/api/profile/upload-picture";

export function uploadPicture(
  file: File,
  onProgress: (phase: UploadPhase) => void,
  createXhr: () => XhrLike = () => new XMLHttpRequest() as unknown as XhrLike,
): Upload {
  const xhr = createXhr();
  const done = new Promise<UploadOutcome>((resolve) => {
    const headers = { get: (name: string) => xhr.getResponseHeader(name) };
    const failed = (status: number, body: unknown = undefined) => resolve({ ok: false, status, body, headers });
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress({ phase: "sending", fraction: Math.min(1, e.loaded / e.total) });
    };
    // Every byte is sent: the server now decodes and re-encodes the picture.
    xhr.upload.onload = () => onProgress({ phase: "processing" });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 && body) {
        resolve({ ok: true, result: body as UploadResult });
        return;
      }
      if (xhr.status === 401) end(expiredMessage);
      failed(xhr.status, body);
    };
    xhr.onerror = () => failed(0);
    xhr.onabort = () => failed(-1);
  });

  xhr.open("POST", uploadPath);
  const session = getSession();
  if (session) xhr.setRequestHeader("Authorization", `Bearer ${session.token}`);
  const form = new FormData();
  form.append("file", file, file.name);
  onProgress({ phase: "sending", fraction: 0 });
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}
