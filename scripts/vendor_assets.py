#!/usr/bin/env python3
"""Copy browser assets from npm packages into the app's static folders.

Pantau serves every script itself (offices are offline-prone and the CSP
allows only 'self'), so the built files are committed. To upgrade one:
change its version in package.json, run `npm install` and then this script.
Each entry: npm package, file inside it, destination under pantau/.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = [
    ("htmx.org", "dist/htmx.min.js", "core/static/vendor/htmx/htmx.min.js"),
    ("htmx.org", "LICENSE", "core/static/vendor/htmx/LICENSE"),
    ("cytoscape", "dist/cytoscape.min.js", "coordination/static/vendor/cytoscape/cytoscape.min.js"),
    ("cytoscape", "LICENSE", "coordination/static/vendor/cytoscape/LICENSE"),
]

for package, source, destination in ASSETS:
    target = ROOT / "pantau" / destination
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "node_modules" / package / source, target)
    print(f"{package}/{source} -> pantau/{destination}")
