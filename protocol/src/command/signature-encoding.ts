/**
 * ECDSA signatures come in two encodings: DER (an ASN.1 SEQUENCE of two INTEGERs — what AWS KMS
 * and node:crypto produce by default) and IEEE P1363 (`r || s`, each left-padded to the curve
 * size). Commands carry P1363 so that every signature of one algorithm has one length; the KMS
 * adapter converts.
 */

/** Converts a DER ECDSA signature to P1363 for a curve of `size` bytes (32 for P-256). */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array {
  const bytes = Buffer.from(der);
  let offset = 0;
  const expect = (cond: boolean, what: string) => {
    if (!cond) throw new Error(`invalid DER ECDSA signature: ${what}`);
  };
  expect(bytes[offset++] === 0x30, 'not a SEQUENCE');
  let seqLength = bytes[offset++] ?? 0;
  if (seqLength & 0x80) {
    const n = seqLength & 0x7f;
    expect(n === 1, 'bad SEQUENCE length');
    seqLength = bytes[offset++] ?? 0;
  }
  expect(seqLength === bytes.length - offset, 'SEQUENCE length mismatch');
  const readInteger = (): Buffer => {
    expect(bytes[offset++] === 0x02, 'not an INTEGER');
    const length = bytes[offset++] ?? 0;
    expect(length > 0 && offset + length <= bytes.length, 'bad INTEGER length');
    let value = bytes.subarray(offset, offset + length);
    offset += length;
    while (value.length > 1 && value[0] === 0) value = value.subarray(1); // sign padding
    expect(value.length <= size, 'INTEGER larger than the curve');
    return value;
  };
  const r = readInteger();
  const s = readInteger();
  expect(offset === bytes.length, 'trailing bytes');
  const out = Buffer.alloc(size * 2);
  r.copy(out, size - r.length);
  s.copy(out, size * 2 - s.length);
  return out;
}

/** Converts a P1363 ECDSA signature back to DER (for tools that only read DER). */
export function p1363ToDer(p1363: Uint8Array): Uint8Array {
  const half = p1363.length / 2;
  const integer = (raw: Uint8Array) => {
    let v = Buffer.from(raw);
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if ((v[0] ?? 0) & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([integer(p1363.subarray(0, half)), integer(p1363.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
