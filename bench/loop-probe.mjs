// Preloaded (node --import) into the server the export bench measures. Answers the
// bench over the IPC channel:
//   'reset'  → clears the event-loop delay histogram
//   'report' → replies with its max, p99 and mean (ms) since the last reset
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();

process.on('message', (message) => {
  if (message === 'reset') {
    histogram.reset();
    process.send?.({ kind: 'reset' });
  } else if (message === 'report') {
    const ms = (ns) => ns / 1e6;
    process.send?.({ kind: 'report', max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) });
  }
});
process.channel?.unref();
