"""Editor temporaries: a file name in, whether it is a scratch file some editor or tool
makes beside the file being saved (never an input of the build) out.

`watch` ignores them (a save through `sed -i` or vim must not be reported as two
changes, nor trigger a build by itself), and the build's content keys skip them
(a vim swap file in layouts/ must not make every article stale). Each row: the
pattern, matched against the file's name only, and who makes such files; one test
per row in tests/build/test_temporaries.py, with an example.
"""

from __future__ import annotations

import re
from pathlib import PurePath

TEMPORARIES: tuple[tuple[str, str], ...] = (
    (r"^\.", "hidden files: vim swap (.x.swp), emacs lock (.#x), gedit (.goutputstream-*), "
             "LibreOffice lock (.~lock.x#), rsync (.x.AbC123), macOS (.DS_Store, ._x)"),
    (r"^sed[A-Za-z0-9]{6}$", "GNU sed -i: the new file, renamed over the edited one"),
    (r"\.sw[a-z]$", "vim swap file, when `directory` lets it be unhidden"),
    (r"^\d+$", "vim: 4913 (and 4913 + k×123), its probe that the folder is writable"),
    (r"~$", "backups of vim, emacs, gedit, Kate (x~, x.~1~)"),
    (r"^#.*#$", "emacs auto-save (#x#)"),
    (r"\.kate-swp$", "Kate swap file"),
    (r"\.save(\.\d+)?$", "nano's rescue copy (x.save, x.save.1)"),
    (r"\.vsctmp$", "VS Code atomic save (x.vsctmp)"),
    (r"___jb_(tmp|old|bak)___$", "JetBrains safe write (x___jb_tmp___, x___jb_old___)"),
    (r"^~\$", "Word and Excel owner file of an open document (~$x.docx)"),
    (r"\.(tmp|temp|bak|orig|rej|crdownload|part)$", "temporary or leftover copies: Word "
                                                    "(~WRL0001.tmp), patch, downloads"),
    (r"^(Thumbs\.db|desktop\.ini)$", "Windows Explorer"),
)

_PATTERN = re.compile("|".join(f"(?:{pattern})" for pattern, _ in TEMPORARIES),
                      re.IGNORECASE)


def is_temporary(path: str | PurePath) -> bool:
    """True when the file's name is an editor's or tool's scratch file."""
    return bool(_PATTERN.search(PurePath(path).name))
