"""Damaged copies of a PDF, made reproducibly: each mutator is pure, bytes -> bytes, and draws
every choice from the random.Random it is given, so a seed gives the same mutant every time.

    name, damaged = mutant(data, seed)

chooses the mutation from the seed too. The mutations are what downloads, disks and careless
tools do to PDFs (flipped bytes, a cut-off end, a lost or doubled chunk) and what breaks a
PDF's own bookkeeping (the byte offsets of its cross-reference table, the number after
`startxref`, a stream's /Length).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]

XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")
STARTXREF = re.compile(rb"startxref\s+(\d+)")
LENGTH = re.compile(rb"/Length\s+(\d+)")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """1 to 8 bytes anywhere XOR-ed with a random non-zero byte."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    """The file cut off at a random point (an interrupted download)."""
    return data[:rng.randrange(1, len(data))]


def cut_chunk(data: bytes, rng: random.Random) -> bytes:
    """A chunk of up to a tenth of the file left out."""
    size = rng.randint(1, max(1, len(data) // 10))
    start = rng.randrange(len(data) - size + 1)
    return data[:start] + data[start + size:]


def repeat_chunk(data: bytes, rng: random.Random) -> bytes:
    """A chunk of up to a tenth of the file written twice."""
    size = rng.randint(1, max(1, len(data) // 10))
    start = rng.randrange(len(data) - size + 1)
    return data[:start + size] + data[start:]


def break_xref(data: bytes, rng: random.Random) -> bytes:
    """Cross-reference offsets made wrong (some entries of the table shifted or replaced),
    or the `startxref` number changed; a file without either gets its bytes flipped."""
    entries = list(XREF_ENTRY.finditer(data))
    starts = list(STARTXREF.finditer(data))
    if starts and (not entries or rng.random() < 0.4):
        match = rng.choice(starts)
        number = int(match[1])
        wrong = rng.choice([0, number + rng.randint(1, 64), max(0, number - rng.randint(1, 64)),
                            rng.randrange(len(data) * 2)])
        return data[:match.start(1)] + str(wrong).encode() + data[match.end(1):]
    if not entries:
        return flip_bytes(data, rng)
    out = bytearray(data)
    for match in rng.sample(entries, rng.randint(1, min(len(entries), 6))):
        offset = int(match[1])
        wrong = rng.choice([0, offset + rng.randint(1, 200), max(0, offset - rng.randint(1, 200)),
                            rng.randrange(len(data))])
        out[match.start(1):match.end(1)] = b"%010d" % min(wrong, 9_999_999_999)
    return bytes(out)


def break_stream_length(data: bytes, rng: random.Random) -> bytes:
    """One to three streams' /Length made wrong: zero, a little off, or far past the end."""
    lengths = list(LENGTH.finditer(data))
    if not lengths:
        return flip_bytes(data, rng)
    out = data
    for match in sorted(rng.sample(lengths, rng.randint(1, min(len(lengths), 3))),
                        key=lambda m: -m.start()):  # from the end: earlier offsets hold
        length = int(match[1])
        wrong = rng.choice([0, length + rng.randint(1, 100), max(0, length - rng.randint(1, 100)),
                            length * 1000 + 7])
        out = out[:match.start(1)] + str(wrong).encode() + out[match.end(1):]
    return out


MUTATORS: dict[str, Mutator] = {
    "flip": flip_bytes,
    "truncate": truncate,
    "cut": cut_chunk,
    "repeat": repeat_chunk,
    "xref": break_xref,
    "length": break_stream_length,
}


def combined(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """Two or three different mutations, one after the other."""
    names = rng.sample(sorted(MUTATORS), rng.randint(2, 3))
    for name in names:
        data = MUTATORS[name](data, rng)
    return "+".join(names), data


def mutant(data: bytes, seed: int) -> tuple[str, bytes]:
    """The mutation the seed chooses, applied with the seed's choices: (its name, the
    damaged bytes). One in four is a combination ("xref+flip")."""
    rng = random.Random(seed)
    if rng.random() < 0.25:
        return combined(data, rng)
    name = rng.choice(sorted(MUTATORS))
    return name, MUTATORS[name](data, rng)
