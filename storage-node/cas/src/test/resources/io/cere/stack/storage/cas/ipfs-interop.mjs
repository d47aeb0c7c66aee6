// Computes CIDs and DAG-CBOR encodings with IPFS's own libraries (multiformats, @ipld/dag-cbor)
// for IpfsInteropTest.
//
// Usage: node ipfs-interop.mjs <input.json> <blobs.bin>
// Input: {"blobSizes": [n, ...], "blake3Digests": [hex, ...], "documents": [tagged value, ...]};
//   blobs.bin holds the blobs back to back.
// Tagged values: null, booleans, strings and arrays stand for themselves; {"int": "decimal"},
//   {"float": "hex of the IEEE 754 double"}, {"bytes": "hex"}, {"cid": "b..."} and
//   {"map": [[key, tagged value], ...]} for the rest.
// Output, one line each:
//   blob <i> <CIDv1 raw sha2-256, base32> <its binary form in hex>
//   blake3 <i> <CIDv1 raw with that blake3 multihash, base32> <its binary form in hex>
//   document <i> <dag-cbor encoding in hex> <CIDv1 dag-cbor sha2-256, base32>
import { readFileSync } from 'node:fs';
import * as dagCbor from '@ipld/dag-cbor';
import { base32 } from 'multiformats/bases/base32';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from 'multiformats/hashes/sha2';

const BLAKE3_CODE = 0x1e;

const [inputPath, blobsPath] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputPath, 'ascii'));
const blobs = readFileSync(blobsPath);
const hex = (bytes) => Buffer.from(bytes).toString('hex');
const fromHex = (text) => new Uint8Array(Buffer.from(text, 'hex'));

function fromTagged(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fromTagged);
  if ('int' in value) {
    const big = BigInt(value.int);
    const safe = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe ? Number(big) : big;
  }
  if ('float' in value) return new DataView(fromHex(value.float).buffer).getFloat64(0);
  if ('bytes' in value) return fromHex(value.bytes);
  if ('cid' in value) return CID.parse(value.cid);
  if ('map' in value) return Object.fromEntries(value.map.map(([k, v]) => [k, fromTagged(v)]));
  throw new Error(`unknown tagged value ${JSON.stringify(value)}`);
}

const lines = [];
let offset = 0;
for (const [i, size] of input.blobSizes.entries()) {
  const blob = blobs.subarray(offset, offset + size);
  offset += size;
  const cid = CID.create(1, raw.code, await sha256.digest(raw.encode(blob)));
  lines.push(`blob ${i} ${cid.toString(base32)} ${hex(cid.bytes)}`);
}
for (const [i, digest] of input.blake3Digests.entries()) {
  const cid = CID.create(1, raw.code, Digest.create(BLAKE3_CODE, fromHex(digest)));
  lines.push(`blake3 ${i} ${cid.toString(base32)} ${hex(cid.bytes)}`);
}
for (const [i, document] of input.documents.entries()) {
  const bytes = dagCbor.encode(fromTagged(document));
  const cid = CID.create(1, dagCbor.code, await sha256.digest(bytes));
  lines.push(`document ${i} ${hex(bytes)} ${cid.toString(base32)}`);
}
process.stdout.write(lines.join('\n') + '\n');
