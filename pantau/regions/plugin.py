"""What regions adds to the shared seams (pantau.core.seams)."""

from pantau.core.seams import seams

from . import demo

seams.demo_data.add(demo.load)
