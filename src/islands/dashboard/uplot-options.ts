// A ChartSpec as uPlot options and data: months are category indices 0..n-1 (not time), lines for
// rates and reference lines for commitments, grouped bars placed side by side within each month with
// the bars path builder's per-bar offsets. Colours of text and grid follow Starlight's theme.
import type uPlot from 'uplot';
import type { ChartSpec } from './chart-spec.ts';
import { patternFill } from './chart-style.ts';

export const CHART_HEIGHT = 280;
/** The share of a month's width its group of bars takes. */
const GROUP = 0.8;

function themeColor(name: string, fallback: string): string {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function chartData(spec: ChartSpec): uPlot.AlignedData {
	return [spec.categories.map((_, i) => i), ...spec.series.map((s) => s.values)] as uPlot.AlignedData;
}

/** Counts: from 0 to a round number above the largest value. */
function countRange(_u: uPlot, _min: number, max: number): uPlot.Range.MinMax {
	const top = Math.max(1, max);
	const step = 10 ** Math.floor(Math.log10(top));
	return [0, Math.ceil((top * 1.1) / step) * step];
}

export function chartOptions(U: typeof uPlot, spec: ChartSpec, width: number): uPlot.Options {
	const text = themeColor('--sl-color-gray-2', '#555');
	const grid = themeColor('--sl-color-gray-5', '#ddd');
	const ratio = window.devicePixelRatio || 1;
	const n = spec.categories.length;
	const perBar = GROUP / Math.max(1, spec.series.length);
	const ticks = spec.categories.map((_, i) => i);
	const font = '12px system-ui, sans-serif';

	const series: uPlot.Series[] = spec.series.map((s, i) => {
		if (spec.kind === 'bars')
			return {
				label: s.label,
				stroke: s.style.color,
				width: 1,
				fill: patternFill(s.style, ratio),
				points: { show: false },
				paths: U.paths.bars!({
					disp: {
						// Left edges (in month units) and widths of this series' bars within each month's group.
						x0: { unit: 1, values: (u) => (u.data[0] as number[]).map((x) => x - GROUP / 2 + i * perBar) },
						size: { unit: 1, values: (u) => (u.data[0] as number[]).map(() => perBar) },
					},
				}),
			};
		return {
			label: s.label,
			stroke: s.style.color,
			width: s.reference ? 1.5 : 2.5,
			dash: s.reference ? [6, 4] : s.style.dash,
			spanGaps: true,
			points: { show: !s.reference, size: 7, fill: s.style.color },
		};
	});

	return {
		width,
		height: CHART_HEIGHT,
		legend: { show: false },
		cursor: { show: false },
		select: { show: false, left: 0, top: 0, width: 0, height: 0 },
		scales: {
			x: { time: false, range: [-0.5, n - 0.5] },
			y: spec.yRange ? { range: spec.yRange } : { range: countRange },
		},
		axes: [
			{ stroke: text, font, grid: { show: false }, ticks: { stroke: grid }, splits: () => ticks, values: (_u, splits) => splits.map((i) => spec.categories[i] ?? '') },
			{
				stroke: text,
				font,
				labelFont: font,
				label: spec.yLabel,
				grid: { stroke: grid, width: 1 },
				ticks: { stroke: grid },
				values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? `${v}${spec.ySuffix ?? ''}` : '')),
			},
		],
		series: [{}, ...series],
	};
}
