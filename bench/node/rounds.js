// The timing decode.js and hems.js share: read the file once, run the work on its bytes for a warm-up, then for the
// measured rounds (8 calls between clock reads), and print the tally of one run with the median rate of the rounds.
'use strict';
const fs = require('fs');

function measure(work, sinkOf, wire, ms) {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 8; i++) sink += sinkOf(work(wire));
    count += 8;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink); // keeps the results alive, so V8 cannot drop the work
  return count / (Number(now - start) / 1e9);
}

// Prints one JSON line: {"tally": work(bytes), "messagesPerSecond": median of the rounds}.
module.exports = function runRounds(file, seconds, rounds, work, sinkOf) {
  const wire = fs.readFileSync(file);
  measure(work, sinkOf, wire, Math.min(500, seconds * 1000)); // warm-up: let V8 optimise
  const results = [];
  for (let r = 0; r < rounds; r++) results.push(measure(work, sinkOf, wire, seconds * 1000));
  results.sort((a, b) => a - b);
  console.log(JSON.stringify({ tally: work(wire), messagesPerSecond: results[Math.floor(rounds / 2)] }));
};
