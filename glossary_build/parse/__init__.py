"""Stage 2, entries: parse one source file into entries (a pure function of path and text).

References are recorded as data; nothing is looked up here.
"""
