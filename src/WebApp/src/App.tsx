import { useEffect, useRef, useState } from "react";
import { Link } from "./components/ui";
import { getSession, end, onSessionChange, signedOutMessage } from "./lib/session";
import { navigate, usePath } from "./lib/router";
import { AuthScreen } from "./screens/AuthScreen";
import { CommunityScreen } from "./screens/CommunityScreen";
import { ProfileScreen } from "./screens/ProfileScreen";

const titles: Record<string, string> = {
  "/sign-in": "Sign in",
  "/sign-up": "Create your account",
  "/profile": "My profile",
  "/community": "Community",
};

const screensWithSession = ["/profile", "/community"];

export function App() {
  const path = usePath();
  const [signedIn, setSignedIn] = useState(() => getSession() !== null);
  const [notice, setNotice] = useState<string | undefined>();

  // Where to go after signing in: the screen the person was sent away from (a link to /profile, a session that ended
  // while they were there), else the community.
  const returnTo = useRef<string | undefined>(undefined);

  useEffect(() => onSessionChange((session, reason) => {
    setSignedIn(session !== null);
    if (!session) {
      if (reason !== signedOutMessage && screensWithSession.includes(location.pathname)) returnTo.current = location.pathname;
      setNotice(reason);
      navigate("/sign-in", { replace: true });
    } else {
      setNotice(undefined);
    }
  }), []);

  const needsSession = path === "/" || screensWithSession.includes(path);
  useEffect(() => {
    if (path === "/") navigate(signedIn ? "/community" : "/sign-in", { replace: true });
    else if (needsSession && !signedIn) {
      returnTo.current = path;
      navigate("/sign-in", { replace: true });
    } else if ((path === "/sign-in" || path === "/sign-up") && signedIn) {
      navigate(returnTo.current ?? "/community", { replace: true });
      returnTo.current = undefined;
    }
  }, [path, signedIn, needsSession]);

  useEffect(() => {
    document.title = `${titles[path] ?? "Page not found"} · CleanProfiles`;
  }, [path]);

  // A file dropped anywhere but on the picture's drop zone would make the browser open it in place of the app (and
  // lose what was typed): such drops are ignored.
  useEffect(() => {
    const ignore = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
    };
    addEventListener("dragover", ignore);
    addEventListener("drop", ignore);
    return () => {
      removeEventListener("dragover", ignore);
      removeEventListener("drop", ignore);
    };
  }, []);

  // A new screen after something the person did (a link, signing in or out, a session that ended): start at its top,
  // with the focus on the main content, not left on a control that is gone (which sends the next Tab to the page's
  // start). The redirects of the first load, before any interaction, leave the focus alone.
  const main = useRef<HTMLElement>(null);
  const interacted = useRef(false);
  useEffect(() => {
    const mark = () => { interacted.current = true; };
    addEventListener("pointerdown", mark, { capture: true });
    addEventListener("keydown", mark, { capture: true });
    return () => {
      removeEventListener("pointerdown", mark, { capture: true });
      removeEventListener("keydown", mark, { capture: true });
    };
  }, []);
  useEffect(() => {
    if (!interacted.current) return;
    scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [path]);

  let screen;
  if (path === "/sign-in" || path === "/sign-up") {
    screen = signedIn ? null : <AuthScreen mode={path === "/sign-up" ? "sign-up" : "sign-in"} notice={notice} />;
  } else if (path === "/profile") {
    screen = signedIn ? <ProfileScreen /> : null;
  } else if (path === "/community") {
    screen = signedIn ? <CommunityScreen /> : null;
  } else if (path !== "/") {
    screen = (
      <section className="card narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <p><Link to="/">Go to the start page</Link></p>
      </section>
    );
  }

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>CleanProfiles</span>
          </Link>
          {signedIn && (
            <nav aria-label="Main">
              <Link to="/community" current={path === "/community"} className="nav-link">Community</Link>
              <Link to="/profile" current={path === "/profile"} className="nav-link">My profile</Link>
              <button type="button" className="button-quiet" onClick={() => end(signedOutMessage)}>Sign out</button>
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {screen}
      </main>
    </>
  );
}
