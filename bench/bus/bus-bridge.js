// The bus benchmark's Node.js side (bench/README.md, benchmark 2): a Vert.x 2 dialect event-bus bridge on the real
// sockjs-node server that does, per request, what the emulator does for userservice.getCurrentUser:
//   parse the message, check type/address/replyAddress, read accessToken/action/params from the body;
//   check the token as the emulator's AccessTokens.Check does: base64 (unpadded) → text, split at the last '.',
//   base64 signature of 20 bytes, HMAC-SHA1 of the payload under the shared secret, constant-time comparison,
//   JSON.parse of the payload, user_id and expiration read, expiration against the clock (401/419 otherwise);
//   build the same reply body, key for key ({"status","result","code","message"}), and the same envelope
//   ({"address","body"}), written with JSON.stringify.
// Usage: node bus-bridge.js <secret as hex>. Prints "listening on port N" once it accepts connections (path /vertx2);
// exits when its stdin closes.
'use strict';
const crypto = require('crypto');
const http = require('http');
const sockjs = require('sockjs');

const secret = Buffer.from(process.argv[2], 'hex');
const maxReplyAddressLength = 36;

function error(code, message) {
  return { status: 'error', result: null, code, message };
}

// userId, or a number: 401 (invalid) or 419 (expired).
function checkToken(token) {
  if (typeof token !== 'string' || token.length === 0 || token.length > 16 * 1024) return 401;
  const text = Buffer.from(token, 'base64').toString('utf8');
  const dot = text.lastIndexOf('.');
  if (dot < 0) return 401;
  const signature = Buffer.from(text.slice(dot + 1), 'base64');
  if (signature.length !== 20) return 401;
  const payloadText = text.slice(0, dot);
  const expected = crypto.createHmac('sha1', secret).update(payloadText, 'utf8').digest();
  if (!crypto.timingSafeEqual(expected, signature)) return 401;
  let payload;
  try {
    payload = JSON.parse(payloadText);
  } catch (e) {
    return 401;
  }
  if (payload === null || typeof payload !== 'object' || typeof payload.user_id !== 'string' || typeof payload.expiration !== 'number') return 401;
  if (Date.now() >= payload.expiration) return 419;
  return payload.user_id;
}

function user(userId) {
  return {
    id: userId,
    login: userId,
    email: userId.includes('@') ? userId : null,
    channel: 'solarwatt',
    locale: 'de_DE',
    roles: ['customer'],
    status: 'ACTIVE',
  };
}

function dispatch(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return error(400, 'The request body must be a JSON object with accessToken, action and params.');
  }
  const token = typeof body.accessToken === 'string' ? body.accessToken : null;
  const userId = checkToken(token);
  if (userId === 419) return error(419, 'Authentication Timeout: the accessToken has expired; log in again.');
  if (userId === 401) {
    return error(401, token === null ? 'Unauthorized: the request carries no accessToken.' : 'Unauthorized: the accessToken is not valid.');
  }
  if (typeof body.action !== 'string' || body.action.length === 0) return error(400, 'The request needs an action.');
  if (body.params !== undefined && (body.params === null || typeof body.params !== 'object' || Array.isArray(body.params))) {
    return error(400, 'The params must be a JSON object.');
  }
  if (body.action !== 'getCurrentUser') return error(400, `userservice has no action '${body.action}'.`);
  return { status: 'ok', result: user(userId), code: 200, message: 'ok' };
}

const server = http.createServer();
const sock = sockjs.createServer({ log: () => {} });
sock.on('connection', (conn) => {
  conn.on('data', (raw) => {
    let message;
    try {
      message = JSON.parse(raw);
    } catch (e) {
      return;
    }
    if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'ping') return;
    if (message.type !== 'send' || message.address !== 'userservice') return;
    const replyAddress = typeof message.replyAddress === 'string' ? message.replyAddress : null;
    if (replyAddress === null || replyAddress.length > maxReplyAddressLength) return;
    conn.write(JSON.stringify({ address: replyAddress, body: dispatch(message.body) }));
  });
});
sock.installHandlers(server, { prefix: '/vertx2' });
// Never outlive the benchmark.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
server.listen(0, '127.0.0.1', () => console.log('listening on port ' + server.address().port));
