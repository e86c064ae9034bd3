// The Node.js side of bench 1's HEMS JSON rows: JSON.parse of an answer of today's cloud (HEMS API v11) and the
// same field reads as the client's readers (HemsEnergyFlow.Read, HemsAnalytics.Read: numbers also from numeric
// strings, analytics times parsed and each series sorted by time), tallied as ClientHemsPath tallies them.
// Usage: node hems.js <answer file> <energy-flow|analytics>, then rounds as bench/node/rounds.js describes.
'use strict';
const serveRounds = require('./rounds');

const [file, mode] = process.argv.slice(2);

function decode(buffer) {
  const root = JSON.parse(buffer.toString('utf8'));
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new Error('not an object');
  const t = { Items: 0, NumberSum: 0, TextLength: 0, TimeSum: 0 };
  const number = (o, name) => {
    const v = o[name];
    let d = null;
    if (typeof v === 'number' && Number.isFinite(v)) d = v;
    else if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) d = Number(v);
    if (d !== null) { t.Items++; t.NumberSum += d; }
  };
  const text = (o, name) => { const v = o[name]; if (typeof v === 'string') t.TextLength += v.length; };
  const bool = (o, name) => { const v = o[name]; if (typeof v === 'boolean') { t.Items++; t.NumberSum += v ? 1 : 0; } };
  const objects = (o, name) => (Array.isArray(o[name]) ? o[name].filter((e) => e !== null && typeof e === 'object' && !Array.isArray(e)) : []);
  const object = (o, name) => { const v = o[name]; return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null; };

  if (mode === 'energy-flow') {
    for (const name of ['consumption', 'grid', 'pv', 'battery', 'ev']) {
      const section = object(root, name);
      if (!section) continue;
      number(section, 'in'); number(section, 'out'); number(section, 'balance');
      for (const device of objects(section, 'devices')) {
        t.Items++;
        text(device, 'id'); number(device, 'in'); number(device, 'out'); number(device, 'soc'); number(device, 'balance');
      }
    }
    const consumption = object(root, 'consumption');
    const battery = object(root, 'battery');
    const ev = object(root, 'ev');
    if (consumption) number(consumption, 'direct_consumption');
    if (battery) { number(battery, 'in_from_grid'); number(battery, 'out_to_grid'); number(battery, 'soc'); }
    if (ev) bool(ev, 'bidirectional');
    return t;
  }

  for (const series of objects(root, 'timeseries')) {
    t.Items++;
    if (typeof series.name !== 'string') throw new Error('series without a name');
    text(series, 'name'); text(series, 'guid'); text(series, 'unit'); number(series, 'aggregated');
    const points = [];
    const values = object(series, 'values');
    if (values) {
      for (const key in values) {
        const at = Date.parse(key);
        if (Number.isNaN(at)) throw new Error('not an ISO 8601 time');
        const v = values[key];
        points.push([at, typeof v === 'number' && Number.isFinite(v) ? v : null]);
      }
    }
    points.sort((a, b) => a[0] - b[0]);
    for (const [at, v] of points) {
      t.Items++;
      t.TimeSum += at;
      if (v !== null) { t.Items++; t.NumberSum += v; }
    }
  }
  text(root, 'resolution'); text(root, 'time_zone');
  for (const device of objects(root, 'devices')) {
    if (typeof device.id !== 'string') throw new Error('device without an id');
    t.Items++;
    for (const name of ['id', 'name', 'type', 'manufacturer', 'serial_number', 'firmware', 'state_device', 'mode']) text(device, name);
    const code = device.model_code;
    if (typeof code === 'number') t.TextLength += String(code).length; else text(device, 'model_code');
    bool(device, 'configured_in_location');
  }
  return t;
}

serveRounds(file, decode, (t) => t.Items);
