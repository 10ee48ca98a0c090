import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { api } from "../api/client";
import type { CommunityPage, Person } from "../api/types";
import { Button, Initials, Notice, Spinner } from "../components/ui";
import { createLinkRecovery, type LinkRecovery } from "../lib/freshLinks";
import { emptyList, loadNext, reloadAll, type PagedList } from "../lib/paging";
import { describeProblem } from "../lib/problems";

export const pageSize = 24;

class LoadError extends Error {}

async function fetchPage(cursor: string | undefined): Promise<CommunityPage> {
  const query = cursor ? { limit: pageSize, cursor } : { limit: pageSize };
  const { data, error, response } = await api.GET("/api/community", { params: { query } });
  if (!data) throw new LoadError(describeProblem(response.status, error, response.headers, "load").message);
  return data;
}

function messageOf(e: unknown): string {
  return e instanceof LoadError ? e.message : describeProblem(0, undefined, undefined, "load").message;
}

export function CommunityScreen() {
  const [list, setList] = useState<PagedList>(emptyList);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const grid = useRef<HTMLUListElement>(null);
  // After "Load more": the index of the first person it brought, whose card gets the focus once it is shown.
  const [focusAt, setFocusAt] = useState<number | undefined>();
  useEffect(() => {
    if (focusAt === undefined) return;
    grid.current?.querySelectorAll<HTMLElement>(".person-name")[focusAt]?.focus();
  }, [focusAt]);
  // The list as last rendered, for the refetch that runs outside rendering.
  const shown = useRef(list);
  useEffect(() => {
    shown.current = list;
  }, [list]);

  const more = useCallback(async (from: PagedList) => {
    setLoading(true);
    setProblem(undefined);
    try {
      const next = await loadNext(from, fetchPage);
      setList(next);
      if (from.people.length > 0 && next.people.length > from.people.length) setFocusAt(from.people.length);
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void more(emptyList); // eslint-disable-line react-hooks/set-state-in-effect -- the first page loads on mount
  }, [more]);

  // Expired or revoked links: fetch the loaded pages again, once, for fresh ones.
  // eslint-disable-next-line react-hooks/refs -- the ref is read when an image fails, never during render
  const recovery = useMemo<LinkRecovery>(() => createLinkRecovery(async () => {
    setList(await reloadAll(shown.current, fetchPage));
  }), []);

  const person = list.people.find((p) => p.user_id === selected);

  return (
    <section aria-labelledby="community-heading">
      <div className="section-head">
        <h1 id="community-heading">Community</h1>
        <p className="hint">{list.people.length > 0 && `${list.people.length}${list.nextCursor ? "+" : ""} people`}</p>
      </div>
      {list.people.length === 0 && !loading && !problem && <p className="empty">Nobody is here yet. Be the first: add a picture on your profile.</p>}
      <ul className="grid" aria-busy={loading} ref={grid}>
        {list.people.map((p) => (
          <li key={p.user_id}>
            <PersonCard person={p} recovery={recovery} onOpen={() => setSelected(p.user_id)} />
          </li>
        ))}
      </ul>
      <Notice kind="error">{problem}</Notice>
      <div className="more">
        {loading && list.people.length === 0 ? (
          <p className="loading"><Spinner /> Loading people…</p>
        ) : problem || list.nextCursor ? (
          // One button that stays while the next page loads, so the focus stays on it.
          <Button className="button-secondary" unavailable={loading} onClick={() => void more(list)}>
            {loading ? <><Spinner /> Loading more people…</> : problem ? "Try again" : "Load more"}
          </Button>
        ) : null}
      </div>
      {person && <PersonDialog person={person} recovery={recovery} onClose={() => setSelected(undefined)} />}
    </section>
  );
}

function Picture({ url, person, recovery, className, size }: {
  url: string | null | undefined;
  person: Person;
  recovery: LinkRecovery;
  className: string;
  size?: number;
}) {
  const [failed, setFailed] = useState<string | undefined>();
  const [loaded, setLoaded] = useState<string | undefined>();
  if (!url || failed === url) return <Initials userId={person.user_id} name={person.name} size={size ? "small" : "large"} />;
  return (
    <>
      {!size && loaded !== url && <span className="picture-loading"><Spinner label={`Loading the picture of ${person.name ?? "this person"}`} /></span>}
      <img
        className={className}
        src={url}
        alt={person.name ?? ""}
        width={size}
        height={size}
        loading={size ? "lazy" : "eager"}
        decoding="async"
        referrerPolicy="no-referrer"
        onLoad={() => setLoaded(url)}
        onError={() => void recovery.onImageError(url).then((ok) => { if (!ok) setFailed(url); })}
      />
    </>
  );
}

function PersonCard({ person, recovery, onOpen }: { person: Person; recovery: LinkRecovery; onOpen: () => void }) {
  // The name is the button; its ::after covers the card, so the picture opens the profile too.
  return (
    <div className="person">
      <span className="thumb-frame">
        <Picture url={person.profile_picture_thumbnail_url} person={person} recovery={recovery} className="thumb" size={256} />
      </span>
      <button type="button" className="person-name" onClick={onOpen} aria-haspopup="dialog">{person.name}</button>
      {person.headline && <span className="person-headline">{person.headline}</span>}
      {person.graduation_year != null && <span className="person-year">Class of {person.graduation_year}</span>}
    </div>
  );
}

/** A click on the backdrop, outside the dialog's box, closes it (a click on its padding or a button's keypress does not). */
function closeOnBackdrop(e: MouseEvent<HTMLDialogElement>) {
  if (e.target !== e.currentTarget) return;
  const box = e.currentTarget.getBoundingClientRect();
  if (e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) e.currentTarget.close();
}

function PersonDialog({ person, recovery, onClose }: { person: Person; recovery: LinkRecovery; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="person-dialog" aria-labelledby="person-heading" onClose={onClose} onClick={closeOnBackdrop}>
      <div className="person-dialog-picture">
        <Picture url={person.profile_picture_url} person={person} recovery={recovery} className="picture-large" />
      </div>
      <div className="person-dialog-text">
        <h2 id="person-heading">{person.name}</h2>
        {person.headline && <p className="person-headline">{person.headline}</p>}
        {person.graduation_year != null && <p className="person-year">Class of {person.graduation_year}</p>}
        {person.bio && <p className="bio">{person.bio}</p>}
        <button type="button" className="button-secondary" autoFocus onClick={() => ref.current?.close()}>Close</button>
      </div>
    </dialog>
  );
}
