// How each series looks, never by colour alone: lines differ by dash and width, bars by a fill
// pattern (solid, diagonal, dots, cross-hatch, …), and the legend shows the same dash or pattern next
// to each name. Colours are the Okabe–Ito palette, told apart by readers with colour-vision deficiency.

export type PatternName = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'back-diagonal' | 'grid';

export interface SeriesStyle {
	color: string;
	/** Canvas dash for lines ([] = solid). */
	dash: number[];
	pattern: PatternName;
}

const COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#999999'];
const DASHES = [[], [10, 5], [2, 4], [12, 4, 2, 4], [6, 6], [1, 3], [16, 6], [4, 2, 4, 8]];
const PATTERNS: PatternName[] = ['solid', 'diagonal', 'dots', 'cross', 'horizontal', 'vertical', 'back-diagonal', 'grid'];

/** The i-th series' style; after eight they repeat with another pattern so neighbours still differ. */
export function seriesStyle(i: number): SeriesStyle {
	const n = COLORS.length;
	return { color: COLORS[i % n], dash: DASHES[i % n], pattern: PATTERNS[(i + Math.floor(i / n)) % n] };
}

const TILE = 8;

/** A tile of the pattern over the colour, for canvas fills and the legend's swatches. */
export function patternTile(style: SeriesStyle, ratio = 1): HTMLCanvasElement {
	const size = TILE * ratio;
	const tile = Object.assign(document.createElement('canvas'), { width: size, height: size });
	const g = tile.getContext('2d')!;
	g.fillStyle = style.color;
	g.fillRect(0, 0, size, size);
	g.strokeStyle = 'rgba(255, 255, 255, 0.85)';
	g.fillStyle = 'rgba(255, 255, 255, 0.85)';
	g.lineWidth = 1.5 * ratio;
	const line = (x0: number, y0: number, x1: number, y1: number) => {
		g.beginPath();
		g.moveTo(x0 * ratio, y0 * ratio);
		g.lineTo(x1 * ratio, y1 * ratio);
		g.stroke();
	};
	switch (style.pattern) {
		case 'diagonal':
			line(0, TILE, TILE, 0);
			line(-2, 2, 2, -2);
			line(TILE - 2, TILE + 2, TILE + 2, TILE - 2);
			break;
		case 'back-diagonal':
			line(0, 0, TILE, TILE);
			line(-2, TILE - 2, 2, TILE + 2);
			line(TILE - 2, -2, TILE + 2, 2);
			break;
		case 'dots':
			g.beginPath();
			g.arc(TILE / 2 * ratio, TILE / 2 * ratio, 1.6 * ratio, 0, 2 * Math.PI);
			g.fill();
			break;
		case 'cross':
			line(0, 0, TILE, TILE);
			line(0, TILE, TILE, 0);
			break;
		case 'horizontal':
			line(0, TILE / 2, TILE, TILE / 2);
			break;
		case 'vertical':
			line(TILE / 2, 0, TILE / 2, TILE);
			break;
		case 'grid':
			line(0, TILE / 2, TILE, TILE / 2);
			line(TILE / 2, 0, TILE / 2, TILE);
			break;
	}
	return tile;
}

/** A canvas fill with the series' pattern. */
export function patternFill(style: SeriesStyle, ratio: number): CanvasPattern | string {
	if (style.pattern === 'solid') return style.color;
	return document.createElement('canvas').getContext('2d')!.createPattern(patternTile(style, ratio), 'repeat') ?? style.color;
}
