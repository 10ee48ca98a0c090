import { useCallback, useEffect, useState } from "react";

/**
 * A countdown for 429 waits: start(seconds) begins it (in the event that got the 429, so the first value shown is
 * exactly the server's wait); the value is the whole seconds left, 0 when it is over.
 */
export function useCountdown(): [number, (seconds: number) => void] {
  const [clock, setClock] = useState({ until: 0, now: 0 });
  const running = clock.until > clock.now;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setClock((c) => ({ ...c, now: Date.now() })), 1000);
    return () => clearInterval(timer);
  }, [running, clock.until]);
  const start = useCallback((seconds: number) => {
    const now = Date.now();
    setClock({ until: now + seconds * 1000, now });
  }, []);
  return [Math.max(0, Math.ceil((clock.until - clock.now) / 1000)), start];
}
