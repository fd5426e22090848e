"""Why Material's instant navigation stays off, and other configuration choices."""

from __future__ import annotations

import json
import re

import yaml

from docs_site import CONFIG, ROOT, run_mkdocs_build


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping `!ENV [NAME, default]` as its default."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _config_dict() -> dict:
    return yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Loader)


def test_instant_navigation_is_off():
    assert "navigation.instant" not in _config_dict()["theme"].get("features", [])


def test_instant_navigation_fails_the_strict_build(tmp_path):
    """With navigation.instant, mkdocs-static-i18n cannot make the language selector
    point to the current page, says so with a warning, and --strict fails."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Accueil {#home}\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home {#home}\n", encoding="utf-8")
    config = _config_dict()
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["theme"]["features"] = [*config["theme"]["features"], "navigation.instant"]
    config["hooks"] = [str(ROOT / hook) for hook in config["hooks"]]
    config["watch"] = [str(ROOT / path) for path in config.get("watch", [])]
    config["nav"] = [{"Accueil": "index.md"}]
    config["extra_css"] = []
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    result = run_mkdocs_build(config_file, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, "expected the strict build to fail with navigation.instant"
    assert "not compatible with theme.features = navigation.instant" in output, output[-2000:]


def test_instant_navigation_keeps_the_header(site):
    """The other way round (reconfigure_material: false and our own selector) would not
    help: on an instant page change, Material swaps only the components listed in its
    bundle, and the header, which holds the language selector, is not one of them. The
    selector would keep pointing to the twin of the first page visited."""
    source_map = next((site.root / "assets" / "javascripts").glob("bundle.*.min.js.map"))
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    instant = next(
        content
        for name, content in zip(sources["sources"], sources["sourcesContent"], strict=False)
        if name.endswith("integrations/instant/index.ts")
    )
    swapped = set(re.findall(r'"\[data-md-component=([\w-]+)\]"', instant))
    assert "container" in swapped and "header-topic" in swapped, swapped
    assert "header" not in swapped, f"Material now swaps the header on instant navigation: revisit {swapped}"


def test_no_google_fonts_and_no_extra_plugins():
    config = _config_dict()
    assert config["theme"]["font"] is False
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search", "i18n"], f"only search and i18n are allowed: {names}"
