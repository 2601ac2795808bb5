"""The printing condition: booklet.yml's `print` settings in, the OutputCondition (profile bytes, its names, the image rendering intent) out.

Without settings it is the profile pressroom ships (profiles/profiles.yml names it
and records how it was made); with `print: profile:` it is the print shop's own.
The same condition is the PDF/X output intent and the target of the image
separation, so what the press is told and what the images were made for agree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

from ..exceptions import BuildError, Problem
from .icc import ProfileError, read_icc, require_cmyk_output

PROFILES = files("pressroom.colour") / "profiles"
INTENTS = ("relative", "perceptual")  # relative = relative colorimetric + black point compensation
CUSTOM = "Custom"  # OutputConditionIdentifier of a condition no registry names


@dataclass(frozen=True)
class OutputCondition:
    """What the print edition is separated for and what its output intent says."""

    profile: bytes  # the ICC output profile, embedded as /DestOutputProfile
    identifier: str  # /OutputConditionIdentifier: a registry name (FOGRA39) or 'Custom'
    condition: str  # /OutputCondition: the printing condition in words
    info: str  # /Info: the profile's description
    registry: str = ""  # /RegistryName when `identifier` is a registered name
    intent: str = "relative"  # how images are separated: relative | perceptual
    source: str = ""  # where the profile came from, for messages

    @property
    def digest(self) -> str:
        """What a typeset print article depends on: the profile and the intent."""
        return hashlib.sha256(self.profile + b"\0" + self.intent.encode()).hexdigest()[:40]


@lru_cache(maxsize=1)
def shipped() -> dict:
    """The manifest entry of the default profile (profiles/profiles.yml)."""
    manifest = yaml.safe_load((PROFILES / "profiles.yml").read_text(encoding="utf-8"))
    return manifest["profiles"][manifest["default"]]


def default_condition(intent: str = "relative") -> OutputCondition:
    """The shipped FOGRA39-based profile; a file differing from its manifest is an error."""
    entry = shipped()
    data = (PROFILES / entry["file"]).read_bytes()
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise BuildError(Problem(f"the shipped colour profile {entry['file']} differs from its "
                                 "manifest (sha256)", str(PROFILES / entry["file"]),
                                 hint="reinstall pressroom, or rebuild it with "
                                      "colour/profiles/build-profile.sh",
                                 rule="profile-changed"))
    return OutputCondition(data, entry["output_condition_identifier"], entry["condition"],
                           read_icc(data).description, entry["registry"], intent,
                           f"pressroom {entry['file']}")


def shop_condition(path: Path, identifier: str | None = None, condition: str | None = None,
                   intent: str = "relative") -> OutputCondition:
    """A print shop's own profile; ProfileError (or OSError) when it cannot be one."""
    data = path.read_bytes()
    info = read_icc(data)
    require_cmyk_output(info)
    description = info.description or path.name
    registered = bool(identifier) and identifier != CUSTOM
    return OutputCondition(data, identifier or CUSTOM, condition or description, description,
                           "http://www.color.org" if registered else "", intent, str(path))


def condition_for(settings) -> OutputCondition:
    """The condition booklet.yml's `print` settings (project.config.PrintSettings) name."""
    if settings.profile is None:
        return default_condition(settings.image_intent)
    try:
        return shop_condition(settings.profile, settings.condition_id, settings.condition,
                              settings.image_intent)
    except (OSError, ProfileError) as exc:  # it was checked at load; it changed since
        raise BuildError(Problem(f"the print profile cannot be used: {exc}",
                                 settings.profile, rule="print-profile")) from None
