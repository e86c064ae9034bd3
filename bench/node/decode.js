// The usual Node.js way to read a SockJS event-bus reply: JSON.parse the frame's array, JSON.parse each message,
// take body.result.items and make a device of each (guid, class chain, tags by name), the same work the C# client
// does. Usage: node decode.js <folder of *.frame files> <seconds per round> <rounds>
// Prints one JSON line per frame file: {"name","bytes","tags","messagesPerSecond"} (median of the rounds).
'use strict';
const fs = require('fs');
const path = require('path');

const [folder, secondsArg, roundsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const rounds = Number(roundsArg);

function decode(wire) {
  const text = wire.toString('utf8');            // a WebSocket text message arrives as UTF-8 bytes
  if (text[0] !== 'a') throw new Error('not a message frame');
  const messages = JSON.parse(text.slice(1));
  let tags = 0;
  for (const raw of messages) {
    const message = JSON.parse(raw);
    const body = message.body;
    if (body.status !== 'ok' || body.code < 200 || body.code > 299) throw new Error('failed reply');
    for (const item of body.result.items) {
      const classes = (item.deviceModel || []).map((m) => m.deviceClass);
      if (typeof item.guid !== 'string' || classes.length === 0) throw new Error('not a device');
      tags += Object.keys(item.tagValues || {}).length; // the tags stay plain objects: the cheapest usual way

    }
  }
  return tags;
}

function measure(wire, ms) {
  let count = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(ms * 1e6));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 8; i++) sink += decode(wire);
    count += 8;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return count / (Number(now - start) / 1e9);
}

for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.frame')).sort()) {
  const wire = fs.readFileSync(path.join(folder, file));
  measure(wire, 1000); // warm-up: let V8 optimise
  const results = [];
  for (let r = 0; r < rounds; r++) results.push(measure(wire, seconds * 1000));
  results.sort((a, b) => a - b);
  console.log(JSON.stringify({ name: file.replace(/\.frame$/, ''), bytes: wire.length, tags: decode(wire), messagesPerSecond: results[Math.floor(rounds / 2)] }));
}
