// Canonicalizes and signs with npm `canonicalize` and Node's Ed25519, as browser and Node clients
// do, for CanonicalJsonInteropTest.
//
// Usage: node canonicalize-interop.mjs <path to canonicalize's main module> <input.json>
// Input: {"documents": [...], "envelopes": [...unsigned envelopes, accountId filled in here...]}
// Output (stdout, JSON): {"canonical": [base64 of canonicalize(document) UTF-8, ...],
//   "envelopes": [base64 of JSON.stringify(signed envelope) UTF-8, ...],
//   "signedContent": [base64 of canonicalize(envelope without signature), ...]}
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, inputPath] = process.argv.slice(2);
const { default: canonicalize } = await import(pathToFileURL(modulePath).href);
const input = JSON.parse(readFileSync(inputPath, 'utf8'));
const base64 = (text) => Buffer.from(text, 'utf8').toString('base64');

const canonical = input.documents.map((document) => base64(canonicalize(document)));

const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
const accountId = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').toString('hex');
const envelopes = [];
const signedContent = [];
for (const envelope of input.envelopes) {
  envelope.accountId = accountId;
  const content = canonicalize(envelope);
  envelope.signature = crypto.sign(null, Buffer.from(content, 'utf8'), privateKey).toString('hex');
  envelopes.push(base64(JSON.stringify(envelope)));
  signedContent.push(base64(content));
}

process.stdout.write(JSON.stringify({ canonical, envelopes, signedContent }));
