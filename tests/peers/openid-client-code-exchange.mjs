// panva's openid-client (certified OpenID Connect relying party) against the emulated solarwatt realm: discovery,
// then the portal's code exchange as a confidential client, checking state, nonce, issuer and the id_token.
// Usage: node openid-client-code-exchange.mjs <realm URL> <client id> <client secret> <callback URL> <state> <nonce>
import * as client from 'openid-client';

const [realm, clientId, clientSecret, callback, state, nonce] = process.argv.slice(2);
try {
  const config = await client.discovery(new URL(realm), clientId, clientSecret, undefined, {
    execute: [client.allowInsecureRequests], // loopback HTTP, as everywhere in the tests
  });
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  console.log('RESULT ' + JSON.stringify({
    issuer: config.serverMetadata().issuer,
    sub: claims.sub,
    nonce: claims.nonce,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token !== undefined,
  }));
} catch (error) {
  console.error('openid-client failed: ' + (error?.message ?? error) + (error?.cause ? ' / ' + JSON.stringify(error.cause) : ''));
  process.exit(1);
}
