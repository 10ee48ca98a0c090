// Signed picture links expire (or are revoked). When a picture fails to load, the data is fetched again once to get
// fresh links: errors that arrive together share one refetch, a link is retried at most once, and a link that
// fails right after a refetch is given up on (the picture is gone, not just its link).

export interface LinkRecovery {
  /** Resolves true when fresh data was fetched and the picture may be tried again; false to give up on it. */
  onImageError(url: string): Promise<boolean>;
}

export function createLinkRecovery(
  refetch: () => Promise<void>,
  options: { now?: () => number; quietMs?: number } = {},
): LinkRecovery {
  const now = options.now ?? (() => Date.now());
  const quietMs = options.quietMs ?? 10_000;
  const tried = new Set<string>();
  let inFlight: Promise<boolean> | null = null;
  let lastDone = Number.NEGATIVE_INFINITY;

  return {
    async onImageError(url) {
      if (tried.has(url)) return false;
      tried.add(url);
      if (inFlight) return inFlight;
      if (now() - lastDone < quietMs) return false;
      inFlight = refetch().then(
        () => true,
        () => false,
      ).finally(() => {
        lastDone = now();
        inFlight = null;
      });
      return inFlight;
    },
  };
}
