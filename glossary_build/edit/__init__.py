"""Editing the authors' sources: renaming a term's id and applying mechanical fixes.

Between the checks and the build: an edit is planned from what the parser
and the graph know (the spans of links and headings), never by searching the
raw Markdown, so text in code that looks like a link stays as it is.

- :mod:`.source`: one entry file as written (BOM, line ends, Unicode form)
  and text edits by parser position, applied to its bytes;
- :mod:`.links`: where a link's ``#target`` is written (inline, or in a
  reference definition);
- :mod:`.attributes`: the items of a heading's attribute block, with positions;
- :mod:`.seealso`: where an item goes into a see-also section, in its style;
- :mod:`.plan`: the changes to many files, their report and their diff;
- :mod:`.write`: all files written, or none;
- :mod:`.rename` and :mod:`.fix`: the two editing commands.
"""
