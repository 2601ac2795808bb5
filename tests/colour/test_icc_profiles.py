"""ICC profiles: the header reader, the checks a print profile must pass, and the shipped
profile against its manifest (profiles.yml), as fonts.yml is for the fonts."""

from __future__ import annotations

import hashlib
import struct
from importlib.resources import files
from pathlib import Path

import pytest
import yaml
from PIL import ImageCms

from pressroom.colour.condition import default_condition, shop_condition
from pressroom.colour.icc import ProfileError, read_icc, require_cmyk_output

PROFILES = Path(str(files("pressroom.colour") / "profiles"))
SHOP = Path(__file__).parents[1] / "fixtures" / "profiles" / "test-fogra29-uncoated.icc"


def srgb() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def manifest() -> dict:
    data = yaml.safe_load((PROFILES / "profiles.yml").read_text(encoding="utf-8"))
    return data["profiles"][data["default"]]


def test_the_shipped_profile_is_the_one_its_manifest_describes():
    entry = manifest()
    data = (PROFILES / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert len(data) == entry["size"]
    info = read_icc(data)
    assert (info.version, info.device_class, info.colour_space, info.pcs, info.description) == (
        entry["icc_version"], entry["device_class"], entry["colour_space"], entry["pcs"],
        entry["description"])
    assert info.channels == 4
    assert data[24:36] == struct.pack(">6H", 2026, 12, 2, 0, 0, 0)  # pinned header date


def test_the_manifest_records_how_the_profile_was_made_and_its_licence():
    entry = manifest()
    made = entry["made"]
    assert "colprof" in made["command"] and "-l300" in made["command"]
    assert made["input"]["sha256"] and "icc-profiles-free" in made["input"]["package"]
    assert "argyll" in made["tool"]["package"]
    script = (PROFILES / made["script"]).read_text(encoding="utf-8")
    for option in ("-qm", "-kr", "-l300", "-nc", entry["description"]):
        assert option in script and option in made["command"]
    licence = (PROFILES / entry["license"]).read_text(encoding="utf-8")
    assert "Kai-Uwe Behrmann" in licence and "zlib" in licence.lower()


def test_default_condition_names_fogra39():
    condition = default_condition()
    assert condition.identifier == "FOGRA39" and condition.registry == "http://www.color.org"
    assert "ISO 12647-2" in condition.condition and condition.info.startswith("pressroom")
    assert condition.intent == "relative"
    assert default_condition("perceptual").digest != condition.digest


def test_a_shops_profile_is_custom_unless_named():
    condition = shop_condition(SHOP)
    assert condition.identifier == "Custom" and condition.registry == ""
    assert condition.info == condition.condition == read_icc(SHOP.read_bytes()).description
    named = shop_condition(SHOP, "JC200103", "Japan Color 2001 Coated")
    assert named.identifier == "JC200103" and named.registry == "http://www.color.org"
    assert named.condition == "Japan Color 2001 Coated"
    assert named.digest != default_condition().digest


def test_description_of_a_v4_profile():
    info = read_icc(srgb())  # LittleCMS writes ICC v4 with an mluc description
    assert info.version.startswith("4.") and info.description
    assert (info.device_class, info.colour_space, info.channels) == ("mntr", "RGB", 3)


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7 not a profile" * 10, "not an ICC profile"),
    (srgb()[:-10], "truncated"),
])
def test_not_a_profile(data, message):
    with pytest.raises(ProfileError, match=message):
        read_icc(data)


def test_a_print_profile_must_be_cmyk_output():
    with pytest.raises(ProfileError, match="display profile"):
        require_cmyk_output(read_icc(srgb()))
    gray = bytearray((PROFILES / manifest()["file"]).read_bytes())
    gray[16:20] = b"GRAY"
    with pytest.raises(ProfileError, match="GRAY, not CMYK"):
        require_cmyk_output(read_icc(bytes(gray)))
    require_cmyk_output(read_icc(SHOP.read_bytes()))  # passes
