// The timing decode.js and hems.js share, driven round by round by the C# benchmark so that the client's rounds and
// Node's take turns (a burst of load on the shared machine then falls on both sides alike). The file is read once and
// the work run on its bytes for a warm-up; then, one line on stdin each:
//   round <seconds>  — one measured round (8 calls between clock reads); prints {"messagesPerSecond": n}
//   tally            — prints {"tally": work(bytes)}, compared with the client's
// and the script ends when stdin closes.
'use strict';
const fs = require('fs');
const readline = require('readline');

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

module.exports = function serveRounds(file, work, sinkOf) {
  const wire = fs.readFileSync(file);
  measure(work, sinkOf, wire, 500); // warm-up: let V8 optimise
  console.log(JSON.stringify({ ready: true }));
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [command, seconds] = line.trim().split(' ');
    if (command === 'round') {
      console.log(JSON.stringify({ messagesPerSecond: measure(work, sinkOf, wire, Number(seconds) * 1000) }));
    } else if (command === 'tally') {
      console.log(JSON.stringify({ tally: work(wire) }));
    } else {
      throw new Error(`unknown command: ${line}`);
    }
  });
};
