// Logs into the emulator with plain HTTP (the four steps of PROTOCOL.md §2), then reads the devices over the
// official Vert.x event-bus client on sockjs-client, and prints the reply as one JSON line: "RESULT {...}".
// usage: node vertx-client-read.js <base url> <user> <password>
'use strict';
const http = require('http');
const EventBus = require('vertx3-eventbus-client');

const [base, user, password] = process.argv.slice(2);
if (!base || !user || !password) {
  console.error('usage: node vertx-client-read.js <base url> <user> <password>');
  process.exit(2);
}

setTimeout(() => { console.error('timed out'); process.exit(1); }, 20000).unref();

function request(method, url, { body, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (body) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    if (cookie) headers.Cookie = cookie;
    const req = http.request(new URL(url, base), { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

function cookie(res, name) {
  const found = (res.headers['set-cookie'] || []).find((c) => c.startsWith(name + '='));
  if (!found) throw new Error('no ' + name + ' cookie (status ' + res.status + ')');
  return found.split(';')[0];
}

async function login() {
  const form = new URLSearchParams({
    username: user, password, autologin: 'false', channel: 'solarwatt',
    originalRequest: '/authorize?response_type=code&amp;redirect_uri=https%3A%2F%2Fdesktop.energy-manager.de%2Frest%2Fauth%2Fauth_grant&amp;state=&amp;client_id=kiwigrid.desktop&amp;overrideRedirectUri=true',
  }).toString();
  const step1 = await request('POST', '/login', { body: form });
  if (step1.status !== 200) throw new Error('login: ' + step1.status);
  const step2 = await request('GET', JSON.parse(step1.text).redirectUri, { cookie: cookie(step1, 'session_id') });
  if (step2.status !== 302) throw new Error('authorize: ' + step2.status);
  const step3 = await request('GET', step2.headers.location);
  if (step3.status !== 307) throw new Error('auth_grant: ' + step3.status);
  const step4 = await request('GET', '/js/context.js', { cookie: cookie(step3, 'webcore_sid') });
  const match = /accessToken\s*:\s*'([^']+)'/.exec(step4.text);
  if (step4.status !== 200 || !match) throw new Error('context.js: ' + step4.status);
  return match[1];
}

login().then((accessToken) => {
  const bus = new EventBus(new URL('/kiwibus', base).toString());
  bus.onerror = (err) => { console.error('bus error', JSON.stringify(err)); process.exit(1); };
  bus.onopen = () => {
    bus.send('deviceservice', { accessToken, action: 'getDevices', params: {} }, (err, msg) => {
      if (err) { console.error('reply error', JSON.stringify(err)); process.exit(1); }
      console.log('RESULT ' + JSON.stringify({ type: msg.type || null, body: msg.body }));
      bus.close();
      process.exit(0);
    });
  };
}).catch((e) => { console.error(e.message); process.exit(1); });
