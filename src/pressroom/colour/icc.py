"""ICC profiles: bytes in, what the header and the description tag say out (no colour engine needed).

The print edition needs an output profile ('prtr' class) for CMYK: it is the PDF/X
output intent and the target of the image separation. Checking the header is enough
to refuse the usual mistakes (an RGB monitor profile, a truncated download, a PDF
renamed .icc) with a message before anything is typeset.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

HEADER = 128  # bytes
CLASSES = {"prtr": "output (printer)", "mntr": "display", "scnr": "input (scanner/camera)",
           "link": "device link", "spac": "colour space", "abst": "abstract",
           "nmcl": "named colour"}


class ProfileError(ValueError):
    """The bytes are not a usable ICC profile; the message says why."""


@dataclass(frozen=True)
class IccInfo:
    """What an ICC profile's header and description tag say."""

    size: int  # bytes, as the header states (and the file has)
    version: str  # e.g. '2.2.0', '4.3.0'
    device_class: str  # 'prtr' for output profiles
    colour_space: str  # 'CMYK', 'RGB', 'GRAY' (trailing spaces stripped)
    pcs: str  # 'Lab' or 'XYZ'
    description: str  # the 'desc' tag; '' when absent

    @property
    def channels(self) -> int:
        return {"GRAY": 1, "RGB": 3, "CMY": 3, "CMYK": 4}.get(self.colour_space, 0)


def read_icc(data: bytes) -> IccInfo:
    """The header fields and description of an ICC profile; ProfileError if it is none."""
    if len(data) < HEADER + 4 or data[36:40] != b"acsp":
        raise ProfileError("not an ICC profile (no 'acsp' signature in its header)")
    size = struct.unpack(">I", data[:4])[0]
    if size != len(data):
        raise ProfileError(f"the profile's header says {size} bytes but the file has "
                           f"{len(data)} (truncated or damaged)")
    version = f"{data[8]}.{data[9] >> 4}.{data[9] & 15}"
    return IccInfo(size, version, _text(data[12:16]), _text(data[16:20]), _text(data[20:24]),
                   _description(data))


def require_cmyk_output(info: IccInfo) -> None:
    """ProfileError unless the profile describes a CMYK printing condition."""
    if info.device_class != "prtr":
        kind = CLASSES.get(info.device_class, repr(info.device_class))
        raise ProfileError(f"it is a {kind} profile; the print edition needs an output "
                           "(printer) profile of the print shop's press and paper")
    if info.colour_space != "CMYK":
        raise ProfileError(f"its colour space is {info.colour_space}, not CMYK; the print "
                           "edition is separated into the four process inks")


def _text(raw: bytes) -> str:
    return raw.decode("latin-1").strip()


def _description(data: bytes) -> str:
    """The 'desc' tag: textDescriptionType (ICC v2) or multiLocalizedUnicodeType (v4)."""
    try:
        count = struct.unpack(">I", data[HEADER:HEADER + 4])[0]
        for i in range(min(count, 256)):
            entry = HEADER + 4 + 12 * i
            signature, offset, length = struct.unpack(">4sII", data[entry:entry + 12])
            if signature != b"desc":
                continue
            tag = data[offset:offset + length]
            if tag[:4] == b"desc":
                n = struct.unpack(">I", tag[8:12])[0]
                return tag[12:12 + n].rstrip(b"\0").decode("latin-1")
            if tag[:4] == b"mluc":
                records = struct.unpack(">I", tag[8:12])[0]
                if records:
                    n, start = struct.unpack(">II", tag[20:28])
                    return tag[start:start + n].decode("utf-16-be").rstrip("\0")
    except (struct.error, UnicodeDecodeError):
        pass  # a damaged tag table: the profile has no readable description
    return ""
