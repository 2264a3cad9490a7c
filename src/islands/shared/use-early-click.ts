// A click on a widget's button before its island has hydrated is not lost: the page's inline script
// (src/components/widgets/EarlyClicks.astro) stops it and keeps the button's data-early-click name on
// the island's element; once hydrated, the island does what was asked. The ref is any element the
// island renders.
import { useEffect, type MutableRef } from 'preact/hooks';

export const EARLY_CLICK = 'data-early-click';

export function useEarlyClick(ref: MutableRef<Element | null>, act: (name: string) => void): void {
	useEffect(() => {
		const island = ref.current?.closest('astro-island');
		const name = island?.getAttribute(EARLY_CLICK);
		if (!island || !name) return;
		island.removeAttribute(EARLY_CLICK);
		act(name);
	}, []);
}
