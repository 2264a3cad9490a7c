// Single-key shortcuts for the console (j/k, Enter, t, r, ?). They never fire while the agent is
// typing (in a field, a select or anything editable), with a modifier held (the browser's and the
// screen reader's own shortcuts), or while a dialog is open over the page.
import { useEffect, useRef } from 'preact/hooks';

export type ShortcutMap = Record<string, (e: KeyboardEvent) => void>;

export function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

export function useShortcuts(map: ShortcutMap): void {
	const current = useRef(map);
	current.current = map;
	useEffect(() => {
		function onKey(e: KeyboardEvent) {
			if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
			if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
			const action = current.current[e.key];
			if (!action) return;
			action(e);
		}
		document.addEventListener('keydown', onKey);
		return () => document.removeEventListener('keydown', onKey);
	}, []);
}
