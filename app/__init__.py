"""Torch Playground's core: catalogs, computations, file formats and the command line.

Pure Python and torch: nothing under app/ imports Qt or pyqtgraph (tests/test_layering.py).
"""

__version__ = "0.1.0"
