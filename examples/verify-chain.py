#!/usr/bin/env python3
"""Recompute the hash chain of a secretariat database from its rows, without secretariat.

    python3 verify-chain.py secretariat.db

Uses only Python's standard library. Each journal entry's hash is

    hash = hex(SHA-256(prev_hash || canonical JSON of {actor, after, at, entity, id, seq, verb}))

where the canonical JSON is RFC 8785 (the JSON Canonicalization Scheme), written out below
in a few lines, so that the check does not depend on secretariat's own code. The first
entry's prev_hash is 64 zeros. A database made before secretariat adopted RFC 8785 names,
in record_meta, the entry from which its entries are in that form; the entries before it
embed their after-image as stored, with strings escaped as Go's encoding/json escapes them.

Prints the number of entries and the head hash, or names the first entry that disagrees
and exits 1.
"""
import hashlib
import json
import sqlite3
import sys

GENESIS = "0" * 64


def jcs_number(x):
    """A number as ECMAScript's Number.prototype.toString writes a double (RFC 8785 3.2.2.3)."""
    if isinstance(x, bool):
        raise ValueError("not a number")
    if isinstance(x, int) and abs(x) <= 2 ** 53:
        return str(x)
    f = float(x)
    if f != f or f in (float("inf"), float("-inf")):
        raise ValueError("NaN and infinities have no JSON form")
    if f == 0:
        return "0"
    sign = "-" if f < 0 else ""
    mant, _, exp = repr(abs(f)).partition("e")  # repr gives the shortest digits that round-trip
    whole, _, frac = mant.partition(".")
    digits = (whole + frac).lstrip("0")
    n = int(exp or 0) + len(whole) - ((len(whole) + len(frac)) - len(digits))  # 0.d1d2... x 10^n
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def jcs_string(s):
    """A string with only the escapes JSON requires (RFC 8785 3.2.2.2)."""
    out = ['"']
    for ch in s:
        if ch in SHORT:
            out.append(SHORT[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    """RFC 8785: members sorted by the UTF-16 code units of their names, no whitespace."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return jcs_number(v)
    if isinstance(v, str):
        return jcs_string(v)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs_string(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise ValueError("not JSON: %r" % (v,))


def legacy_string(s):
    """A string as Go's encoding/json writes it with HTML escaping off."""
    return json.dumps(s, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def no_duplicates(pairs):
    names = [k for k, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError("a member name appears twice in one object")
    return dict(pairs)


def main(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        row = db.execute("SELECT value FROM record_meta WHERE key = 'jcs_from'").fetchone()
        jcs_from = int(row[0]) if row else 1
    except sqlite3.OperationalError:
        jcs_from = 1 << 62  # a database older than RFC 8785 in secretariat
    prev, n = GENESIS, 0
    rows = db.execute("SELECT seq, at, actor, verb, entity, id, after, prev_hash, hash FROM journal ORDER BY seq")
    for seq, at, actor, verb, entity, ident, after, prev_hash, stored in rows:
        n += 1
        if seq != n:
            return fail(seq, "expected entry %d here: an entry is missing or out of order" % n)
        if prev_hash != prev:
            return fail(seq, "its prev_hash does not match the hash of the entry before it")
        if seq >= jcs_from:
            entry = {"actor": actor, "after": json.loads(after, object_pairs_hook=no_duplicates), "at": at,
                     "entity": entity, "id": ident, "seq": seq, "verb": verb}
            text = jcs(entry)
        else:
            text = ('{"actor":%s,"after":%s,"at":%s,"entity":%s,"id":%s,"seq":%d,"verb":%s}'
                    % (legacy_string(actor), after, legacy_string(at), legacy_string(entity), legacy_string(ident), seq, legacy_string(verb)))
        h = hashlib.sha256((prev + text).encode("utf-8")).hexdigest()
        if h != stored:
            return fail(seq, "its hash does not match its content: the entry was altered")
        prev = h
    print("%d journal entries; head %s" % (n, prev))
    return 0


def fail(seq, why):
    print("FAILED at journal entry %d: %s" % (seq, why))
    return 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: verify-chain.py DATABASE")
    sys.exit(main(sys.argv[1]))
