"""Fixtures of the documentation tests.

The site is built once per test session with `mkdocs build --strict` (the venv's MkDocs,
run as `sys.executable -m mkdocs`) into a temporary folder; every test reads that build.
"""

from __future__ import annotations

import os

import pytest

from docs_site import CONFIG, ROOT, Build, Site, run_mkdocs_build


@pytest.fixture(scope="session")
def docs_config():
    """mkdocs.yml as MkDocs reads it (plugins and hooks loaded, site_url resolved)."""
    from mkdocs.config import load_config

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        config = load_config(config_file=str(CONFIG))
    finally:
        os.chdir(old)
    return config


@pytest.fixture(scope="session")
def site_url(docs_config) -> str:
    url = docs_config.site_url
    assert url, "mkdocs.yml must set site_url"
    return url.rstrip("/") + "/"


@pytest.fixture(scope="session")
def strict_build(tmp_path_factory) -> Build:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(CONFIG, site_dir)
    return Build(site_dir=site_dir, returncode=result.returncode, output=result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(strict_build, site_url) -> Site:
    if strict_build.returncode != 0:
        pytest.fail(
            "`mkdocs build --strict` failed, so the built site cannot be checked:\n"
            + "\n".join(strict_build.output.splitlines()[-40:]),
            pytrace=False,
        )
    return Site(root=strict_build.site_dir, site_url=site_url)
