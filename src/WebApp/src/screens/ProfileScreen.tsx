import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { Profile } from "../api/types";
import { Button, Field, Notice, Spinner, useFocusFirstInvalid } from "../components/ui";
import { describeProblem, type ProblemView } from "../lib/problems";
import { changes, draftFields, draftOf, isDirty, rebase, type Draft, type DraftField } from "../lib/profileDraft";
import { PictureEditor } from "./PictureEditor";

export function ProfileScreen() {
  const [profile, setProfile] = useState<Profile | undefined>();
  const [loadProblem, setLoadProblem] = useState<string | undefined>();
  // Bumped when the form must start again from the stored profile (a reload on conflict).
  const [version, setVersion] = useState(0);
  const [conflict, setConflict] = useState<{ view: ProblemView; draft: Draft } | undefined>();

  const load = useCallback(async () => {
    try {
      const { data, response, error } = await api.GET("/api/profile");
      if (data?.profile) {
        setProfile(data.profile);
        setLoadProblem(undefined);
        return data.profile;
      }
      if (response.status !== 401) setLoadProblem(describeProblem(response.status, error, response.headers, "load").message);
    } catch {
      setLoadProblem(describeProblem(0, undefined, undefined, "load").message);
    }
    return undefined;
  }, []);

  useEffect(() => {
    void load(); // eslint-disable-line react-hooks/set-state-in-effect -- loading data on mount is what this effect is for
  }, [load]);

  if (!profile) {
    return (
      <section className="card narrow">
        <h1>My profile</h1>
        {loadProblem ? (
          <>
            <Notice kind="error">{loadProblem}</Notice>
            <Button className="button-secondary" onClick={() => void load()}>Try again</Button>
          </>
        ) : (
          <p className="loading"><Spinner /> Loading your profile…</p>
        )}
      </section>
    );
  }

  return (
    <div className="profile">
      <h1>My profile</h1>
      <div className="profile-grid">
        <PictureEditor profile={profile} onProfile={setProfile} reload={load} />
        <DetailsForm
          key={version}
          profile={profile}
          conflict={conflict}
          onSaved={setProfile}
          onConflict={async (view, draft) => {
            const latest = await load();
            setConflict({ view, draft: latest ? rebase(draft, draftOf(profile), draftOf(latest)) : draft });
            setVersion((v) => v + 1);
          }}
        />
      </div>
    </div>
  );
}

function DetailsForm({ profile, conflict, onSaved, onConflict }: {
  profile: Profile;
  conflict: { view: ProblemView; draft: Draft } | undefined;
  onSaved: (p: Profile) => void;
  onConflict: (view: ProblemView, draft: Draft) => Promise<void>;
}) {
  const stored = draftOf(profile);
  // After a conflict the form starts from the latest profile with the person's own edits kept on top.
  const [draft, setDraft] = useState<Draft>(conflict?.draft ?? stored);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | undefined>(conflict?.view);
  const [saved, setSaved] = useState(false);
  const [form, focusFirstInvalid] = useFocusFirstInvalid();
  const saveButton = useRef<HTMLButtonElement>(null);
  const dirty = isDirty(draft, stored);

  // A form started again after a conflict: the focus goes to Save, with the message just above it.
  useEffect(() => {
    if (conflict) saveButton.current?.focus();
  }, [conflict]);

  const set = (field: DraftField) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: e.target.value }));
    setSaved(false);
    // The field's message goes as soon as the person changes it.
    setProblem((p) => (p?.fields[field] ? { ...p, fields: { ...p.fields, [field]: "" } } : p));
  };

  function refuse(view: ProblemView) {
    setProblem(view);
    focusFirstInvalid();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty || busy) return;
    const { update, errors } = changes(draft, stored);
    if (Object.keys(errors).length > 0) {
      refuse({ message: "Please correct the marked fields.", fields: errors });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const { data, error, response } = await api.PUT("/api/profile/update", { body: update });
      if (data?.profile) {
        // The stored values (trimmed by the server) become the form's; the focus stays where it is.
        setDraft(draftOf(data.profile));
        setSaved(true);
        onSaved(data.profile);
        return;
      }
      const view = describeProblem(response.status, error, response.headers, "profile", draftFields);
      if (response.status === 409) {
        await onConflict(view, draft);
        return;
      }
      refuse(view);
    } catch {
      setProblem(describeProblem(0, undefined, undefined, "profile"));
    } finally {
      setBusy(false);
    }
  }

  const errors = problem?.fields ?? {};
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">About you</h2>
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Name" error={errors.name} input={{ value: draft.name, onChange: set("name"), autoComplete: "name", maxLength: 100 }} />
        <Field label="Headline" error={errors.headline} hint="What you do now, in a line."
          input={{ value: draft.headline, onChange: set("headline"), maxLength: 160 }} />
        <Field label="Graduation year" error={errors.graduation_year} hint="For example 2015; leave it empty to show none."
          input={{ value: draft.graduation_year, onChange: set("graduation_year"), inputMode: "numeric", maxLength: 4 }} />
        <Field label="About me" multiline error={errors.bio} hint="Up to 2000 characters."
          textarea={{ value: draft.bio, onChange: set("bio"), rows: 5, maxLength: 2000 }} />
        <Notice kind="error">{problem?.message}</Notice>
        <Notice kind="success">{saved && !dirty ? "Your profile is saved." : null}</Notice>
        <div className="actions">
          <Button ref={saveButton} type="submit" className="button-primary" unavailable={!dirty || busy}>
            {busy ? <><Spinner /> Saving…</> : "Save changes"}
          </Button>
          {!dirty && !busy && !saved && <span className="hint">Nothing to save yet.</span>}
        </div>
      </form>
    </section>
  );
}
