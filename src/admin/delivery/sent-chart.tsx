import type { MinuteCounts } from '../../delivery/delivery.js';
import { useLocale } from '../../web/locale.js';

// What happened to a delivery per minute, drawn on the server as an inline SVG (no script, no
// library): stacked bars of messages accepted, failed and bounced, and unsubscribes as dots.

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 44, right: 8, top: 10, bottom: 28 };
const SERIES = [
  { key: 'sent', label: 'sent', color: '#2f6f4f' },
  { key: 'failed', label: 'failed', color: '#b3261e' },
  { key: 'bounced', label: 'bounced', color: '#8a3b12' },
] as const;
const UNSUBSCRIBED = '#3b4a9e';

/** A stacked bar per minute with its counts; the first and last minutes are labelled (UTC). */
export function SentChart({ perMinute }: { perMinute: readonly MinuteCounts[] }) {
  const { t } = useLocale();
  if (perMinute.length === 0) return <p>{t('desk.chart.nothing')}</p>;
  const max = Math.max(1, ...perMinute.map((m) => m.sent + m.failed + m.bounced), ...perMinute.map((m) => m.unsubscribed));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / perMinute.length;
  const total = (key: keyof Omit<MinuteCounts, 'minute'>) => perMinute.reduce((sum, m) => sum + m[key], 0);
  const label = t('desk.chart.label', { minutes: perMinute.length, sent: total('sent'), failed: total('failed'), bounced: total('bounced'), unsubscribed: total('unsubscribed'), max });
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#5b6670" />
        <text x={PAD.left - 6} y={PAD.top + 10} text-anchor="end" font-size="11" fill="#1b2733">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end" font-size="11" fill="#1b2733">
          0
        </text>
        {perMinute.map((m, index) => {
          let base = 0;
          const x = PAD.left + index * barW + 1;
          const w = Math.max(1, barW - 2);
          return (
            <g key={m.minute}>
              <title>{t('desk.chart.minute', { minute: `${m.minute.replace('T', ' ')} UTC`, sent: m.sent, failed: m.failed, bounced: m.bounced, unsubscribed: m.unsubscribed })}</title>
              {SERIES.map((series) => {
                const value = m[series.key];
                const rect = value > 0 ? <rect key={series.key} x={x} y={y(base + value)} width={w} height={y(base) - y(base + value)} fill={series.color} /> : null;
                base += value;
                return rect;
              })}
              {m.unsubscribed > 0 ? <circle cx={x + w / 2} cy={y(m.unsubscribed)} r="3" fill={UNSUBSCRIBED} /> : null}
            </g>
          );
        })}
        <text x={PAD.left} y={HEIGHT - 8} font-size="11" fill="#1b2733">
          {`${perMinute[0]!.minute.replace('T', ' ')} UTC`}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" font-size="11" fill="#1b2733">
          {perMinute[perMinute.length - 1]!.minute.slice(11)}
        </text>
      </svg>
      <figcaption>
        {label} {t('desk.chart.colours')}
      </figcaption>
    </figure>
  );
}
