// Messages accepted per minute, drawn on the server as an inline SVG (no script, no library).

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 44, right: 8, top: 10, bottom: 28 };

/** A bar per minute with its count; the first and last minutes are labelled (UTC). */
export function SentChart({ perMinute }: { perMinute: readonly { minute: string; sent: number }[] }) {
  if (perMinute.length === 0) return <p>Nothing has been sent yet.</p>;
  const max = Math.max(...perMinute.map((point) => point.sent));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / perMinute.length;
  const total = perMinute.reduce((sum, point) => sum + point.sent, 0);
  const label = `Messages accepted per minute: ${total} in ${perMinute.length} minute(s), at most ${max} in one minute.`;
  const first = perMinute[0]!.minute.replace('T', ' ');
  const last = perMinute[perMinute.length - 1]!.minute.slice(11);
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
        {perMinute.map((point, index) => {
          const h = max === 0 ? 0 : (point.sent / max) * plotH;
          return (
            <rect key={point.minute} x={PAD.left + index * barW + 1} y={PAD.top + plotH - h} width={Math.max(1, barW - 2)} height={h} fill="#8a3b12">
              <title>{`${point.minute.replace('T', ' ')} UTC: ${point.sent}`}</title>
            </rect>
          );
        })}
        <text x={PAD.left} y={HEIGHT - 8} font-size="11" fill="#1b2733">
          {`${first} UTC`}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" font-size="11" fill="#1b2733">
          {last}
        </text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
