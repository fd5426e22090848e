"""The GitHub workflows keep their promises: CI runs the README's test command; Pages builds
with the Pages address as site_url and deploys with least permissions, one at a time."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
README = Path(__file__).resolve().parents[1] / "README.md"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_ci_runs_the_readmes_test_command_on_push_and_pull_request():
    workflow = load("test.yml")
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    assert "make test" in steps(workflow["jobs"]["test"])
    assert "make test    # runs every test" in README.read_text()


def test_pages_builds_for_the_pages_address_and_deploys_one_at_a_time():
    workflow = load("pages.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    build_steps = steps(build)
    assert any(step.startswith("actions/configure-pages@") for step in build_steps)
    assert 'make build SITE_URL="${{ steps.pages.outputs.base_url }}/"' in build_steps
    assert any(step.startswith("actions/upload-pages-artifact@") for step in build_steps)
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step for step in steps(deploy)] == ["actions/deploy-pages@v4"]
