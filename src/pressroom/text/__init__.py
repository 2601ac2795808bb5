"""Text rules every stage shares: character classes, punctuation, normalisation, decoding, finding a text's line.

Import, audit, lint and typesetting all read these definitions; none keeps a copy.
"""
