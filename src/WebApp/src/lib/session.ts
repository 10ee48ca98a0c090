// The access token lives in memory and in sessionStorage (this tab only, gone when it closes); never in
// localStorage, where every tab and any script on the origin would find it for good.
const key = "cleanprofiles.session";

export interface Session {
  token: string;
  expiresAt: number;
}

export const expiredMessage = "Your session has ended. Please sign in again.";
export const signedOutMessage = "You have signed out.";

type Listener = (session: Session | null, reason?: string) => void;

let current: Session | null = read();
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.token !== "string" || typeof parsed.expiresAt !== "number" || parsed.expiresAt <= Date.now()) {
      return null;
    }
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) {
    end(expiredMessage);
  }
  return current;
}

export function startSession(token: string, expiresInSeconds: number): void {
  current = { token, expiresAt: Date.now() + expiresInSeconds * 1000 };
  globalThis.sessionStorage?.setItem(key, JSON.stringify(current));
  listeners.forEach((l) => l(current));
}

/** Signs out; the reason, if any, is shown on the sign-in screen. */
export function end(reason?: string): void {
  current = null;
  globalThis.sessionStorage?.removeItem(key);
  listeners.forEach((l) => l(null, reason));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
