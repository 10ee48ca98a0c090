import {
  useCallback, useEffect, useId, useRef, useState,
  type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type Ref, type RefObject, type TextareaHTMLAttributes,
} from "react";
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

/**
 * A message. Errors are alerts (announced as they appear). Other messages go into a polite status region that is
 * always in the page, so a screen reader notices when its text arrives; render it whether or not there is a message.
 * `urgent` makes a message that arrives with its screen (the session has ended) an alert too.
 */
export function Notice({ kind, children, urgent }: { kind: "error" | "success" | "info"; children: ReactNode; urgent?: boolean }) {
  if (kind === "error" || urgent) {
    return children ? <div className={`notice notice-${kind}`} role="alert">{children}</div> : null;
  }
  return <div role="status">{children ? <div className={`notice notice-${kind}`}>{children}</div> : null}</div>;
}

/**
 * A button that cannot be used for now but keeps its place in the tab order (aria-disabled instead of disabled), so
 * the focus of a keyboard user never falls back to the start of the page while a request runs.
 */
export function Button({ unavailable, onClick, ref, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & {
  unavailable?: boolean;
  ref?: Ref<HTMLButtonElement>;
}) {
  return (
    <button
      type="button"
      {...props}
      ref={ref}
      aria-disabled={unavailable || undefined}
      onClick={(e) => {
        // Also stops the form submission of a submit button (a click, or Enter in a field).
        if (unavailable) e.preventDefault();
        else onClick?.(e);
      }}
    />
  );
}

/** A person's initials in their colour; labelled when they stand alone (no name beside them says who it is). */
export function Initials({ userId, name, size, label }: {
  userId?: string | undefined;
  name?: string | null | undefined;
  size: "small" | "large";
  label?: string;
}) {
  return (
    <span className={`avatar avatar-${size} avatar-${colourIndex(userId)}`} {...(label ? { role: "img", "aria-label": label } : { "aria-hidden": true })}>
      {initials(name)}
    </span>
  );
}

/**
 * For a form whose fields were refused: call the returned function with the refusal, and once the messages are in
 * the page the focus moves to the first refused field (a screen reader reads its message with it).
 */
export function useFocusFirstInvalid(): [RefObject<HTMLFormElement | null>, () => void] {
  const form = useRef<HTMLFormElement>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) form.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [requests]);
  return [form, useCallback(() => setRequests((n) => n + 1), [])];
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
