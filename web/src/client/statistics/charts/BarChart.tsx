import { useId } from "react";

export interface Bar {
  label: string;
  value: number | null;
  /** The value as shown (a count, a percentage). */
  display: string;
  /** Drawn with a pattern and named in the label: e.g. the correct option. */
  highlighted?: boolean;
}

const WIDTH = 480;
const ROW = 46;
const LABEL_CHARS = 58;

function shorten(text: string): string {
  return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
}

/**
 * A horizontal bar chart in SVG: each bar's label above it, its value at its end. The picture is
 * one image for assistive technology (`role="img"`, named by `title`); the same figures follow
 * in a table that only screen readers see.
 */
export function BarChart({ title, bars, max, valueHeading, labelHeading, highlightNote }: { title: string; bars: Bar[]; max?: number; valueHeading: string; labelHeading: string; highlightNote?: string }) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((bar) => bar.value ?? 0)) || 1;
  const height = bars.length * ROW + 4;
  const barSpace = WIDTH - 70;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${WIDTH} ${height}`} className="chart-svg" preserveAspectRatio="xMinYMin meet">
        <defs>
          <pattern id={`${id}-stripes`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="chart-bar-highlight" />
            <line x1="0" y1="0" x2="0" y2="6" className="chart-stripe" />
          </pattern>
        </defs>
        {bars.map((bar, index) => {
          const y = index * ROW;
          const length = bar.value === null ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * barSpace);
          return (
            <g key={`${bar.label}-${index}`}>
              <text x={0} y={y + 15} className="chart-label">
                {shorten(bar.label)}
                {bar.highlighted && highlightNote ? ` (${highlightNote})` : ""}
                <title>{bar.label}</title>
              </text>
              <rect x={0} y={y + 21} width={barSpace} height={18} className="chart-track" />
              <rect x={0} y={y + 21} width={length} height={18} className={bar.highlighted ? undefined : "chart-bar"} fill={bar.highlighted ? `url(#${id}-stripes)` : undefined} />
              <text x={length + 6} y={y + 35} className="chart-value">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col">{valueHeading}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar, index) => (
            <tr key={`${bar.label}-${index}`}>
              <th scope="row">
                {bar.label}
                {bar.highlighted && highlightNote ? ` (${highlightNote})` : ""}
              </th>
              <td>{bar.display}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
