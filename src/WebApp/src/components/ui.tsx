import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { colourIndex, initials } from "../lib/avatar";
import { navigate } from "../lib/router";

/** A labelled input with its hint and the server's message for it, wired for screen readers. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  multiline?: boolean;
  input?: InputHTMLAttributes<HTMLInputElement>;
  textarea?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}) {
  const id = useId();
  const described = [props.hint ? `${id}-hint` : "", props.error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": props.error ? true : undefined, "aria-describedby": described };
  return (
    <div className={props.error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? <textarea {...props.textarea} {...common} /> : <input {...props.input} {...common} />}
      {props.hint && <p className="hint" id={`${id}-hint`}>{props.hint}</p>}
      {props.error && <p className="field-error" id={`${id}-error`}>{props.error}</p>}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role={label ? "status" : undefined} aria-label={label} />;
}

/** A message region: errors are alerts, the rest polite status updates. */
export function Notice({ kind, children }: { kind: "error" | "success" | "info"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export function Initials({ userId, name, size }: { userId?: string | undefined; name?: string | null | undefined; size: "small" | "large" }) {
  return (
    <span className={`avatar avatar-${size} avatar-${colourIndex(userId)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

/** An in-app link: a real anchor (works with the keyboard, middle-click, copy), routed without a reload. */
export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? "page" : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
