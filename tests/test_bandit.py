"""bandit over the shipped code, as part of `make test`: a finding of medium or high severity
and confidence fails. A false positive carries `# nosec <id>` with its reason on the line
above (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess  # nosec B404
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["mitwirkung", "districts", "goals", "offerings", "surveys", "reports"]


def run_bandit(*targets: str) -> subprocess.CompletedProcess[str]:
    bandit = Path(sys.executable).with_name("bandit")
    command = [str(bandit), "-q", "-ll", "-ii", "-f", "txt", "-c", "pyproject.toml", "-r"]
    return subprocess.run(
        [*command, *targets], cwd=ROOT, capture_output=True, text=True, timeout=180, check=False
    )


def test_bandit_finds_nothing_of_medium_or_high_severity_in_the_apps():
    result = run_bandit(*APPS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bandit_would_fail_on_a_real_finding(tmp_path):
    # Guards the gate itself: a shell call with user input must make the run fail.
    unsafe = tmp_path / "unsafe.py"
    unsafe.write_text("import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n")
    result = run_bandit(str(unsafe))
    assert result.returncode == 1
    assert "B602" in result.stdout
