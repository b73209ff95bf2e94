// Preloaded (`node --require`) into a measured process: at exit it writes the process's own
// peak RSS in kB (getrusage maxrss, all threads) and its CPU time in µs to $BENCH_MAXRSS_FILE,
// which the parent reads.
const { writeFileSync } = require('node:fs');

const out = process.env.BENCH_MAXRSS_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime }),
    );
  });
}
