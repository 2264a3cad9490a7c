// Moves keyboard focus to an element when it appears because of something the person did (switching
// the sign-in method, signing in), never on a plain page load.
import { useEffect, useRef } from 'preact/hooks';

export function useFocusOnMount<T extends HTMLElement>(when: boolean) {
	const ref = useRef<T>(null);
	useEffect(() => {
		if (when) ref.current?.focus();
	}, []);
	return ref;
}
