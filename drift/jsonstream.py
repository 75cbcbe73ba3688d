"""Read a huge JSON array one element at a time, in bounded memory, with the standard library.

WildFeedback's sat_dsat_annotation.json is ONE JSON array of about 1.6 GB. json.load would hold
all of it, several times over, as Python objects. Instead we keep a sliding text buffer: read a
chunk, let json.JSONDecoder.raw_decode parse as many whole elements as the buffer holds, drop
what was parsed, read the next chunk. Memory is one chunk plus the largest element.

The one subtle part is telling "this element is cut by the end of the buffer" (read more and try
again) from "this element is malformed" (raise). raw_decode fails in both cases; a failure that
comes from running out of text is either an unterminated string or an error within a few
characters of the buffer's end, so only those earn a retry. A retry doubles the text it asks
for, so an element much larger than a chunk is parsed O(log size) times, not O(size / chunk).
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Iterator

from drift.io import DataError, utf8_error

_WHITESPACE = re.compile(r"[ \t\n\r]*")
# The C scanner reports a cut-off literal, number or \uXXXX escape at most 6 characters before
# the cut, so before the end of the file an error that close to the end earns a retry (a wrong
# retry only costs time). At the end of the file, the file was cut if nothing but the start of
# a token follows the error.
_NEAR_END = 16
_TOKEN_START = re.compile(r"[\w.+\-\\]*\s*")


class _Window:
    """A sliding window over a text file: `text[pos:]` is what is not parsed yet."""

    def __init__(self, path, f, chunk_chars: int):
        self.path, self.f, self.chunk_chars = path, f, chunk_chars
        self.text, self.pos, self.eof = "", 0, False
        self.lines, self.counted_to = 1, 0  # line number at text[counted_to]
        self.read(chunk_chars)

    def read(self, want: int) -> bool:
        """Drop the parsed text and append at least `want` chars. False at end of file."""
        if self.eof:
            return False
        self.line_at(self.pos)
        want = max(want, self.chunk_chars)
        try:
            more = self.f.read(want)
        except UnicodeDecodeError:  # the decoder works a chunk at a time: find the byte's own line
            raise utf8_error(self.path) from None
        self.eof = len(more) < want  # a text-mode read(n) returns fewer than n chars only at EOF
        self.text, self.pos, self.counted_to = self.text[self.pos:] + more, 0, 0
        return bool(more)

    def skip_whitespace(self) -> None:
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or not self.read(self.chunk_chars):
                return

    def line_at(self, p: int) -> int:
        """1-based line of text[p]; counts newlines incrementally, so O(file) in total."""
        if p >= self.counted_to:
            self.lines += self.text.count("\n", self.counted_to, p)
        else:
            self.lines -= self.text.count("\n", p, self.counted_to)
        self.counted_to = p
        return self.lines

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""


def iter_json_array(
    path: str | os.PathLike,
    chunk_chars: int = 1 << 22,
    max_element_chars: int = 1 << 26,
) -> Iterator[tuple[int, int, Any]]:
    """Yield (index, line, element) for each element of the JSON array in `path`.

    index is the 0-based position in the array and line the 1-based line where the element
    starts (both go into error messages). Raises DataError naming the file, the line and the
    element for: an empty file, a top-level value that is not an array, a malformed or cut-off
    element, a missing ',' or ']', data after the closing ']', and an element longer than
    `max_element_chars` (which bounds the memory used).
    """
    decoder = json.JSONDecoder(strict=False)  # tolerate raw control characters inside strings
    # utf-8-sig skips a byte-order mark; newline="" keeps line counts exact
    with open(path, encoding="utf-8-sig", newline="") as f:
        w = _Window(path, f, chunk_chars)

        def fail(p: int, problem: str) -> DataError:
            return DataError(path, w.line_at(p), None, problem)

        w.skip_whitespace()
        if w.peek() == "":
            raise fail(w.pos, "the file is empty; expected a JSON array")
        if w.peek() != "[":
            found = "a JSON object (or JSON Lines)" if w.peek() == "{" else repr(w.peek())
            raise fail(w.pos, f"expected a JSON array ('[' at the start of the file), found {found}")
        w.pos += 1
        w.skip_whitespace()
        index = 0
        closed = w.peek() == "]"  # the empty array
        if closed:
            w.pos += 1
        while not closed:
            if w.peek() == "":
                raise fail(w.pos, f"the file ends before element [{index}]; is it truncated?")
            element, end = _decode_one(decoder, w.text, w.pos, index, w.eof, fail)
            if element is _NEED_MORE:
                if len(w.text) - w.pos > max_element_chars:
                    raise fail(w.pos, f"element [{index}] is longer than {max_element_chars:,} "
                                      "characters, or malformed (no end found)")
                w.read(len(w.text) - w.pos)  # double the pending text
                continue
            yield index, w.line_at(w.pos), element
            index += 1
            w.pos = end
            w.skip_whitespace()
            separator = w.peek()
            if separator == "]":
                w.pos += 1
                closed = True
            elif separator == "":
                raise fail(w.pos, f"the file ends after element [{index - 1}] without the "
                                  "closing ']'; is it truncated?")
            elif separator != ",":
                raise fail(w.pos, f"expected ',' or ']' after element [{index - 1}], "
                                  f"found {separator!r}")
            else:
                w.pos += 1
                w.skip_whitespace()
                if w.peek() == "]":
                    raise fail(w.pos, f"trailing ',' after element [{index - 1}]")
        w.skip_whitespace()
        if w.peek():
            raise fail(w.pos, "unexpected data after the closing ']': "
                              f"{w.text[w.pos:w.pos + 20]!r}")


_NEED_MORE = object()


def _decode_one(decoder, buf: str, pos: int, index: int, eof: bool, fail):
    """Decode the element starting at buf[pos]: (element, end), or (_NEED_MORE, pos) when the
    buffer may end inside it and more text could complete it."""
    try:
        element, end = decoder.raw_decode(buf, pos)
    except RecursionError:
        raise fail(pos, f"element [{index}] is nested too deeply to read") from None
    except json.JSONDecodeError as e:
        unterminated = e.msg.startswith("Unterminated string")
        if not eof and (unterminated or e.pos >= len(buf) - _NEAR_END):
            return _NEED_MORE, pos
        if unterminated or _TOKEN_START.fullmatch(buf, e.pos):
            raise fail(pos, f"the file ends inside element [{index}] ({e.msg}); "
                            "is it truncated?") from None
        raise fail(e.pos, f"element [{index}] is not valid JSON ({e.msg})") from None
    # A number near the end of the buffer may go on in the next chunk ("0." + "5"): keep some
    # text after every element, or be at the end of the file.
    if end > len(buf) - _NEAR_END and not eof:
        return _NEED_MORE, pos
    return element, end
