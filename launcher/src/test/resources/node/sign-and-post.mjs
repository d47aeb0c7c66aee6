// Signs one event the way a JavaScript client does (Node's crypto for Ed25519, the npm
// `canonicalize` package for RFC 8785 JSON) and posts it to the gateway.
//
// Usage: node sign-and-post.mjs KEY_FILE GATEWAY_URL APP_ID
// Prints the event id on success; exits 1 with the gateway's answer otherwise.
import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';

const [keyFile, gateway, appId] = process.argv.slice(2);
if (!keyFile || !gateway || !appId) {
  console.error('usage: node sign-and-post.mjs KEY_FILE GATEWAY_URL APP_ID');
  process.exit(2);
}
const key = JSON.parse(readFileSync(keyFile, 'utf8'));

// A raw 32-byte Ed25519 seed wrapped as PKCS#8 DER (RFC 8410), which Node's KeyObject reads.
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const privateKey = createPrivateKey({
  key: Buffer.concat([pkcs8Prefix, Buffer.from(key.privateKey, 'hex')]),
  format: 'der',
  type: 'pkcs8',
});

const envelope = {
  id: randomUUID(),
  appId,
  accountId: key.accountId,
  type: 'node.interop',
  timestamp: new Date().toISOString(),
  // Key order, non-ASCII text, a fraction and an exponent: what canonical JSON must agree on.
  payload: { z: 1, a: 'héllo ✓', n: 1.5, big: 1e21, nested: { b: [true, null], a: 'x' } },
};
envelope.signature = sign(null, Buffer.from(canonicalize(envelope), 'utf8'), privateKey).toString('hex');

const response = await fetch(`${gateway}/events`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(envelope),
});
if (response.status !== 202) {
  console.error(`gateway answered ${response.status}: ${await response.text()}`);
  process.exit(1);
}
console.log(envelope.id);
