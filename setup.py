"""The build compiles the gettext catalogs (presentation/locales/*/LC_MESSAGES/messages.po)
into ``messages.mo`` beside them in the wheel; ``.mo`` files are never committed.

An editable install (``pip install -e .``) links the source tree instead, where the
translator compiles each ``.po`` file in memory when its language is first needed.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALES = Path("neighborshare", "presentation", "locales")


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in Path(self.build_lib, LOCALES).glob("*/LC_MESSAGES/messages.po"):
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parent.parent.name)
            with po.with_suffix(".mo").open("wb") as compiled:
                write_mo(compiled, catalog)


setup(cmdclass={"build_py": BuildWithCatalogs})
