// Preloaded (node --expose-gc --import) into the server the upload-memory bench
// measures. Answers the bench over the IPC channel:
//   'settle' → collects garbage, resets the peaks, replies with the idle usage
//   'peak'   → replies with the peaks since the last 'settle'
// RSS peaks come from the kernel (VmHWM, reset through clear_refs), so nothing between
// two samples is missed; the V8 numbers are sampled every 2 ms.
import { readFileSync, writeFileSync } from 'node:fs';

const KEYS = ['rss', 'heapUsed', 'external', 'arrayBuffers'];
let peak = {};

function sample() {
  const usage = process.memoryUsage();
  for (const key of KEYS) if (!(peak[key] >= usage[key])) peak[key] = usage[key];
}

function kernel(field) {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? null : Number(match[1]) * 1024;
}

setInterval(sample, 2).unref();

process.on('message', (message) => {
  if (message === 'settle') {
    globalThis.gc();
    globalThis.gc();
    let hwmReset = true;
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      hwmReset = false;
    }
    peak = {};
    sample();
    process.send({ kind: 'settled', usage: { ...peak }, rss: kernel('VmRSS'), hwmReset });
  } else if (message === 'peak') {
    sample();
    process.send({ kind: 'peak', peak: { ...peak }, hwm: kernel('VmHWM') });
  }
});
