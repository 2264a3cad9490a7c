// uPlot (~50 KB) is fetched the first time a chart is drawn, never with the page. Its stylesheet is
// copied into src/styles/widgets/dashboard.css: Astro drops CSS imported lazily from an island.
import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | undefined;

export function loadUplot(): Promise<typeof uPlot> {
	loading ??= import('uplot').then((module) => module.default);
	loading.catch(() => (loading = undefined));
	return loading;
}
