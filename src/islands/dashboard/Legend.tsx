// The chart's legend in HTML: each series' name next to a swatch drawn with its dash (lines) or its
// pattern (bars), so series are told apart without relying on colour. The swatches are decorative.
import type { ChartSpec } from './chart-spec.ts';
import { patternTile } from './chart-style.ts';

export function Legend({ spec }: { spec: ChartSpec }) {
	return (
		<ul class="dashboard-legend">
			{spec.series.map((s) => (
				<li key={s.label}>
					{spec.kind === 'lines' ? (
						<svg class="dashboard-swatch" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true">
							<line
								x1="1"
								y1="6"
								x2="31"
								y2="6"
								stroke={s.style.color}
								stroke-width={s.reference ? 1.5 : 2.5}
								stroke-dasharray={(s.reference ? [6, 4] : s.style.dash).join(' ') || undefined}
							/>
							{!s.reference && <circle cx="16" cy="6" r="3.5" fill={s.style.color} />}
						</svg>
					) : (
						<span
							class="dashboard-swatch dashboard-swatch-bar"
							aria-hidden="true"
							style={{ backgroundImage: `url(${patternTile(s.style, 2).toDataURL()})`, borderColor: s.style.color }}
						/>
					)}
					{s.label}
				</li>
			))}
		</ul>
	);
}
