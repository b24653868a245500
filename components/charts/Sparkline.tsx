// A word-sized trend line (plain SVG, rendered on the server). Its text alternative is the aria-label, which lists
// every point; the figure beside it carries the number.
export interface SparklineProps {
  /** One value per period, oldest first; null for a period without an estimate (drawn as a gap). */
  values: (number | null)[];
  label: string;
  width?: number;
  height?: number;
  /** The threshold of the applicable gate, drawn as a dashed line when inside the range shown. */
  reference?: number | null;
}

export function Sparkline({ values, label, width = 76, height = 24, reference = null }: SparklineProps) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) {
    return (
      <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
        <line x1={2} x2={width - 2} y1={height / 2} y2={height / 2} className="sparkline-empty" />
      </svg>
    );
  }
  const withReference = reference === null ? known : [...known, reference];
  let min = Math.min(...withReference);
  let max = Math.max(...withReference);
  if (max - min < 0.02) {
    const middle = (max + min) / 2;
    min = middle - 0.01;
    max = middle + 0.01;
  }
  const pad = 3;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => pad + ((max - v) * (height - 2 * pad)) / (max - min);
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = values[lastIndex];
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      {reference !== null && <line x1={0} x2={width} y1={y(reference)} y2={y(reference)} className="sparkline-reference" />}
      {segments.map((d, i) => (
        <path key={i} d={d} className="sparkline-line" />
      ))}
      {last !== null && last !== undefined && <circle cx={x(lastIndex)} cy={y(last)} r={2.4} className="sparkline-dot" />}
    </svg>
  );
}
