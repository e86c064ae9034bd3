// A minimal Vert.x event-bus bridge on the real sockjs-node server, for the client's interop tests.
// One HTTP server on 127.0.0.1, a SockJS endpoint per behaviour:
//   /vertx2     Vert.x 2 dialect (Kiwigrid): deliveries are {"address","body"} without "type"
//   /vertx3     Vert.x 3 dialect: deliveries are {"type":"rec",...}, unknown addresses answer NO_HANDLERS
//   /heartbeat  Vert.x 3 dialect with a 100 ms SockJS heartbeat
//   /silent     Vert.x 3 dialect that never sends a heartbeat
// Test addresses (type "send"): test.echo, test.fail, test.bridge-error, test.deliver {address,count},
// test.close, test.silent, test.pings, test.cookie, test.published, test.registrations.
// Prints "listening on port N" once it accepts connections.
'use strict';
const http = require('http');
const sockjs = require('sockjs');

const server = http.createServer();
const cookiesByUrl = new Map();

function bridge(prefix, dialect, heartbeatDelay) {
  const sock = sockjs.createServer({ heartbeat_delay: heartbeatDelay, log: () => {} });
  sock.on('connection', (conn) => {
    // On WebSockets sockjs-node beats with WebSocket ping control frames, which no WebSocket API shows its user.
    // Vert.x, the real Kiwigrid bridge, sends SockJS 'h' frames: beat like Vert.x.
    conn._session.recv.heartbeat = function () { return this.doSendFrame('h'); };
    let pings = 0;
    let lastPublished = null;
    const registrations = new Set();
    const write = (message) => conn.write(JSON.stringify(message));
    const deliver = (address, body) =>
      write(dialect === 'vertx2' ? { address, body } : { type: 'rec', address, body });

    conn.on('data', (raw) => {
      let msg;
      try {
        msg = JSON.parse(raw);
      } catch (e) {
        conn.close(3001, 'Broken JSON');
        return;
      }
      switch (msg.type) {
        case 'ping': pings++; return;
        case 'register': registrations.add(msg.address); return;
        case 'unregister': registrations.delete(msg.address); return;
        case 'publish': if (msg.address === 'test.publish') lastPublished = msg.body; return;
        case 'send': break;
        default: return;
      }
      const reply = (body) => deliver(msg.replyAddress, body);
      switch (msg.address) {
        case 'test.echo': reply({ echo: msg.body }); break;
        case 'test.fail':
          write({ type: 'err', address: msg.replyAddress, failureCode: 42, failureType: 'RECIPIENT_FAILURE', message: 'device exploded' });
          break;
        case 'test.bridge-error': write({ type: 'err', body: 'access_denied' }); break;
        case 'test.deliver': {
          const target = msg.body.address;
          const count = registrations.has(target) ? msg.body.count : 0;
          for (let n = 0; n < count; n++) deliver(target, { n });
          reply({ delivered: count });
          break;
        }
        case 'test.close': conn.close(3000, 'Go away!'); break;
        case 'test.silent': break;
        case 'test.pings': reply({ pings }); break;
        case 'test.cookie': reply({ cookie: cookiesByUrl.get(conn.url) ?? null }); break;
        case 'test.published': reply({ body: lastPublished }); break;
        case 'test.registrations': reply({ addresses: [...registrations] }); break;
        default:
          if (dialect === 'vertx3') {
            write({ type: 'err', address: msg.replyAddress, failureCode: -1, failureType: 'NO_HANDLERS', message: 'No handlers for address ' + msg.address });
          }
      }
    });
  });
  sock.installHandlers(server, { prefix });
}

bridge('/vertx2', 'vertx2', 25000);
bridge('/vertx3', 'vertx3', 25000);
bridge('/heartbeat', 'vertx3', 100);
bridge('/silent', 'vertx3', 2000000000);

// sockjs-node does not expose the Cookie header; remember it from the upgrade request, by session URL. Added after
// installHandlers, which takes over every 'upgrade' listener present at that time.
server.prependListener('upgrade', (req) => cookiesByUrl.set(req.url, req.headers.cookie || null));

server.listen(0, '127.0.0.1', () => console.log('listening on port ' + server.address().port));
