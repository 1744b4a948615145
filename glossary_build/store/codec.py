"""Fast conversion of parse results to plain tuples and back.

A :class:`~glossary_build.core.model.ParsedFile` of a 2 KB entry holds some fifty
small frozen dataclasses.  Pickling them the default way runs a Python
``__setstate__`` per object, which makes loading 10,000 cached files take
seconds.  Nested tuples of strings and numbers pickle and unpickle at C
speed; turning them back into dataclasses then costs one constructor call
per object.  Parse workers send their results this way, and the build cache
stores them this way.

The converters are generated from the dataclasses' type hints when first
used, so a field added to the model is carried along without changes here:

- a dataclass field becomes a tuple of its fields;
- ``X | None`` and ``tuple[X, ...]`` of a dataclass or enum are converted
  element by element;
- an enum becomes its value;
- anything else (str, int, tuples of them, ...) is kept as it is.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any

from glossary_build.core.diagnostics import Diagnostic
from glossary_build.core.model import ParsedFile

Converter = Callable[[Any], Any]


class _Generator:
    """Writes one encoder and one decoder function per class, compiled once."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {"new_object": object.__new__}
        self.done: set[type] = set()

    def converters(self, cls: type) -> tuple[Converter, Converter]:
        """``(encode, decode)`` for ``cls`` and every class it contains."""
        self._define(cls)
        return self.namespace[f"enc_{cls.__name__}"], self.namespace[f"dec_{cls.__name__}"]

    def _define(self, cls: type) -> None:
        if cls in self.done:
            return
        self.done.add(cls)
        name = cls.__name__
        self.namespace[f"cls_{name}"] = cls
        hints = typing.get_type_hints(cls)
        fields = [field.name for field in dataclasses.fields(cls)]
        encoded = [self._encode(hints[field], f"v.{field}") for field in fields]
        decoded = [self._decode(hints[field], f"t[{index}]") for index, field in enumerate(fields)]
        source = f"def enc_{name}(v):\n    return ({', '.join(encoded)},)\n" + self._decoder(cls, fields, decoded)
        exec(source, self.namespace)  # noqa: S102 - code built from the model's own field names

    def _decoder(self, cls: type, fields: list[str], decoded: list[str]) -> str:
        """The source of ``dec_<name>``.  A frozen dataclass's ``__init__`` sets each field
        through ``object.__setattr__``; with slots and no ``__post_init__`` the object is made
        with ``__new__`` and its slots are set directly, which is what ``__init__`` amounts to:
        decoding a finding takes a quarter less time (a check of 10,000 entries decodes half a
        million of them)."""
        name = cls.__name__
        slots = getattr(cls, "__slots__", ())
        if hasattr(cls, "__post_init__") or tuple(slots) != tuple(fields):
            return f"def dec_{name}(t):\n    return cls_{name}({', '.join(decoded)})\n"
        lines = [f"def dec_{name}(t):", f"    o = new_object(cls_{name})"]
        for field, value in zip(fields, decoded):
            setter = f"set_{name}_{field}"
            self.namespace[setter] = cls.__dict__[field].__set__
            lines.append(f"    {setter}(o, {value})")
        return "\n".join([*lines, "    return o", ""])

    def _kind(self, hint: Any) -> tuple[str, type | None]:
        """``("object"|"optional"|"tuple"|"plain", inner class)`` of a type hint."""
        if isinstance(hint, type) and (dataclasses.is_dataclass(hint) or issubclass(hint, enum.Enum)):
            return "object", hint
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            if self._kind(inner)[0] == "object":
                return "optional", inner
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis and self._kind(args[0])[0] == "object":
            return "tuple", args[0]
        return "plain", None

    def _encode(self, hint: Any, value: str) -> str:
        kind, inner = self._kind(hint)
        if inner is None:
            return value
        one = self._encode_one(inner, "x")
        if kind == "object":
            return self._encode_one(inner, value)
        if kind == "optional":
            return f"(None if {value} is None else {self._encode_one(inner, value)})"
        return f"tuple([{one} for x in {value}])"

    def _encode_one(self, cls: type, value: str) -> str:
        if issubclass(cls, enum.Enum):
            return f"{value}.value"
        self._define(cls)
        return f"enc_{cls.__name__}({value})"

    def _decode(self, hint: Any, value: str) -> str:
        kind, inner = self._kind(hint)
        if inner is None:
            return value
        if kind == "object":
            return self._decode_one(inner, value)
        if kind == "optional":
            return f"(None if {value} is None else {self._decode_one(inner, value)})"
        return f"tuple([{self._decode_one(inner, 'x')} for x in {value}])"

    def _decode_one(self, cls: type, value: str) -> str:
        if issubclass(cls, enum.Enum):
            table = f"values_{cls.__name__}"
            self.namespace[table] = {member.value: member for member in cls}
            return f"{table}[{value}]"
        self._define(cls)
        return f"dec_{cls.__name__}({value})"


_GENERATOR = _Generator()
_encode_file, _decode_file = _GENERATOR.converters(ParsedFile)
_encode_diagnostic, _decode_diagnostic = _GENERATOR.converters(Diagnostic)


def lines_of(text: str) -> tuple[str, ...]:
    """The lines of a normalised source text, as :attr:`ParsedFile.lines` keeps them."""
    return tuple(text.split("\n"))


def encode_file(parsed: ParsedFile, *, keep_lines: bool = False) -> tuple[Any, ...]:
    """``parsed`` as nested tuples; the source lines are left out unless ``keep_lines``.

    The lines are the file's text split at line ends: whoever decodes has the
    text anyway and passes the lines back in.
    """
    if not keep_lines and parsed.lines:
        parsed = dataclasses.replace(parsed, lines=())
    return _encode_file(parsed)  # type: ignore[no-any-return]


def decode_file(data: tuple[Any, ...], lines: tuple[str, ...] | None = None) -> ParsedFile:
    """The :class:`ParsedFile` that :func:`encode_file` gave ``data`` for, with ``lines`` put back."""
    parsed: ParsedFile = _decode_file(data)
    if lines is not None:
        parsed = dataclasses.replace(parsed, lines=lines)
    return parsed


def encode_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Any, ...]:
    """Diagnostics as nested tuples."""
    return tuple([_encode_diagnostic(d) for d in diagnostics])


def decode_diagnostics(data: Iterable[Any]) -> list[Diagnostic]:
    """The diagnostics :func:`encode_diagnostics` gave ``data`` for."""
    return [_decode_diagnostic(item) for item in data]
