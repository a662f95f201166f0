export interface Series {
  name: string;
  /** One value per x label; null leaves a gap (no data, or withheld). */
  values: (number | null)[];
}

const WIDTH = 600;
const HEIGHT = 260;
const LEFT = 52;
const RIGHT = 14;
const TOP = 12;
const BOTTOM = 40;
const TICKS = 4;
/** Told apart by line style and marker as well as colour. */
const STYLES = [
  { className: "series-0", dash: undefined, marker: "circle" },
  { className: "series-1", dash: "8 4", marker: "square" },
  { className: "series-2", dash: "2 3", marker: "triangle" },
  { className: "series-3", dash: "10 3 2 3", marker: "diamond" },
  { className: "series-4", dash: "4 2", marker: "circle" },
  { className: "series-5", dash: "1 2", marker: "square" },
] as const;

function Marker({ shape, x, y, className }: { shape: string; x: number; y: number; className: string }) {
  if (shape === "square") return <rect x={x - 4} y={y - 4} width={8} height={8} className={className} />;
  if (shape === "triangle") return <polygon points={`${x},${y - 5} ${x + 5},${y + 4} ${x - 5},${y + 4}`} className={className} />;
  if (shape === "diamond") return <polygon points={`${x},${y - 5} ${x + 5},${y} ${x},${y + 5} ${x - 5},${y}`} className={className} />;
  return <circle cx={x} cy={y} r={4} className={className} />;
}

/** A swatch of a series' line and marker, for legends. */
export function SeriesSwatch({ index }: { index: number }) {
  const style = STYLES[index % STYLES.length];
  return (
    <svg width="34" height="12" viewBox="0 0 34 12" aria-hidden="true" className="chart-swatch">
      <line x1="1" y1="6" x2="33" y2="6" strokeDasharray={style.dash} className={`chart-line ${style.className}`} />
      <Marker shape={style.marker} x={17} y={6} className={`chart-marker ${style.className}`} />
    </svg>
  );
}

/**
 * Lines over days (or any ordered labels) in SVG, one image for assistive technology
 * (`role="img"`, named by `title`), the figures repeated in a table only screen readers see.
 */
export function LineChart({ title, xLabels, series, yMax, formatY, xHeading }: { title: string; xLabels: string[]; series: Series[]; yMax?: number; formatY: (value: number) => string; xHeading: string }) {
  const top = yMax ?? Math.max(1, ...series.flatMap((line) => line.values.map((value) => value ?? 0)));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (index: number) => LEFT + (xLabels.length <= 1 ? plotWidth / 2 : (index / (xLabels.length - 1)) * plotWidth);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const every = Math.max(1, Math.ceil(xLabels.length / 6));
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg">
        {Array.from({ length: TICKS + 1 }, (_, tick) => {
          const value = (top / TICKS) * tick;
          return (
            <g key={tick}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(value)} y2={y(value)} className="chart-grid" />
              <text x={LEFT - 6} y={y(value) + 4} className="chart-axis" textAnchor="end">
                {formatY(value)}
              </text>
            </g>
          );
        })}
        {xLabels.map((label, index) =>
          index % every === 0 || index === xLabels.length - 1 ? (
            <text key={label + index} x={x(index)} y={HEIGHT - BOTTOM + 18} className="chart-axis" textAnchor="middle">
              {label}
            </text>
          ) : null,
        )}
        {series.map((line, seriesIndex) => {
          const style = STYLES[seriesIndex % STYLES.length];
          const segments: string[] = [];
          let current = "";
          line.values.forEach((value, index) => {
            if (value === null) {
              if (current) segments.push(current);
              current = "";
              return;
            }
            current += `${current ? "L" : "M"}${x(index).toFixed(1)},${y(value).toFixed(1)} `;
          });
          if (current) segments.push(current);
          return (
            <g key={line.name}>
              {segments.map((path) => (
                <path key={path} d={path} strokeDasharray={style.dash} className={`chart-line ${style.className}`} />
              ))}
              {line.values.map((value, index) =>
                value === null ? null : <Marker key={index} shape={style.marker} x={x(index)} y={y(value)} className={`chart-marker ${style.className}`} />,
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((line, index) => (
            <li key={line.name}>
              <SeriesSwatch index={index} /> {line.name}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xHeading}</th>
            {series.map((line) => (
              <th scope="col" key={line.name}>
                {line.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xLabels.map((label, index) => (
            <tr key={label + index}>
              <th scope="row">{label}</th>
              {series.map((line) => (
                <td key={line.name}>{line.values[index] === null ? "—" : formatY(line.values[index] as number)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
