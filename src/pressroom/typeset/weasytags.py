"""WeasyPrint's structure tree, told what the HTML means: while a tagged document is written, each structure element it makes carries the identity of its HTML element and the few attributes pressroom puts in the layouts.

WeasyPrint 70 builds the tag tree from the box tree, page by page, and takes a
structure type from the HTML element name only (p → P, h2 → H2, section → Sect …).
It gives an element no identity, so a paragraph laid out in two columns or on two
pages becomes two unrelated P elements, and nothing in the HTML can ask for another
type, a language or "this is decoration". `stamping()` wraps its tree builder for
the duration of one `write_pdf` and stamps every element it makes with:

    /PressroomKey  int   the HTML element (and pseudo-element) the box comes from,
                         numbered in the order met: fragments of one element share it
    /PressroomTag  name  `data-tag` of the element (`data-tag-before`/`-after` for its
                         ::before/::after content): a structure type, `Artifact`
                         (its content becomes an artifact) or `-` (dissolved into
                         its parent)
    /Lang          text  `lang` of any element below <html>

typeset/tags.py reads these keys and removes them. Nothing else changes: content
streams, MCIDs and the ParentTree are WeasyPrint's. The wrapped function is private
to WeasyPrint, so the versions it was written for are checked and any other is
refused with a message saying so.
"""

from __future__ import annotations

import inspect
from contextlib import contextmanager

from ..exceptions import BuildError, Problem

KEY = "PressroomKey"
TAG = "PressroomTag"
SUPPORTED = ("70.",)  # WeasyPrint versions whose pdf/tags.py this was written against
SIGNATURE = ["box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]


def _tags_module():
    """WeasyPrint's tagging module, once its version and builder are the expected ones."""
    import weasyprint
    from weasyprint.pdf import tags
    builder = getattr(tags, "_build_box_tree", None)
    builder = getattr(builder, "__wrapped__", builder)
    if not weasyprint.__version__.startswith(SUPPORTED) or builder is None or \
            list(inspect.signature(builder).parameters) != SIGNATURE:
        raise BuildError(Problem(
            f"tagged PDF: pressroom's structure hook is written for WeasyPrint "
            f"{', '.join(v + 'x' for v in SUPPORTED)}, and this is WeasyPrint "
            f"{weasyprint.__version__}", hint="install the versions pinned in constraints.txt "
            "(pip install -c constraints.txt -e .)", rule="weasyprint-version"))
    return tags


@contextmanager
def stamping():
    """While active, every structure element WeasyPrint makes is stamped (see above)."""
    tags = _tags_module()
    from weasyprint.layout.absolute import AbsolutePlaceholder
    original = tags._build_box_tree
    keys: dict[tuple[int, str], tuple[int, object]] = {}

    def build(box, parent, pdf, page_number, nums, annotations, tags_):
        # The original recurses through the module global: this wrapper sees every box.
        real = box._box if isinstance(box, AbsolutePlaceholder) else box
        for element in original(box, parent, pdf, page_number, nums, annotations, tags_):
            if KEY not in element and real.element is not None:
                _stamp(element, real, keys)
            yield element

    build.__wrapped__ = original
    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def _stamp(element, box, keys: dict) -> None:
    import pydyf
    identity = (id(box.element), box.element_tag)
    if identity not in keys:  # the element is kept alive, so its id() stays its own
        keys[identity] = (len(keys), box.element)
    element[KEY] = keys[identity][0]
    attributes = box.element.attrib
    _, _, pseudo = box.element_tag.partition("::")
    tag = attributes.get(f"data-tag-{pseudo}" if pseudo else "data-tag")
    if tag:
        element[TAG] = "/" + tag
    if not pseudo and attributes.get("lang"):
        element["Lang"] = pydyf.String(attributes["lang"])
