// The Node.js side of bench 1 (decode), on one SockJS frame file written by the C# benchmark. Three kinds of work,
// the same as the client's rows (bench/Kiwigrid.Bench/ClientDecodePath.cs):
//   parse   — bytes → string, JSON.parse of the frame's array, JSON.parse of each message, status check, guid and
//             class chain per item, tag count. JSON.parse builds every tag document (name, guid, value and, in cloud
//             frames, timestamp and oca) as objects; the client instead builds its devices and keeps each value as a
//             slice of the reply, so this row compares "ready to use" on each side, not the same amount of work.
//   consume — parse, then what a program does with a reply: the energy flow (the same rules as the client's
//             EnergyFlow.From: the Location's power tags first, the devices' own tags where it has none) and every
//             tag's value read as its type (number, string, boolean, object/array, null).
//   cloud   — consume, plus every tag's timestamp (seconds or milliseconds → ms) and oca.
// Usage: node decode.js <frame file> <parse|consume|cloud>, then rounds as bench/node/rounds.js describes.
'use strict';
const serveRounds = require('./rounds');

const [file, mode] = process.argv.slice(2);

const Classes = {
  'com.kiwigrid.devices.em.EnergyManager': 'EnergyManager',
  'com.kiwigrid.devices.location.Location': 'Location',
  'com.kiwigrid.devices.pvplant.PVPlant': 'PVPlant',
  'com.kiwigrid.devices.batteryconverter.BatteryConverter': 'Battery',
  'com.kiwigrid.devices.inverter.Inverter': 'Inverter',
  'com.kiwigrid.devices.powermeter.PowerMeter': 'PowerMeter',
  'com.kiwigrid.devices.evstation.EVStation': 'EVStation',
  'com.kiwigrid.devices.plug.Plug': 'Plug',
  'com.kiwigrid.devices.smartheater.SmartHeater': 'SmartHeater',
};

// The parse row's work: the replies' devices, each {guid, classes, tags} with the tags as JSON.parse left them.
function parse(wire) {
  const text = wire.toString('utf8'); // a WebSocket text message arrives as UTF-8 bytes
  if (text[0] !== 'a') throw new Error('not a message frame');
  const replies = [];
  for (const raw of JSON.parse(text.slice(1))) {
    const body = JSON.parse(raw).body;
    if (body.status !== 'ok' || body.code < 200 || body.code > 299) throw new Error('failed reply');
    const devices = [];
    for (const item of body.result.items) {
      const classes = (item.deviceModel || []).map((m) => m.deviceClass);
      if (typeof item.guid !== 'string') throw new Error('not a device');
      devices.push({ guid: item.guid, classes, tags: item.tagValues || {} });
    }
    replies.push(devices);
  }
  return replies;
}

function kindOf(classes) {
  for (let i = classes.length - 1; i >= 0; i--) {
    const kind = Classes[classes[i]];
    if (kind) return kind;
  }
  return 'Unknown';
}

// As TagValue.AsDouble: a number, or a string holding one.
function number(device, name) {
  const tag = device && device.tags[name];
  if (!tag) return null;
  const v = tag.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const d = Number(v);
    return Number.isFinite(d) ? d : null;
  }
  return null;
}

function sum(devices, name) {
  let total = null;
  for (const d of devices) {
    const v = number(d, name);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}

const add = (...xs) => (xs.some((x) => x === null) ? null : xs.reduce((a, b) => a + b, 0));

// EnergyFlow.From, rule for rule.
function energyFlow(devices) {
  const kinds = devices.map((d) => kindOf(d.classes));
  const site = devices.find((_, i) => kinds[i] === 'Location');
  const batteries = devices.filter((_, i) => kinds[i] === 'Battery');
  const meters = devices.filter((_, i) => kinds[i] === 'PowerMeter');
  const plants = devices.filter((_, i) => kinds[i] === 'PVPlant');
  const inverters = devices.filter((_, i) => kinds[i] === 'Inverter');
  const produced = number(site, 'PowerProduced') ?? (plants.length > 0 ? sum(plants, 'PowerACOut') : sum(inverters, 'PowerACOut'));
  const buffered = number(site, 'PowerBuffered') ?? sum(batteries, 'PowerACIn');
  const released = number(site, 'PowerReleased') ?? sum(batteries, 'PowerACOut');
  const gridMeter = meters.length === 1 ? meters[0] : null;
  const imported = number(site, 'PowerIn') ?? number(gridMeter, 'PowerIn');
  const exported = number(site, 'PowerOut') ?? number(gridMeter, 'PowerOut');
  const consumed = number(site, 'PowerConsumed') ?? (add(produced, imported, released) === null || exported === null || buffered === null
    ? null : produced + imported + released - exported - buffered);
  const readings = batteries.map((b) => ({ soc: number(b, 'StateOfCharge'), capacity: number(b, 'WorkCapacity') })).filter((r) => r.soc !== null);
  let soc = null;
  if (readings.length > 0) {
    if (readings.every((r) => r.capacity !== null && r.capacity > 0)) {
      const capacity = readings.reduce((a, r) => a + r.capacity, 0);
      soc = readings.reduce((a, r) => a + r.soc * r.capacity, 0) / capacity;
    } else {
      soc = readings.reduce((a, r) => a + r.soc, 0) / readings.length;
    }
  }
  const ratio = (part, whole) => (part !== null && whole !== null && whole > 0 ? (part / whole) * 100 : null);
  return [produced, consumed, imported, exported, buffered, released, soc,
    ratio(number(site, 'PowerSelfSupplied'), consumed), ratio(number(site, 'PowerSelfConsumed'), produced)];
}

function newTally() {
  return { Tags: 0, Numbers: 0, Strings: 0, Bools: 0, Structured: 0, Nulls: 0, Members: 0, NumberSum: 0, TextLength: 0, FlowSum: 0, StampSum: 0 };
}

function consume(wire, stamps) {
  const t = newTally();
  for (const devices of parse(wire)) {
    for (const figure of energyFlow(devices)) t.FlowSum += figure ?? 0;
    for (const device of devices) {
      const tags = device.tags;
      for (const name in tags) {
        const tag = tags[name];
        const v = tag.value;
        t.Tags++;
        if (v === null || v === undefined) t.Nulls++;
        else if (typeof v === 'number') { t.Numbers++; t.NumberSum += v; }
        else if (typeof v === 'string') { t.Strings++; t.TextLength += v.length; }
        else if (typeof v === 'boolean') t.Bools++;
        else if (Array.isArray(v)) { t.Structured++; t.Members += v.length; }
        else { t.Structured++; for (const _ in v) t.Members++; }
        if (stamps) {
          const ts = tag.timestamp;
          if (typeof ts === 'number') t.StampSum += Math.abs(ts) < 1e11 ? ts * 1000 : ts;
          if (typeof tag.oca === 'number') t.StampSum += tag.oca;
        }
      }
    }
  }
  return t;
}

function parseOnly(wire) {
  const t = newTally();
  for (const devices of parse(wire)) for (const d of devices) t.Tags += Object.keys(d.tags).length;
  return t;
}

const work = { parse: parseOnly, consume: (w) => consume(w, false), cloud: (w) => consume(w, true) }[mode];
if (!work) throw new Error('mode must be parse, consume or cloud');

serveRounds(file, work, (t) => t.Tags);
