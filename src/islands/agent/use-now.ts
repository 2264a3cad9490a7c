// The current time for countdowns, moving every 30 seconds: the queue and the workspace redraw their
// countdowns from the rows they already have, without asking the backend again.
import { useEffect, useState } from 'preact/hooks';

export const TICK_MS = 30_000;

export function useNow(every = TICK_MS): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), every);
		return () => clearInterval(timer);
	}, [every]);
	return now;
}
