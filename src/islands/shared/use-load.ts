// A read that starts when the widget has what it needs and whose answer is dropped once the widget
// moved on (unmounted, or the inputs changed): null while it runs, then the answer — or, should the
// read reject (supabase-js failed to load, a bug), `failed`, so the widget never waits forever.
import { useEffect, useState } from 'preact/hooks';

export function useLoad<T>(load: (() => Promise<T>) | null, inputs: readonly unknown[], failed: T): T | null {
	const [answer, setAnswer] = useState<T | null>(null);
	useEffect(() => {
		setAnswer(null);
		if (!load) return;
		let live = true;
		load().then(
			(a) => live && setAnswer(() => a),
			() => live && setAnswer(() => failed),
		);
		return () => {
			live = false;
		};
	}, inputs);
	return answer;
}
