import type { DomainMinute } from '../../delivery/alarms/alarm.js';
import { useLocale } from '../../web/locale.js';

// What the receiving domains answered over time, drawn on the server as an inline SVG (no
// script, no library), like the per-minute chart above it: one row per large domain (the rest
// together), a bar per minute with replies, messages accepted above the row's line, refused for
// now (deferred) and failed for good below it. The same figures follow as a table.

const WIDTH = 640;
const ROW = 64;
const PAD = { left: 150, right: 8, top: 8, bottom: 24 };
const DOMAINS = 5;
const COLOURS = { accepted: '#2f6f4f', deferred: '#a15c00', failed: '#b3261e' } as const;

type Counts = { accepted: number; deferred: number; failed: number };

/** The rows: the largest domains by replies, then "other domains"; each minute's counts. */
function rowsOf(timeline: readonly DomainMinute[], others: string): { minutes: string[]; rows: { label: string; byMinute: Map<string, Counts> }[] } {
  const totals = new Map<string, number>();
  for (const entry of timeline) totals.set(entry.domain, (totals.get(entry.domain) ?? 0) + entry.accepted + entry.deferred + entry.failed);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([domain]) => domain);
  const shown = ranked.length > DOMAINS + 1 ? ranked.slice(0, DOMAINS) : ranked;
  const rows = new Map(shown.map((domain) => [domain, { label: domain, byMinute: new Map<string, Counts>() }]));
  const rest = { label: others, byMinute: new Map<string, Counts>() };
  for (const entry of timeline) {
    const row = rows.get(entry.domain) ?? rest;
    const counts = row.byMinute.get(entry.minute) ?? row.byMinute.set(entry.minute, { accepted: 0, deferred: 0, failed: 0 }).get(entry.minute)!;
    counts.accepted += entry.accepted;
    counts.deferred += entry.deferred;
    counts.failed += entry.failed;
  }
  const minutes = [...new Set(timeline.map((entry) => entry.minute))].sort();
  return { minutes, rows: [...rows.values(), ...(rest.byMinute.size > 0 ? [rest] : [])] };
}

export function DomainTimelineChart({ timeline }: { timeline: readonly DomainMinute[] }) {
  const { t } = useLocale();
  if (timeline.length === 0) return <p data-domain-timeline="">{t('deskDeliveryAlarms.timeline.none')}</p>;
  const { minutes, rows } = rowsOf(timeline, t('deskDeliveryHealth.chart.others'));
  const zero: Counts = { accepted: 0, deferred: 0, failed: 0 };
  const max = Math.max(1, ...rows.flatMap((row) => [...row.byMinute.values()].map((counts) => Math.max(counts.accepted, counts.deferred + counts.failed))));
  const height = PAD.top + rows.length * ROW + PAD.bottom;
  const plotW = WIDTH - PAD.left - PAD.right;
  const barW = plotW / minutes.length;
  const half = ROW / 2 - 4;
  const scale = (value: number) => (value / max) * half;
  const minuteLabel = (minute: string) => `${minute.replace('T', ' ')} UTC`;
  const label = t('deskDeliveryAlarms.timeline.label', { count: rows.length, minutes: minutes.length, max });
  return (
    <figure class="chart" data-domain-timeline="">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        {rows.map((row, index) => {
          const axis = PAD.top + index * ROW + ROW / 2;
          return (
            <g key={row.label}>
              <text x={PAD.left - 6} y={axis + 4} text-anchor="end" font-size="11" fill="#1b2733">
                {row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label}
              </text>
              <line x1={PAD.left} y1={axis} x2={WIDTH - PAD.right} y2={axis} stroke="#5b6670" />
              {minutes.map((minute, column) => {
                const counts = row.byMinute.get(minute) ?? zero;
                if (counts.accepted + counts.deferred + counts.failed === 0) return null;
                const x = PAD.left + column * barW + 0.5;
                const w = Math.max(1, barW - 1);
                return (
                  <g key={minute}>
                    <title>{t('deskDeliveryAlarms.timeline.bar', { domain: row.label, minute: minuteLabel(minute), ...counts })}</title>
                    {counts.accepted > 0 ? <rect x={x} y={axis - scale(counts.accepted)} width={w} height={scale(counts.accepted)} fill={COLOURS.accepted} /> : null}
                    {counts.deferred > 0 ? <rect x={x} y={axis} width={w} height={scale(counts.deferred)} fill={COLOURS.deferred} /> : null}
                    {counts.failed > 0 ? <rect x={x} y={axis + scale(counts.deferred)} width={w} height={scale(counts.failed)} fill={COLOURS.failed} /> : null}
                  </g>
                );
              })}
            </g>
          );
        })}
        <text x={PAD.left} y={height - 8} font-size="11" fill="#1b2733">
          {minuteLabel(minutes[0]!)}
        </text>
        <text x={WIDTH - PAD.right} y={height - 8} text-anchor="end" font-size="11" fill="#1b2733">
          {minutes[minutes.length - 1]!.slice(11)}
        </text>
      </svg>
      <details>
        <summary>{t('deskDeliveryAlarms.timeline.table')}</summary>
        <table class="table" data-domain-timeline-table="">
          <thead>
            <tr>
              <th scope="col">{t('deskDeliveryAlarms.timeline.minute')}</th>
              {rows.map((row) => (
                <th key={row.label} scope="col" data-timeline-domain={row.label}>
                  {row.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {minutes.map((minute) => (
              <tr key={minute}>
                <th scope="row">{minuteLabel(minute)}</th>
                {rows.map((row) => (
                  <td key={row.label}>{t('deskDeliveryAlarms.timeline.cell', { ...(row.byMinute.get(minute) ?? zero) })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {/* Last (or first) in the figure: HTML allows a figcaption nowhere else. */}
      <figcaption>
        {label} {t('deskDeliveryAlarms.timeline.colours')}
      </figcaption>
    </figure>
  );
}
