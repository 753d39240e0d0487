"""The official EN 16931 and Peppol BIS Billing 3.0 rules, compiled once per test session.

They live outside the repository (`../shared/data/peppol/`, see its README); tests that need them
skip, saying why, where the folder is absent. CI has it.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

RULES_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "peppol"
LAYERS = ("CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl")
SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class Failure:
    layer: str
    rule: str
    flag: str
    text: str


class Rules:
    def __init__(self, processor, stylesheets) -> None:
        self._processor = processor
        self._stylesheets = stylesheets

    def failures(self, document: bytes) -> list[Failure]:
        """Every failed assert of both layers."""
        found = []
        node = self._processor.parse_xml(xml_text=document.decode("utf-8"))
        for layer, stylesheet in self._stylesheets.items():
            report = etree.fromstring(stylesheet.transform_to_string(xdm_node=node).encode())
            found += [
                Failure(
                    layer,
                    failed.get("id", ""),
                    failed.get("flag", ""),
                    " ".join(failed.findtext(f"{{{SVRL}}}text", "").split()),
                )
                for failed in report.iter(f"{{{SVRL}}}failed-assert")
            ]
        return found

    def fatal(self, document: bytes) -> list[Failure]:
        return [failure for failure in self.failures(document) if failure.flag == "fatal"]


def rules_or_skip():
    if not all((RULES_DIR / layer).is_file() for layer in LAYERS):
        pytest.skip(
            f"the official Peppol rules are not in {RULES_DIR} "
            "(see ../shared/data/peppol/README.md)"
        )
    saxonche = pytest.importorskip("saxonche", reason="saxonche runs the compiled rules")
    processor = saxonche.PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    stylesheets = {
        layer: compiler.compile_stylesheet(stylesheet_file=str(RULES_DIR / layer))
        for layer in LAYERS
    }
    return Rules(processor, stylesheets)
