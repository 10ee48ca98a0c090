import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { api } from "../api/client";
import type { Profile, UploadResult } from "../api/types";
import { Button, Initials, Notice, Spinner } from "../components/ui";
import { createLinkRecovery } from "../lib/freshLinks";
import { describeProblem } from "../lib/problems";
import { uploadPicture, type UploadPhase } from "../lib/upload";

type Step =
  | { kind: "idle" }
  | { kind: "uploading"; preview: string; progress: UploadPhase }
  | { kind: "uploaded"; preview: string; result: UploadResult }
  | { kind: "saving"; preview: string; result: UploadResult };

export function PictureEditor({ profile, onProfile, reload }: {
  profile: Profile;
  onProfile: (p: Profile) => void;
  reload: () => Promise<Profile | undefined>;
}) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const [broken, setBroken] = useState(false);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [removing, setRemoving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // When the control that had the focus goes away (Save picture, Remove picture), the focus moves to the chooser.
  const focusChooser = () => inputRef.current?.focus();
  const recovery = useMemo(() => createLinkRecovery(async () => { await reload(); }), [reload]);

  // The local preview is a blob: URL; release it when it is no longer shown.
  const preview = step.kind === "idle" ? undefined : step.preview;
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  function choose(file: File | undefined) {
    if (!file) return;
    setError(undefined);
    setMessage(undefined);
    const local = URL.createObjectURL(file);
    const upload = uploadPicture(file, (progress) => setStep({ kind: "uploading", preview: local, progress }));
    setStep({ kind: "uploading", preview: local, progress: { phase: "sending", fraction: 0 } });
    void upload.done.then((outcome) => {
      if (inputRef.current) inputRef.current.value = "";
      if (outcome.ok) {
        setStep({ kind: "uploaded", preview: local, result: outcome.result });
        setMessage("Uploaded. Save to make it your profile picture.");
        return;
      }
      setStep({ kind: "idle" });
      if (outcome.status !== 401 && outcome.status !== -1) {
        setError(describeProblem(outcome.status, outcome.body, outcome.headers, "upload").message);
      }
    });
  }

  async function save() {
    if (step.kind !== "uploaded") return;
    setStep({ ...step, kind: "saving" });
    setError(undefined);
    try {
      // The original's steps 7-8: the key of the upload, never a URL, becomes profile_picture_url.
      const { data, error: problem, response } = await api.PUT("/api/profile/update", { body: { profile_picture_url: step.result.s3Key ?? "" } });
      if (data?.profile) {
        onProfile(data.profile);
        setBroken(false);
        setStep({ kind: "idle" });
        setMessage("Your new picture is saved.");
        focusChooser();
        return;
      }
      setStep({ ...step, kind: "uploaded" });
      if (response.status === 409) await reload();
      setError(describeProblem(response.status, problem, response.headers, "profile").message);
    } catch {
      setStep({ ...step, kind: "uploaded" });
      setError(describeProblem(0, undefined, undefined, "profile").message);
    }
  }

  async function remove() {
    confirmRef.current?.close();
    setRemoving(true);
    setError(undefined);
    try {
      const { response, error: problem } = await api.DELETE("/api/profile/picture");
      if (response.status === 204) {
        const fresh = await reload();
        if (fresh) onProfile(fresh);
        setMessage("Your picture was removed.");
        focusChooser();
      } else if (response.status !== 401) {
        setError(describeProblem(response.status, problem, response.headers, "profile").message);
      }
    } catch {
      setError(describeProblem(0, undefined, undefined, "profile").message);
    } finally {
      setRemoving(false);
    }
  }

  const busy = step.kind === "uploading" || step.kind === "saving" || removing;

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    if (!busy) choose(e.dataTransfer.files[0]);
  }

  const stored = broken ? null : profile.profile_picture_url;
  const name = profile.name ?? "";

  return (
    <section className="card picture-card" aria-labelledby="picture-heading">
      <h2 id="picture-heading">Picture</h2>
      <div
        className={dragging ? "dropzone dropzone-active" : "dropzone"}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {step.kind === "idle" ? (
          stored ? (
            <img
              className="picture"
              src={stored}
              alt={`${name}, your current profile picture`}
              referrerPolicy="no-referrer"
              onError={() => void recovery.onImageError(stored).then((ok) => { if (!ok) setBroken(true); })}
            />
          ) : (
            <Initials userId={profile.user_id} name={name} size="large" label={`${name}: no picture yet, your initials are shown`} />
          )
        ) : step.kind === "uploading" ? (
          <figure className="preview">
            <img className="picture" src={step.preview} alt="Preview of the picture you chose" />
            <figcaption>Preview: not uploaded yet</figcaption>
          </figure>
        ) : (
          <figure className="preview">
            <img className="picture" src={step.result.url ?? step.preview} alt="Your uploaded picture, not saved yet" referrerPolicy="no-referrer" />
            <figcaption>Uploaded picture, as it will be stored</figcaption>
          </figure>
        )}
        <p className="drop-hint">Drop a picture here, or</p>
        <label className="button-secondary file-button">
          {/* Not disabled while busy, only unavailable: the focus stays here during an upload, and Save is the next Tab. */}
          <input
            ref={inputRef}
            type="file"
            accept="image/jpeg,image/png,image/gif,image/webp"
            className="visually-hidden"
            aria-disabled={busy || undefined}
            onClick={(e) => { if (busy) e.preventDefault(); }}
            onChange={(e) => choose(e.target.files?.[0])}
          />
          <span>Choose a picture</span>
        </label>
        <p className="hint">JPEG, PNG, GIF or WebP, up to 5 MB. Location and camera details are removed.</p>
      </div>

      {step.kind === "uploading" && (
        <div className="progress">
          <label htmlFor="upload-progress">
            {step.progress.phase === "sending"
              ? `Uploading… ${Math.round(step.progress.fraction * 100)} %`
              : "Preparing your picture…"}
          </label>
          <progress
            id="upload-progress"
            max={1}
            value={step.progress.phase === "sending" ? step.progress.fraction : undefined}
          />
        </div>
      )}

      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{message && !error ? message : null}</Notice>

      <div className="actions">
        {(step.kind === "uploaded" || step.kind === "saving") && (
          <>
            <Button className="button-primary" onClick={() => void save()} unavailable={step.kind === "saving"}>
              {step.kind === "saving" ? <><Spinner /> Saving…</> : "Save picture"}
            </Button>
            <Button className="button-quiet" unavailable={step.kind === "saving"}
              onClick={() => { setStep({ kind: "idle" }); setMessage(undefined); focusChooser(); }}>
              Discard
            </Button>
          </>
        )}
        {step.kind === "idle" && profile.profile_picture_url && (
          <Button className="button-danger" unavailable={busy}
            onClick={() => { confirmRef.current?.showModal(); keepRef.current?.focus(); }}>
            {removing ? <><Spinner /> Removing…</> : "Remove picture"}
          </Button>
        )}
      </div>

      {/* The safe answer has the focus when the question opens: Enter or Space keeps the picture. */}
      <dialog ref={confirmRef} className="confirm" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
        <h3 id="confirm-heading">Remove your picture?</h3>
        <p id="confirm-text">Your initials will be shown instead. The picture is deleted and cannot be brought back.</p>
        <div className="actions">
          <button type="button" className="button-danger" onClick={() => void remove()}>Yes, remove it</button>
          <button type="button" className="button-secondary" ref={keepRef} onClick={() => confirmRef.current?.close()}>Keep it</button>
        </div>
      </dialog>
    </section>
  );
}
