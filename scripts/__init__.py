"""site_tooling: the site's build helpers, importable as a package (this folder, `scripts/`).

How it is wired. `scripts/pyproject.toml` declares a second, unpublished distribution whose
package `site_tooling` is mapped onto this folder (setuptools `package-dir`); the Makefile
installs it in editable mode next to the project itself (`pip install -e . -e scripts`). So:

- the MkDocs hooks, which MkDocs loads from their files (`hooks:` in mkdocs.yml), import what
  they share as `site_tooling.hooks.common` and the asset builder as
  `site_tooling.build_pyodide_assets`: no folder on sys.path, no loading by file path;
- the tests import the tooling they check (`site_tooling.extract_provisions`,
  `site_tooling.build_pyodide_assets`), and the browser tests and the benchmark share one
  site-build helper, `site_tooling.local_site`;
- the project's own wheel (the one the browser's engine installs) holds only `decision_tree`:
  the tooling is another distribution, never part of it (`build_pyodide_assets` checks).

The modules find the repository from their own location (`ROOT`), so the tooling works as
an editable install of a checkout, which is what it is for. Each script still runs as
`python scripts/<name>.py` or `python -m site_tooling.<name>`.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository: mkdocs.yml, docs/, decision_tree/, node_modules/, build/."""

CACHE = ROOT / "build"
"""What the build keeps between runs (git-ignored): Pyodide assets, tree checks."""
