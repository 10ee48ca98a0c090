import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { Field, Link, Notice, Spinner } from "../components/ui";
import { describeProblem, type ProblemView } from "../lib/problems";
import { startSession } from "../lib/session";
import { useCountdown } from "../lib/useCountdown";

const fieldNames = ["email", "password", "name"] as const;

export function AuthScreen({ mode, notice }: { mode: "sign-in" | "sign-up"; notice?: string | undefined }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemView | undefined>();
  const [blockedUntil, setBlockedUntil] = useState<number | undefined>();
  const wait = useCountdown(blockedUntil);
  const signUp = mode === "sign-up";

  async function submit(e: FormEvent) {
    e.preventDefault();
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
      setProblem(view);
      if (view.retryAfterSeconds) setBlockedUntil(Date.now() + view.retryAfterSeconds * 1000);
    } catch {
      setProblem(describeProblem(0, undefined, undefined, mode));
    } finally {
      setBusy(false);
    }
  }

  const errors = problem?.fields ?? {};
  return (
    <div className="auth">
      <section className="auth-intro" aria-label="About CleanProfiles">
        <p className="eyebrow">Alumni community</p>
        <p className="lead">Find classmates, share what you do now, and keep your picture private: it is only ever shown through links that expire.</p>
      </section>
      <section className="card auth-card">
        <h1>{signUp ? "Create your account" : "Sign in"}</h1>
        {notice && <Notice kind="info">{notice}</Notice>}
        <form onSubmit={submit} noValidate>
          {signUp && (
            <Field label="Your name" error={errors.name} hint="As classmates will see it, 1 to 100 characters."
              input={{ value: name, onChange: (e) => setName(e.target.value), autoComplete: "name", required: true, maxLength: 100 }} />
          )}
          <Field label="Email" error={errors.email}
            input={{ type: "email", value: email, onChange: (e) => setEmail(e.target.value), autoComplete: "email", required: true }} />
          <Field label="Password" error={errors.password} hint={signUp ? "At least 8 characters." : undefined}
            input={{ type: "password", value: password, onChange: (e) => setPassword(e.target.value), autoComplete: signUp ? "new-password" : "current-password", required: true }} />
          {problem?.message && <Notice kind="error">{wait > 0 && problem.retryAfterSeconds ? `${problem.message} (${wait} s)` : problem.message}</Notice>}
          <button type="submit" className="button-primary" disabled={busy || wait > 0}>
            {busy ? <><Spinner /> {signUp ? "Creating your account…" : "Signing in…"}</> : signUp ? "Create account" : "Sign in"}
          </button>
        </form>
        <p className="switch">
          {signUp ? <>Already have an account? <Link to="/sign-in">Sign in</Link></> : <>New here? <Link to="/sign-up">Create an account</Link></>}
        </p>
      </section>
    </div>
  );
}
