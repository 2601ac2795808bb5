"""Suggestions: a name an editor wrote and the names there are in, the closest one (or none) out, for "did you mean" hints.

Every message that guesses what was meant uses these: front-matter and booklet.yml
keys, article slugs in booklet.yml, manuscript paths given to lint, image files.
Names are compared without case (a slug or file name typed with capitals is the
same mistake as a swapped letter), by difflib's similarity at its usual cutoff.
"""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath


def closest(written: object, names) -> str | None:
    """The name of `names` closest to `written` (itself, when it is one), compared
    without case; None when none is close."""
    word = str(written)
    folded: dict[str, str] = {}
    for name in names:
        if name == word:
            return name
        folded.setdefault(name.casefold(), name)
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1)
    return folded[match[0]] if match else None


def closest_file(written: str, names) -> str | None:
    """The file name of `names` closest to `written`: itself, else one that differs only
    in case or extension (kiwi.JPG, kiwi.jpeg, kiwi.png for kiwi.jpg), else the one whose
    name without extension is closest (kiwl.jpg); extensions are not compared, as a
    shared .jpg would make any two names look alike."""
    names = sorted(names)
    if written in names:
        return written
    stems: dict[str, str] = {}
    for name in names:
        stems.setdefault(PurePosixPath(name).stem.casefold(), name)
    stem = closest(PurePosixPath(written).stem.casefold(), stems)
    return stems[stem] if stem else None


def did_you_mean(written: object, names) -> str:
    """"did you mean 'x'?" for the closest name, or "" when none is close."""
    name = closest(written, names)
    return f"did you mean '{name}'?" if name else ""
