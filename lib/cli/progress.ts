// Progress for long CLI work on stderr: a redrawn bar on a terminal, a line every few seconds in logs and CI.
export interface Progress {
  update(done: number, detail?: string): void;
  finish(detail?: string): void;
}

export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDraw = started;
  const draw = (done: number, detail = "", final = false) => {
    const now = Date.now();
    if (!final && now - lastDraw < (stream.isTTY ? 100 : 5000)) return;
    lastDraw = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (now - started) / 1000;
    const width = 30;
    const bar = "█".repeat(Math.round(ratio * width)).padEnd(width, "░");
    const line = `${label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}% ${detail} ${seconds.toFixed(1)}s`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
    else stream.write(`${line}\n`);
  };
  return {
    update: (done, detail) => draw(done, detail),
    finish: (detail) => draw(total, detail, true),
  };
}
