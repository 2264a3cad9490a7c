// A read that starts when the widget has what it needs and whose answer is dropped once the widget
// moved on (unmounted, or the inputs changed): null while it runs, then the answer.
import { useEffect, useState } from 'preact/hooks';

export function useLoad<T>(load: (() => Promise<T>) | null, inputs: readonly unknown[]): T | null {
	const [answer, setAnswer] = useState<T | null>(null);
	useEffect(() => {
		setAnswer(null);
		if (!load) return;
		let live = true;
		load().then((a) => live && setAnswer(() => a));
		return () => {
			live = false;
		};
	}, inputs);
	return answer;
}
