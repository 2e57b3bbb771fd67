"""Compile the translation catalogs whenever the package is built (wheel or editable)."""

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """Run Babel's compile_catalog before copying files, so wheels ship the .mo files."""

    def run(self):
        self.run_command("compile_catalog")
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
