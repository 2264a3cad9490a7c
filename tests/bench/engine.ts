// `node tests/bench/engine.ts`: throughput of the business-time engine (supabase/functions/_shared/
// business-time.ts) on the SLA's longest first-response target, 42 business hours (2520 minutes, P4 of
// the Standard plan), on the shipped Mexico City office calendar, from 10 000 different starts spread over
// 2026-2027 so that the per-day cache has to be filled and cannot answer from one hot day. The same
// additions are timed with the naive minute-stepping oracle of the unit tests (tests/unit/
// business-time-oracle.ts) on a sample of the starts, and the answers of both are compared.
// Targets: >= 200 000 additions/s and >= 100x the naive implementation. Exits 1 when either is missed.
import { addBusinessMinutes } from '#shared/business-time.ts';
import { calendarOf, toEngineCalendar } from '#shared/programme.ts';
import { loadActiveProgramme } from '../../src/lib/support-data.ts';
import { naiveBusinessTime } from '../unit/business-time-oracle.ts';

const CALENDAR_ID = 'oficina-cdmx';
const MINUTES = 2520;
const STARTS = 10_000;
const NAIVE_SAMPLE = 200;
const TARGET_RATE = 200_000;
const TARGET_RATIO = 100;

const programme = loadActiveProgramme();
const plan = programme.plans.find((p) => p.calendar === CALENDAR_ID);
if (!plan) throw new Error(`the active programme "${programme.id}" has no plan on calendar "${CALENDAR_ID}"`);
const cal = toEngineCalendar(calendarOf(programme, plan.id));

// Seeded (mulberry32) so runs are comparable; whole minutes so the minute-stepping oracle is exact.
let seed = 0x5eed;
const random = () => {
	seed = (seed + 0x6d2b79f5) >>> 0;
	let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const from = Date.parse('2026-01-01T06:00:00Z');
const span = Date.parse('2028-01-01T06:00:00Z') - from;
const starts = Array.from({ length: STARTS }, () => from + Math.floor((random() * span) / 60_000) * 60_000);
const dates = starts.map((t) => new Date(t));

function timeEngine(): { seconds: number; results: number[] } {
	const results = new Array<number>(STARTS);
	const began = performance.now();
	for (let i = 0; i < STARTS; i++) results[i] = addBusinessMinutes(dates[i], MINUTES, cal).getTime();
	return { seconds: (performance.now() - began) / 1000, results };
}

const cold = timeEngine();
let warmRuns = 0;
let warmSeconds = 0;
while (warmSeconds < 1 || warmRuns < 3) {
	warmSeconds += timeEngine().seconds;
	warmRuns++;
}
const coldRate = STARTS / cold.seconds;
const warmRate = (STARTS * warmRuns) / warmSeconds;

const naive = naiveBusinessTime(cal);
const sample = starts.slice(0, NAIVE_SAMPLE);
for (const t of sample) naive.add(t, MINUTES, 60_000); // fill its resolved-time cache: time only the stepping
const naiveBegan = performance.now();
const naiveResults = sample.map((t) => naive.add(t, MINUTES, 60_000));
const naiveRate = NAIVE_SAMPLE / ((performance.now() - naiveBegan) / 1000);
const mismatches = naiveResults.filter((r, i) => r !== cold.results[i]).length;

const rate = Math.min(coldRate, warmRate);
const ratio = rate / naiveRate;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`business-time engine, ${MINUTES} business minutes on "${CALENDAR_ID}" (${cal.timezone}, ${cal.holidays.length} holidays), ${fmt(STARTS)} starts over 2026-2027`);
console.log(`  engine, first pass (fills the day cache): ${fmt(coldRate)} additions/s`);
console.log(`  engine, cached (${warmRuns} passes):           ${fmt(warmRate)} additions/s`);
console.log(`  naive minute stepping (${NAIVE_SAMPLE} starts):      ${fmt(naiveRate)} additions/s`);
console.log(`  ratio (slower engine pass / naive):      ${fmt(ratio)}x`);
console.log(`  answers differing from the naive one:    ${mismatches} of ${NAIVE_SAMPLE}`);
const ok = rate >= TARGET_RATE && ratio >= TARGET_RATIO && mismatches === 0;
console.log(ok ? `  OK: >= ${fmt(TARGET_RATE)}/s and >= ${TARGET_RATIO}x` : `  FAILED: targets are >= ${fmt(TARGET_RATE)}/s, >= ${TARGET_RATIO}x and identical answers`);
if (!ok) process.exitCode = 1;
