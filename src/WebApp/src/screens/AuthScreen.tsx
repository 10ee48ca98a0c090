import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { Button, Field, Link, Notice, Spinner, useFocusFirstInvalid } from "../components/ui";
import { describeProblem, type ProblemView } from "../lib/problems";
import { signedOutMessage, startSession } from "../lib/session";
import { useCountdown } from "../lib/useCountdown";

const fieldNames = ["email", "password", "name"] as const;

export function AuthScreen({ mode, notice }: { mode: "sign-in" | "sign-up"; notice?: string | undefined }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [wait, startWait] = useCountdown();
  const [form, focusFirstInvalid] = useFocusFirstInvalid();
  const signUp = mode === "sign-up";

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || wait > 0) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const result = signUp
        ? await api.POST("/api/auth/register", { body: { email, password, name } })
        : await api.POST("/api/auth/login", { body: { email, password } });
      if (result.data?.access_token) {
        startSession(result.data.access_token, result.data.expires_in ?? 3600);
        return;
      }
      const view = describeProblem(result.response.status, result.error, result.response.headers, mode, fieldNames);
      // A taken email is about the email field: mark it there too.
      if (result.response.status === 409) view.fields.email = "This email is already registered.";
      setProblem(view);
      if (view.retryAfterSeconds) startWait(view.retryAfterSeconds);
      focusFirstInvalid();
    } catch {
      setProblem(describeProblem(0, undefined, undefined, mode));
    } finally {
      setBusy(false);
    }
  }

  // A field's message goes as soon as the person changes that field.
  const edit = (field: (typeof fieldNames)[number], set: (value: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    if (problem?.fields[field]) setProblem({ ...problem, fields: { ...problem.fields, [field]: "" } });
  };

  const errors = problem?.fields ?? {};
  const waited = problem?.retryAfterSeconds !== undefined && wait === 0;
  const action = signUp ? "Create account" : "Sign in";
  return (
    <div className="auth">
      <section className="auth-intro" aria-label="About CleanProfiles">
        <p className="eyebrow">Alumni community</p>
        <p className="lead">Find classmates, share what you do now, and keep your picture private: it is only ever shown through links that expire.</p>
      </section>
      <section className="card auth-card">
        <h1>{signUp ? "Create your account" : "Sign in"}</h1>
        {/* A session that ended by itself is news (an alert); signing out oneself is not. */}
        {notice && <Notice kind="info" urgent={notice !== signedOutMessage}>{notice}</Notice>}
        <form ref={form} onSubmit={submit} noValidate>
          {signUp && (
            <Field label="Your name" error={errors.name} hint="As classmates will see it, 1 to 100 characters."
              input={{ value: name, onChange: edit("name", setName), autoComplete: "name", required: true, maxLength: 100 }} />
          )}
          <Field label="Email" error={errors.email}
            input={{ type: "email", value: email, onChange: edit("email", setEmail), autoComplete: "email", required: true }} />
          <Field label="Password" error={errors.password} hint={signUp ? "8 to 128 characters." : undefined}
            input={{ type: "password", value: password, onChange: edit("password", setPassword), autoComplete: signUp ? "new-password" : "current-password", required: true }} />
          {/* The wait is said once (an alert that does not repeat every second); the button counts it down. */}
          <Notice kind="error">{!waited && problem?.message}</Notice>
          <Notice kind="info">{waited ? `You can ${signUp ? "try" : "sign in"} again now.` : null}</Notice>
          <Button type="submit" className="button-primary" unavailable={busy || wait > 0}>
            {busy ? <><Spinner /> {signUp ? "Creating your account…" : "Signing in…"}</> : wait > 0 ? `${action} (wait ${wait} s)` : action}
          </Button>
        </form>
        <p className="switch">
          {signUp ? <>Already have an account? <Link to="/sign-in">Sign in</Link></> : <>New here? <Link to="/sign-up">Create an account</Link></>}
        </p>
      </section>
    </div>
  );
}
