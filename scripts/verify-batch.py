#!/usr/bin/env python3
"""Independent checker for signed batches exported by `eid node export-batch`.

Written from docs/PROTOCOL.md section 1 alone (Python standard library plus the
`openssl` command line for Ed25519), so that it checks the document as much as the
Swift code: it parses every byte of each batch, validates every field, recomputes
the RFC 6962 Merkle root over the records, checks the hash chain between
consecutive batches and verifies the node's Ed25519 signature with
`openssl pkeyutl -verify -rawin`.

usage: verify-batch.py --pubkey NODE_SIGNING.pub [--previous-hash HEX] [--json] BATCH...

Batches are given in batch-sequence order. The first one must be batch 1 (chained to
the zero hash) unless --previous-hash gives the hash of the batch before it.
Exit status: 0 when every batch verifies, 1 when one does not (the reason is printed),
2 on bad usage.
"""

import argparse
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

MAX_HEADER_LENGTH = 512
MAX_RECORD_COUNT = 10_000
MAX_RECORDS_BYTE_LENGTH = 64 * 1024 * 1024
MAX_SEALED_PAYLOAD = 4 * 1024 * 1024
MAX_RECORD_LENGTH = MAX_SEALED_PAYLOAD + 1024
NODE_ID = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
RECEIPT = re.compile(r"^([0-9A-Z]{2,8})-([0-9]{8})-([0-9]{6})-([0-9A-Z])$")
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEALED_BOX_OVERHEAD = 61


class BadBatch(Exception):
    pass


class Reader:
    """Big-endian reads with the field name in every error."""

    def __init__(self, data, what):
        self.data = data
        self.offset = 0
        self.what = what

    def take(self, count, field):
        if self.offset + count > len(self.data):
            raise BadBatch(f"{self.what}: truncated in {field} at byte {self.offset}")
        chunk = self.data[self.offset:self.offset + count]
        self.offset += count
        return chunk

    def u8(self, field):
        return self.take(1, field)[0]

    def u16(self, field):
        return struct.unpack(">H", self.take(2, field))[0]

    def u32(self, field):
        return struct.unpack(">I", self.take(4, field))[0]

    def u64(self, field):
        return struct.unpack(">Q", self.take(8, field))[0]

    def i64(self, field):
        return struct.unpack(">q", self.take(8, field))[0]

    def string(self, field, max_length):
        length = self.u16(field)
        if length > max_length:
            raise BadBatch(f"{self.what}: {field} length {length} exceeds {max_length}")
        raw = self.take(length, field)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadBatch(f"{self.what}: {field} is not UTF-8")

    def blob(self, field, max_length):
        length = self.u32(field)
        if length > max_length:
            raise BadBatch(f"{self.what}: {field} length {length} exceeds {max_length}")
        return self.take(length, field)

    def magic(self, expected):
        found = self.take(len(expected), "magic")
        if found != expected:
            raise BadBatch(f"{self.what}: magic is {found!r}, expected {expected!r}")

    def end(self):
        if self.offset != len(self.data):
            raise BadBatch(f"{self.what}: {len(self.data) - self.offset} byte(s) after the end")

    def opening(self, magic):
        """Magic, version 1 and the node id that every structure starts with; returns the node id."""
        self.magic(magic)
        version = self.u8("version")
        if version != 1:
            raise BadBatch(f"{self.what}: version {version} is not 1")
        node_id = self.string("node id", 32)
        if not NODE_ID.match(node_id):
            raise BadBatch(f"{self.what}: node id {node_id!r} is not valid")
        return node_id


def receipt_check_character(text):
    """ISO/IEC 7064 MOD 37,36 over 0-9A-Z."""
    modulus = 36
    product = modulus
    for character in text:
        total = (product + ALPHABET.index(character)) % modulus
        if total == 0:
            total = modulus
        product = (total * 2) % (modulus + 1)
    return ALPHABET[(modulus + 1 - product) % modulus]


def check_receipt_number(text, what):
    match = RECEIPT.match(text)
    if not match:
        raise BadBatch(f"{what}: receipt number {text!r} is not CODE-YYYYMMDD-NNNNNN-C")
    code, date, sequence, check = match.groups()
    if int(sequence) < 1:
        raise BadBatch(f"{what}: receipt number {text!r} has day sequence 0")
    if receipt_check_character(code + date + sequence) != check:
        raise BadBatch(f"{what}: receipt number {text!r} has a wrong check character")


def sha256(data):
    return hashlib.sha256(data).digest()


def merkle_root(leaves):
    """RFC 6962 section 2.1 Merkle Tree Hash."""
    if len(leaves) == 1:
        return sha256(b"\x00" + leaves[0])
    split = 1
    while split * 2 < len(leaves):
        split *= 2
    return sha256(b"\x01" + merkle_root(leaves[:split]) + merkle_root(leaves[split:]))


def parse_header(data):
    reader = Reader(data, "batch header")
    header = {"node_id": reader.opening(b"EIDB")}
    header["batch_sequence"] = reader.u64("batch sequence")
    header["first_record_sequence"] = reader.u64("first record sequence")
    header["record_count"] = reader.u32("record count")
    header["records_byte_length"] = reader.u64("records byte length")
    header["previous_batch_hash"] = reader.take(32, "previous batch hash")
    header["merkle_root"] = reader.take(32, "merkle root")
    header["created_at_ms"] = reader.i64("created at")
    reader.end()
    if header["batch_sequence"] < 1 or header["first_record_sequence"] < 1:
        raise BadBatch("batch header: batch and record sequences start at 1")
    if not 1 <= header["record_count"] <= MAX_RECORD_COUNT:
        raise BadBatch(f"batch header: record count {header['record_count']} is not 1..{MAX_RECORD_COUNT}")
    if header["records_byte_length"] > MAX_RECORDS_BYTE_LENGTH:
        raise BadBatch("batch header: records byte length exceeds 64 MiB")
    if header["batch_sequence"] == 1 and header["previous_batch_hash"] != bytes(32):
        raise BadBatch("batch header: batch 1 must chain to the zero hash")
    return header


def parse_record(data, what):
    reader = Reader(data, what)
    record = {"node_id": reader.opening(b"EIDR")}
    record["sequence"] = reader.u64("sequence")
    record["receipt_number"] = reader.string("receipt number", 40)
    check_receipt_number(record["receipt_number"], what)
    record["enrolled_at_ms"] = reader.i64("enrolled at")
    record["level"] = reader.u8("level")
    if record["level"] not in (1, 2):
        raise BadBatch(f"{what}: level {record['level']} is not 1 or 2")
    sealed = reader.blob("sealed payload", MAX_SEALED_PAYLOAD)
    if not sealed:
        raise BadBatch(f"{what}: sealed payload is empty")
    record["sealed_payload_length"] = len(sealed)
    record["sealed_box_version"] = sealed[0]
    reader.end()
    return record


def parse_batch(data):
    reader = Reader(data, "batch")
    header_length = reader.u32("header length")
    if header_length > MAX_HEADER_LENGTH:
        raise BadBatch(f"batch: header length {header_length} exceeds {MAX_HEADER_LENGTH}")
    header_bytes = reader.take(header_length, "header")
    header = parse_header(header_bytes)
    signature = reader.take(64, "signature")
    remaining = len(data) - reader.offset
    if remaining != header["records_byte_length"]:
        raise BadBatch(f"batch: header declares {header['records_byte_length']} record bytes, body has {remaining}")
    records, leaves = [], []
    for index in range(header["record_count"]):
        what = f"record {index + 1}"
        raw = reader.blob(what, MAX_RECORD_LENGTH)
        record = parse_record(raw, what)
        expected = header["first_record_sequence"] + index
        if record["sequence"] != expected:
            raise BadBatch(f"{what}: sequence {record['sequence']}, expected {expected}")
        if record["node_id"] != header["node_id"]:
            raise BadBatch(f"{what}: belongs to node {record['node_id']}, the batch to {header['node_id']}")
        records.append(record)
        leaves.append(raw)
    reader.end()
    if merkle_root(leaves) != header["merkle_root"]:
        raise BadBatch("batch: the Merkle root does not match the records")
    return header_bytes, header, signature, records


def openssl_verify(pubkey, header_bytes, signature):
    with tempfile.TemporaryDirectory() as scratch:
        header_path = os.path.join(scratch, "header.bin")
        signature_path = os.path.join(scratch, "signature.bin")
        with open(header_path, "wb") as file:
            file.write(header_bytes)
        with open(signature_path, "wb") as file:
            file.write(signature)
        result = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pubkey, "-rawin",
                                 "-in", header_path, "-sigfile", signature_path],
                                capture_output=True, text=True)
        return result.returncode == 0 and "Signature Verified Successfully" in result.stdout


def main():
    parser = argparse.ArgumentParser(description="Verify exported e-ID node batches (docs/PROTOCOL.md section 1).")
    parser.add_argument("--pubkey", required=True, help="the node's Ed25519 signing.pub (PEM)")
    parser.add_argument("--previous-hash", help="hex hash of the batch before the first one given")
    parser.add_argument("--json", action="store_true", help="print one JSON object per batch")
    parser.add_argument("batches", nargs="+", help="batch files, in order")
    arguments = parser.parse_args()

    previous_hash = bytes.fromhex(arguments.previous_hash) if arguments.previous_hash else None
    previous = None
    try:
        for path in arguments.batches:
            with open(path, "rb") as file:
                data = file.read()
            try:
                header_bytes, header, signature, records = parse_batch(data)
                if previous is None:
                    expected = previous_hash if previous_hash is not None else bytes(32)
                    if previous_hash is None and header["batch_sequence"] != 1:
                        raise BadBatch(f"batch {header['batch_sequence']} given first without --previous-hash")
                else:
                    expected = previous["hash"]
                    if header["node_id"] != previous["node_id"]:
                        raise BadBatch("comes from another node than the batch before it")
                    if header["batch_sequence"] != previous["batch_sequence"] + 1:
                        raise BadBatch(f"batch {header['batch_sequence']} follows batch {previous['batch_sequence']}")
                    if header["first_record_sequence"] != previous["next_record"]:
                        raise BadBatch(f"starts at record {header['first_record_sequence']}, "
                                       f"expected {previous['next_record']}")
                if header["previous_batch_hash"] != expected:
                    raise BadBatch("previous batch hash does not match the batch before it")
                if not openssl_verify(arguments.pubkey, header_bytes, signature):
                    raise BadBatch("the Ed25519 signature does not verify with openssl")
            except BadBatch as problem:
                print(f"{path}: {problem}", file=sys.stderr)
                return 1
            batch_hash = sha256(header_bytes)
            last = header["first_record_sequence"] + header["record_count"] - 1
            summary = {"file": path, "node_id": header["node_id"], "batch_sequence": header["batch_sequence"],
                       "first_record_sequence": header["first_record_sequence"], "last_record_sequence": last,
                       "record_count": header["record_count"], "batch_hash": batch_hash.hex(),
                       "merkle_root": header["merkle_root"].hex(),
                       "receipt_numbers": [record["receipt_number"] for record in records]}
            if arguments.json:
                print(json.dumps(summary, sort_keys=True))
            else:
                print(f"{path}: batch {header['batch_sequence']} of {header['node_id']}, records "
                      f"{header['first_record_sequence']}..{last}, hash {batch_hash.hex()}: OK")
            previous = {"hash": batch_hash, "node_id": header["node_id"],
                        "batch_sequence": header["batch_sequence"], "next_record": last + 1}
    except OSError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
