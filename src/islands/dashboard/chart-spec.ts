// What a chart shows, independent of uPlot: month categories along x, one value per month per series,
// lines (rates, with the commitments as flat lines) or grouped bars (counts). The island builds these
// from the same aggregates as the tables.
import type { SeriesStyle } from './chart-style.ts';

export interface ChartSeries {
	label: string;
	/** One value per category; null where there is nothing to draw (a month with nothing measured). */
	values: (number | null)[];
	style: SeriesStyle;
	/** A reference line (a commitment): thin, no points. */
	reference?: boolean;
}

export interface ChartSpec {
	kind: 'lines' | 'bars';
	/** Axis labels of the months, in order. */
	categories: string[];
	series: ChartSeries[];
	yLabel: string;
	/** Fixed y range (percentages: 0–100); counts start at 0 and grow to fit. */
	yRange?: [number, number];
	/** Appended to y-axis tick values (" %"). */
	ySuffix?: string;
}
