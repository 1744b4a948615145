"""TBX-Basic (``export --format tbx``): TBX version 3 (ISO 30042:2019), dialect ``TBX-Basic``
in the DCA style, as the TBX-Basic dialect's schemas define it.

One ``conceptEntry`` per term, with one ``langSec`` in the glossary's
language holding the definition (``descrip type="definition"``) and a
``termSec`` per label: the title first, then each alias. A label's
``administrativeStatus`` is its term's status: ``preferredTerm-admn-sts`` for
the title of a preferred term, ``admittedTerm-admn-sts`` for aliases and for
every label of an admitted term, ``deprecatedTerm-admn-sts`` for every label
of a deprecated term, whose title's ``termSec`` also has a
``crossReference`` to the successor. A draft (only with ``--drafts``) has no
administrative status (TBX-Basic has none for drafts) and a ``note`` saying
``status: draft``. See-also links are ``crossReference``s of the
``conceptEntry``; with an ``http(s)`` ``base_url`` the term's page is an
``externalCrossReference``. Hidden labels (misspellings for search) and old
ids are not terms, and are left out.

``conceptEntry`` ids must be XML names (``xsd:ID``): an entry id that is one
is used as it is; any other (``68_95_997_rule``, ``a:b``) becomes ``_`` followed
by the id with every character that may not stand in a name, and ``_``
itself, written ``_<hex code>_`` (``_68_5F_95...``), so two ids never meet.
Characters XML 1.0 cannot hold (control characters but tab, line feed and carriage
return) are written as U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from glossary_build.core.model import Status
from glossary_build.export.terms import Term, Vocabulary

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
"""The TBX v3 namespace."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

ADMINISTRATIVE_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
"""A title's administrative status by its term's status (drafts have none)."""

_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_NAME = re.compile(f"[{_START}][{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
"""An XML name without colons (``NCName``, XML 1.0 fifth edition)."""
_NAME_CHAR = re.compile(f"[{_START}\\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 documents cannot contain."""


def tbx_basic(vocabulary: Vocabulary) -> str:
    """The vocabulary as a TBX-Basic document."""
    # The namespace is declared as an attribute and the names are left unqualified:
    # ElementTree's own default-namespace writing refuses unqualified attributes.
    root = ET.Element("tbx", {"xmlns": NAMESPACE, "type": "TBX-Basic", "style": "dca",
                              XML_LANG: vocabulary.language})
    root.append(_header(vocabulary))
    text = _child(root, "text")
    if vocabulary.terms:  # a body holds one conceptEntry or more
        body = _child(text, "body")
        body.extend(_concept_entry(vocabulary, term) for term in vocabulary.terms)
    ET.indent(root, space="  ")
    # A parser reads a carriage return in text as a line feed; written as a reference it stays.
    # Raw ones can only come from text: ElementTree writes those in attributes as references.
    xml = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def xml_id(entry_id: str) -> str:
    """The ``conceptEntry`` id of an entry id (see the module docstring)."""
    if _NAME.fullmatch(entry_id) and not entry_id.startswith("_"):
        return entry_id
    return "_" + "".join(
        char if char != "_" and _NAME_CHAR.fullmatch(char) else f"_{ord(char):X}_" for char in entry_id
    )


def _header(vocabulary: Vocabulary) -> ET.Element:
    header = ET.Element("tbxHeader")
    file_desc = _child(header, "fileDesc")
    _child(_child(file_desc, "titleStmt"), "title", vocabulary.title)
    _child(_child(file_desc, "sourceDesc"), "p", "Exported by glossary-build")
    return header


def _concept_entry(vocabulary: Vocabulary, term: Term) -> ET.Element:
    entry = ET.Element("conceptEntry", {"id": xml_id(term.id)})
    if term.status is Status.DRAFT:
        _child(entry, "note", "status: draft")
    for other in term.see_also:
        _cross_reference(entry, vocabulary.by_id[other])
    if term.url is not None and term.url.startswith(("http://", "https://")):
        _child(entry, "xref", term.label, type="externalCrossReference", target=term.url)
    lang_sec = _child(entry, "langSec", **{XML_LANG: vocabulary.language})
    if term.definition:
        _child(lang_sec, "descrip", term.definition, type="definition")
    title = _term_sec(lang_sec, term.label, ADMINISTRATIVE_STATUS.get(term.status))
    if term.successor is not None:
        _cross_reference(title, vocabulary.by_id[term.successor])
    alias_status = ADMINISTRATIVE_STATUS[Status.ADMITTED] if term.status is Status.PREFERRED else (
        ADMINISTRATIVE_STATUS.get(term.status)
    )
    for alias in term.aliases:
        _term_sec(lang_sec, alias, alias_status)
    return entry


def _term_sec(lang_sec: ET.Element, label: str, status: str | None) -> ET.Element:
    term_sec = _child(lang_sec, "termSec")
    _child(term_sec, "term", label)
    if status is not None:
        _child(term_sec, "termNote", status, type="administrativeStatus")
    return term_sec


def _cross_reference(parent: ET.Element, other: Term) -> None:
    _child(parent, "ref", other.label, type="crossReference", target=xml_id(other.id))


def _child(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, {key: _xml_text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
