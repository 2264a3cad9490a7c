// One chart: uPlot drawn into a box that fits the column and follows its width, an HTML legend, and a
// caption that names the table holding the same figures (the chart's text alternative; the canvas
// itself is hidden from assistive technology). If uPlot cannot be loaded the table still says it all.
import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { fill } from '../shared/labels.ts';
import type { ChartSpec } from './chart-spec.ts';
import type { DashboardLabels } from './labels.ts';
import { Legend } from './Legend.tsx';
import { loadUplot } from './load-uplot.ts';
import { CHART_HEIGHT, chartData, chartOptions } from './uplot-options.ts';

interface Props {
	id: string;
	title: string;
	spec: ChartSpec;
	/** The title of the table with the same figures. */
	tableTitle: string;
	labels: DashboardLabels;
}

export function Chart({ id, title, spec, tableTitle, labels }: Props) {
	const box = useRef<HTMLDivElement>(null);
	const [failed, setFailed] = useState(false);
	// Axis and grid colours come from the theme: redraw when the reader switches it.
	const [theme, setTheme] = useState(0);
	useEffect(() => {
		const watcher = new MutationObserver(() => setTheme((n) => n + 1));
		watcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
		return () => watcher.disconnect();
	}, []);

	useEffect(() => {
		let live = true;
		let plot: uPlot | undefined;
		let observer: ResizeObserver | undefined;
		loadUplot()
			.then((U) => {
				const target = box.current;
				if (!live || !target) return;
				plot = new U(chartOptions(U, spec, target.clientWidth), chartData(spec), target);
				observer = new ResizeObserver(() => plot?.setSize({ width: target.clientWidth, height: CHART_HEIGHT }));
				observer.observe(target);
			})
			.catch(() => live && setFailed(true));
		return () => {
			live = false;
			observer?.disconnect();
			plot?.destroy();
		};
	}, [spec, theme]);

	const captionId = `${id}-caption`;
	return (
		<figure class="dashboard-chart" aria-labelledby={captionId}>
			<figcaption id={captionId}>
				<span class="dashboard-chart-title">{title}</span>{' '}
				<span class="dashboard-chart-note">{fill(failed ? labels.chartFailed : labels.chartNote, { table: tableTitle })}</span>
			</figcaption>
			{!failed && <div ref={box} class="dashboard-chart-canvas" aria-hidden="true" />}
			<Legend spec={spec} />
		</figure>
	);
}
