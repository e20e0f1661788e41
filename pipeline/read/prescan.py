"""A look at a PDF's bytes before any parser touches them: streams that inflate past a bound,
and whether the file may hold actions a viewer would run.

A few hundred KB of Flate can inflate to gigabytes (two Flate layers: a few KB), and pdfminer
inflates a content stream whole, in memory, before it reads a glyph. So every stream of the
file is inflated here first, a chunk at a time and thrown away, counting bytes and stopping
at the bound: about 25 ms per MB of PDF (0.6 s for the 27 MB of the real corpus). On the way,
the raw and inflated bytes are searched for the names of JavaScript and launch actions, so
that only a file that has them gets its actions looked up (that parses every annotation).
"""

from __future__ import annotations

import mmap
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pdfminer.ascii85 import ascii85decode, asciihexdecode

# Without a look-behind for "end": the regex engine then finds its literal 20 times faster.
STREAM_START = re.compile(rb"stream(?:\r\n|\n|\r)")
OBJECT_NUMBER = re.compile(rb"(\d+)\s+(\d+)\s*$")
FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
HEAD_WINDOW = 4096  # a stream's dictionary is this close before its data
CHUNK = 1 << 16  # compressed bytes fed at a time
STEP = 1 << 20  # inflated bytes taken at a time
FLATE = frozenset({b"FlateDecode", b"Fl"})
TEXT_ENCODINGS = {b"ASCII85Decode": ascii85decode, b"A85": ascii85decode,
                  b"ASCIIHexDecode": asciihexdecode, b"AHx": asciihexdecode}
TEXT_END = {ascii85decode: b"~>", asciihexdecode: b">"}
# Names of actions a viewer runs, and "/Encrypt", which hides object streams from the search.
# (A name spelled with # escapes, "/J#61vaScript", is not found: its action is not noted, and
# is not run either: nothing here runs one.)
ACTION_WORDS = (b"JavaScript", b"/JS", b"Launch", b"/Encrypt")
STREAM_WORDS = (b"JavaScript", b"Launch")  # what an object stream would show of them
CARRY = 16  # bytes kept from one chunk to the next, for a word cut between them


@dataclass(frozen=True)
class Bomb:
    """A stream that inflates past the bound."""

    obj: str  # "5 0", or "at byte 1234" where no object header is found
    on_disk: int  # bytes from the start of its data to the end of its deflate stream
    inflated: int  # bytes inflated when the bound was passed
    layers: int  # Flate filters applied one after the other


@dataclass(frozen=True)
class Scan:
    """What the bytes say: the first stream that inflates past the bound, and whether an
    action's name (or encryption) appears anywhere."""

    bomb: Bomb | None
    may_have_actions: bool


def scan_file(path: Path, bound: int) -> Scan:
    """The file's streams inflated against `bound` bytes, and its action names."""
    with path.open("rb") as fh:
        if path.stat().st_size == 0:
            return Scan(None, False)
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return scan(data, bound)


def scan(data: bytes | mmap.mmap, bound: int) -> Scan:
    """The bytes of a PDF: each stream (after "stream" and its end of line) inflated."""
    actions = _has_action_words(data)
    for match in STREAM_START.finditer(data):
        if data[max(0, match.start() - 3):match.start()] == b"end":
            continue
        head = data[max(0, match.start() - HEAD_WINDOW):match.start()]
        bomb, seen = _stream(data, match.end(), head, bound)
        actions = actions or seen
        if bomb is not None:
            return Scan(bomb, actions)
    return Scan(None, actions)


def _has_action_words(data: bytes | mmap.mmap, words: tuple[bytes, ...] = ACTION_WORDS
                      ) -> bool:
    return any(data.find(word) >= 0 for word in words)


def _stream(data: bytes | mmap.mmap, start: int, head: bytes, bound: int
            ) -> tuple[Bomb | None, bool]:
    """The stream at `start` as a Bomb (or None), and whether its inflated bytes name an
    action."""
    obj, head = _object_of(head, start)
    filters = stream_filters(head)
    chunks: Iterator[bytes] = _raw(data, start)
    decode = TEXT_ENCODINGS.get(filters[0]) if filters else None
    if decode is not None:  # reportlab writes [/ASCII85Decode /FlateDecode]
        end = data.find(TEXT_END[decode], start)
        try:
            chunks = _raw(decode(bytes(data[start:len(data) if end < 0 else end + 2])), 0)
        except Exception:  # damaged text encoding: pdfminer will fail on it too, small
            return None, False
        filters = filters[1:]
    layers = _flate_layers(filters)
    sizes = [0] * layers
    for level in range(layers):
        chunks = _inflate(chunks, bound, sizes, level)
    seen, carry = False, b""
    try:
        for chunk in chunks if layers else ():
            if not seen:
                seen = _has_action_words(carry + chunk, STREAM_WORDS)
                carry = chunk[-CARRY:]
    except _Exceeded:
        end = data.find(b"endstream", start)
        return Bomb(obj, (len(data) if end < 0 else end) - start, max(sizes), layers), seen
    return None, seen


def _object_of(head: bytes, start: int) -> tuple[str, bytes]:
    """The number of the object whose stream starts at `start`, and its dictionary: what
    follows the last "N G obj" before it."""
    at = len(head)
    while (at := head.rfind(b"obj", 0, at)) >= 0:
        number = OBJECT_NUMBER.search(head, max(0, at - 24), at)
        if number is not None and head[at - 3:at] != b"end":
            return f"{int(number[1])} {int(number[2])}", head[at + 3:]
    return f"at byte {start}", head


def stream_filters(head: bytes) -> list[bytes]:
    """The filter names of the last /Filter in a stream's dictionary; without one, Flate is
    tried anyway (a dictionary longer than the window): zlib refuses other data at once."""
    unescaped = HEX_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), head)
    found = list(FILTER.finditer(unescaped))
    if not found:
        return [b"FlateDecode"]
    return NAME.findall(found[-1][1])


def _flate_layers(filters: list[bytes]) -> int:
    """How many Flate filters come first (those are what inflate)."""
    layers = 0
    for name in filters:
        if name not in FLATE:
            break
        layers += 1
    return layers


def _raw(data: bytes | mmap.mmap, start: int) -> Iterator[bytes]:
    for pos in range(start, len(data), CHUNK):
        yield bytes(data[pos:pos + CHUNK])


class _Exceeded(Exception):
    """A layer's output passed the bound."""


def _inflate(chunks: Iterator[bytes], bound: int, sizes: list[int],
             level: int) -> Iterator[bytes]:
    """The inflated bytes of `chunks`, STEP at a time, counted into sizes[level]; ends where
    the deflate stream ends or breaks (as pdfminer's reading would)."""
    inflater = zlib.decompressobj()
    for chunk in chunks:
        data = chunk
        while data and not inflater.eof:
            try:
                out = inflater.decompress(data, STEP)
            except zlib.error:
                return
            data = inflater.unconsumed_tail
            sizes[level] += len(out)
            if sizes[level] > bound:
                raise _Exceeded
            if out:
                yield out
        if inflater.eof:
            return


TEXT_DECODERS = {"ASCII85Decode": ascii85decode, "A85": ascii85decode,
                 "ASCIIHexDecode": asciihexdecode, "AHx": asciihexdecode}


def decode_damage(data: bytes, filters: Sequence[str]) -> str | None:
    """What is wrong with a stream's encoded data, up to its first Flate filter: text
    encodings that do not decode, Flate data that breaks or is cut off. None when it is
    sound, or when a filter comes first that is not checked here. (pdfminer reads such a
    stream as empty, or as far as it goes, and says nothing.)"""
    for name in filters:
        decoder = TEXT_DECODERS.get(name)
        if decoder is not None:
            try:
                data = decoder(data)
            except Exception as exc:
                return f"its {name} data does not decode ({exc})"
            continue
        if name in ("FlateDecode", "Fl"):
            return _flate_damage(data)
        return None
    return None


def _flate_damage(data: bytes) -> str | None:
    if not data.strip():  # an empty stream (Försäkringskassan 2016 p178): empty, not damaged
        return None
    inflater = zlib.decompressobj()
    tail = data
    try:
        while tail and not inflater.eof:
            inflater.decompress(tail, STEP)  # thrown away: only whether it inflates counts
            tail = inflater.unconsumed_tail
    except zlib.error as exc:
        return f"its Flate data is damaged ({exc})"
    return None if inflater.eof else "its Flate data is cut off"
