/**
 * Progress on stderr: a bar when a person watches a terminal, otherwise one line per stage and
 * every 10% (or 15 s), which reads well in CI logs and cron mail.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../jobs/progress.js';

export function createCliProgress(stream: NodeJS.WriteStream = process.stderr): Progress & { stop(): void } {
  return stream.isTTY ? terminalProgress(stream) : lineProgress(stream);
}

function terminalProgress(stream: NodeJS.WriteStream): Progress & { stop(): void } {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{stage} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let active = false;
  const stop = () => {
    if (active) bar.stop();
    active = false;
  };
  return {
    stage(name, total) {
      stop();
      if (total === undefined) {
        stream.write(`${name}…\n`);
        return;
      }
      bar.start(total, 0, { stage: name });
      active = true;
    },
    update(done, total) {
      if (!active) {
        if (total === undefined || total === 0) return;
        bar.start(total, 0, { stage: 'working' });
        active = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop,
  };
}

function lineProgress(stream: NodeJS.WriteStream): Progress & { stop(): void } {
  let stage = '';
  let lastPercent = -1;
  let lastAt = 0;
  return {
    stage(name, total) {
      stage = name;
      lastPercent = -1;
      lastAt = Date.now();
      stream.write(`${new Date().toISOString()} ${name}${total !== undefined ? ` (${total})` : ''}\n`);
    },
    update(done, total) {
      if (!total) return;
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent === lastPercent && Date.now() - lastAt < 15_000) return;
      lastPercent = percent;
      lastAt = Date.now();
      stream.write(`${new Date().toISOString()} ${stage}: ${done}/${total} (${Math.floor((done / total) * 100)}%)\n`);
    },
    stop() {},
  };
}
