// The report's two charts with uPlot, loaded as its own chunk the first time
// the report draws (the other screens never pay for it). The trend draws the
// interval as a band and a dashed line where each version went live.
import type { AlignedData, Options } from 'uplot';
import type { SurveyScores } from '../../../scores.js';

const LABEL = { nps: 'NPS', csat: 'CSAT %', ces: 'CES %' } as const;

const uplot = () => import('uplot').then((m) => m.default);

/** Draws the trend of `s` into `box`; `marks` are the times (ms) versions were published, with their numbers. */
export async function trendChart(box: HTMLElement, s: SurveyScores, width: number, marks: Array<{ at: number; version: number }>): Promise<void> {
  const uPlot = await uplot();
  const data: AlignedData = [
    s.periods.map((p) => Date.parse(p.start) / 1000),
    s.periods.map((p) => p.ci?.[0] ?? null),
    s.periods.map((p) => p.ci?.[1] ?? null),
    s.periods.map((p) => p.score),
  ];
  const opts: Options = {
    width,
    height: 220,
    series: [
      {},
      { label: 'low', stroke: 'rgba(37,99,235,0.25)', width: 1 },
      { label: 'high', stroke: 'rgba(37,99,235,0.25)', width: 1 },
      { label: LABEL[s.kind], stroke: '#2563eb', width: 2, points: { show: true } },
    ],
    bands: [{ series: [2, 1], fill: 'rgba(37,99,235,0.12)' }],
    axes: [{}, { size: 44 }],
    legend: { show: true },
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#b45309';
          ctx.fillStyle = '#b45309';
          ctx.setLineDash([4, 4]);
          ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
          for (const m of marks) {
            const x = u.valToPos(m.at / 1000, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(`v${m.version}`, x + 4, u.bbox.top + 14 * devicePixelRatio);
          }
          ctx.restore();
        },
      ],
    },
  };
  box.replaceChildren();
  new uPlot(opts, data, box);
}

/** Draws the distribution of `s` (answers per point) into `box`. */
export async function distributionChart(box: HTMLElement, s: SurveyScores, width: number): Promise<void> {
  const uPlot = await uplot();
  const xs = s.total.counts.map((_, k) => s.scale[0] + k);
  const opts: Options = {
    width,
    height: 180,
    scales: { x: { time: false, range: [s.scale[0] - 0.5, s.scale[1] + 0.5] } },
    series: [{ label: 'score' }, { label: 'answers', fill: 'rgba(37,99,235,0.6)', stroke: '#2563eb', paths: uPlot.paths.bars!({ size: [0.7, 60] }) }],
    axes: [{ incrs: [1] }, { size: 44 }],
    legend: { show: true },
  };
  box.replaceChildren();
  new uPlot(opts, [xs, s.total.counts], box);
}
