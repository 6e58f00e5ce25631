"""bench/corpus_eval.py: the shared scorer's figures on a hand-written gold and prediction set,
and the command end to end on the seed corpus.

The scorer is the shared corpus's ``score_events.py``; without the shared folder these tests skip."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "corpus_eval"


def _load_bench():
    spec = importlib.util.spec_from_file_location("corpus_eval", ROOT / "bench" / "corpus_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_eval"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
SHARED = bench.default_shared()
pytestmark = pytest.mark.skipif(not (SHARED / bench.CORPUS / "score_events.py").is_file(),
                                reason="the shared corpus scorer is not there")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fixture_scored():
    se = bench.load_scorer(SHARED)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (FIXTURE / "docs").glob("*.txt")}
    return se, bench.score(se, _jsonl(FIXTURE / "events.jsonl"), _jsonl(FIXTURE / "companies.jsonl"), texts,
                           _jsonl(FIXTURE / "pred.jsonl"))


def test_figures_on_hand_written_gold_and_predictions():
    _, scored = _fixture_scored()
    res = scored.res
    # P6 names a document the gold does not hold: not a prediction of this set
    assert (res["gold"], res["pred"], res["matched"]) == (5, 5, 3)
    assert res["events_prf"] == (0.6, 0.6, 0.6)
    # P1 (exact) and P4 (exact) against P3 (2017-05-12 for May 2017: compatible, not exact)
    assert res["date_exact_acc"] == 0.667 and res["date_compatible_acc"] == 1.0
    # strict: only P1 has the exact date and a first company among the gold's (P4 starts with Fjord Capital)
    assert res["strict_prf"] == (0.2, 0.2, 0.2)
    assert res["type_acc"] == 0.667
    assert res["per_doc"] == {"d1.txt": {"gold": 2, "pred": 2, "matched": 1}, "d2.txt": {"gold": 3, "pred": 3, "matched": 2}}
    row = bench.SetResult("fixture", scored, 0.0, [0.0], []).row()
    assert row["main_company"] == 0.667


def test_matching_is_greedy_one_to_one_as_the_shared_scorer():
    _, scored = _fixture_scored()
    pairs = {g["raw"]["summary"][0]: p["raw"]["title"][:2] for g, p in scored.pairs()}
    # P1 overlaps A (exact date) and B (compatible date), P2 only A. Taken best first, P1 takes A
    # and P2 is left out, so B stays missed although P1-B, P2-A would match both.
    assert pairs == {"A": "P1", "C": "P3", "D": "P4"}
    assert [g["raw"]["summary"][0] for g in scored.missed] == ["B", "E"]
    assert [p["raw"]["title"][:2] for p in scored.false_alarms] == ["P2", "P5"]
    # aliases and suffixes fold as the shared scorer folds them
    assert scored.P[0]["comps"] == ["norvane systems"] and scored.P[1]["comps"] == ["kestrel labs"]


def test_same_figures_as_the_shared_scorers_own_main(tmp_path):
    se, scored = _fixture_scored()
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("events.jsonl", "companies.jsonl"):
        (gold / name).write_bytes((FIXTURE / name).read_bytes())
    (gold / "docs").symlink_to(FIXTURE / "docs")
    assert bench.shared_main_figures(se, gold, _jsonl(FIXTURE / "pred.jsonl")) == json.loads(json.dumps(scored.res))


def test_show_lists_errors_and_the_type_confusion_matrix():
    _, scored = _fixture_scored()
    out = bench.show(bench.SetResult("fixture", scored, 0.0, [0.0], []), 5)
    assert "gold 2017-05 pred 2017-05-12 (compatible)" in out
    assert "gold investment pred contract" in out
    matrix = out.split("gold / pred")[1].splitlines()
    # types numbered 1 acquisition, 2 contract, 3 expansion, 4 investment
    assert matrix[0].split() == ["1", "2", "3", "4", "total"]
    assert matrix[1].split() == ["1", "acquisition", "1", ".", ".", ".", "1"]
    assert matrix[3].split() == ["4", "investment", ".", "1", ".", ".", "1"]


def _run(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, str(ROOT / "bench" / "corpus_eval.py"), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_command_on_seeds_agrees_with_the_shared_main_and_skips_absent_sets(tmp_path):
    shared = tmp_path / "shared"
    (shared / bench.CORPUS).mkdir(parents=True)
    (shared / bench.CORPUS / "score_events.py").symlink_to(SHARED / bench.CORPUS / "score_events.py")
    done = _run("--shared", str(shared), "--sets", "train,seeds", "--check-shared", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert list(out["sets"]) == ["seeds"]
    assert any("set train skipped" in note for note in out["notes"])
    seeds = out["sets"]["seeds"]
    assert seeds["gold"] == sum(1 for p in (ROOT / "events" / "log").glob("*.jsonl") for _ in _jsonl(p))
    assert seeds["matched"] > 0.8 * seeds["gold"] and seeds["kb_per_s"] > 0
    assert out["check_shared"] == {"seeds": True}


def test_an_alternative_extractor_is_scored(tmp_path):
    (tmp_path / "nothing_found.py").write_text(
        "def extract(text, doc, registry, facts=None, published=None, articles=None):\n    return [], []\n")
    done = _run("--sets", "seeds", "--extractor", "nothing_found:extract", "--json",
                env_extra={"PYTHONPATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    seeds = json.loads(done.stdout)["sets"]["seeds"]
    assert (seeds["pred"], seeds["matched"], seeds["F1"]) == (0, 0, 0.0) and seeds["gold"] > 0


@pytest.mark.parametrize("args, message", [
    (["--sets", "test"], "unknown set test"),
    (["--extractor", "tracker.ingest"], "expected MODULE:FUNC"),
    (["--extractor", "no_such_module_here:extract"], "cannot import no_such_module_here"),
    (["--shared", "/nonexistent"], "no shared scorer at /nonexistent"),
    # the blind set never lists errors (refused before anything is read)
    (["--sets", "dev,blind3", "--show", "5"], "blind3 is blind: summary figures only"),
    (["--sets", "blind3", "--per-doc"], "blind3 is blind: summary figures only"),
])
def test_bad_options_are_one_line_and_exit_2(args, message):
    done = _run(*args)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
