"""Build a tiny but real argos package (``.argosmodel``) without the internet or torch.

The package has the layout argostranslate installs and drives: ``metadata.json``, a
CTranslate2 Transformer in ``model/`` (random small weights from numpy) and a
``sentencepiece.model`` trained on the seed speech. Its output is gibberish; tests use it to check
the plumbing (one translation per sentence, paragraphs, TMX props), never quality.

Output length is steered (see :func:`build_ct2_model`): short for tests, longer for the
benchmark.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Small enough to build in about a second, big enough to exercise the real code paths.
D_MODEL = 32
FFN = 64
HEADS = 2
LAYERS = 1
VOCAB = 300
OUT_LEN = 4
MAX_POSITIONS = 512


def _train_sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buf,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return buf.getvalue()


def _fill_random(spec: object, vocab: int, seed: int) -> None:
    """Give every required weight of ``spec`` a random array of the shape CTranslate2 expects."""
    import numpy as np
    from ctranslate2.specs import model_spec

    rng = np.random.default_rng(seed)
    d = D_MODEL

    def shape_for(name: str) -> tuple[int, ...]:
        parts = name.split("/")
        leaf, layer = parts[-1], parts[-2]
        if leaf in ("gamma", "beta"):
            return (d,)
        if "embeddings" in layer or layer == "projection":
            return (vocab, d)
        if layer.startswith("linear_"):
            block, idx = parts[-3], int(layer.split("_")[1])
            if block == "ffn":
                return (FFN, d) if idx == 0 else (d, FFN)
            if block == "self_attention":
                return (3 * d, d) if idx == 0 else (d, d)
            if block == "attention":  # cross-attention: query, fused key/value, output
                return (2 * d, d) if idx == 1 else (d, d)
        raise ValueError(f"unexpected weight {name}")

    def fill(layer_spec: object, name: str, value: object) -> None:
        if value is not None:
            return
        leaf = name.split("/")[-1]
        shape = shape_for(name)
        if leaf == "gamma":
            arr = np.ones(shape, dtype=np.float32)
        elif leaf == "beta":
            arr = np.zeros(shape, dtype=np.float32)
        else:
            arr = rng.normal(0.0, 0.3, size=shape).astype(np.float32)
        setattr(layer_spec, leaf, arr)

    model_spec.visit_spec(spec, fill)


def build_ct2_model(
    out_dir: Path, vocab: list[str], seed: int = 0, out_len: int = OUT_LEN
) -> None:
    """Save a random Transformer with ``vocab`` (shared source/target) to ``out_dir``.

    Random weights alone either stop at once or run to the maximum length (256 tokens). So the
    decoder's position encodings carry a ramp along one direction ``v``, negative before
    ``out_len`` and positive after, and the ``</s>`` row of the output projection points along
    ``v``: outputs end a few tokens after ``out_len``, like real sentences.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(LAYERS, HEADS)
    _fill_random(spec, len(vocab), seed)
    rng = np.random.default_rng(seed + 1)
    v = rng.normal(size=D_MODEL).astype(np.float32)
    v /= np.linalg.norm(v)
    pos = np.arange(MAX_POSITIONS, dtype=np.float32)
    ramp = (2.0 / (1.0 + np.exp(-(pos - out_len) / 3.0)) - 1.0) * 10.0
    spec.decoder.position_encodings.encodings = (ramp[:, None] * v[None, :]).astype(np.float32)
    spec.decoder.projection.weight[vocab.index("</s>")] = v * np.sqrt(D_MODEL)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def seed_lines() -> list[str]:
    lines: list[str] = []
    for name in ("lavrov-2018-02-07.en.txt", "lavrov-2018-02-07.ru.txt"):
        text = (SEEDS / name).read_text(encoding="utf-8")
        lines.extend(ln.strip() for ln in text.splitlines() if ln.strip())
    return lines


def build_package(
    out: Path,
    from_code: str = "en",
    to_code: str = "ru",
    *,
    version: str = "0.1",
    tokenizer: str = "sentencepiece",
    seed: int = 0,
    out_len: int = OUT_LEN,
) -> Path:
    """Write ``out`` (a ``.argosmodel`` zip) and return its path.

    ``tokenizer="bpe"`` writes a placeholder ``bpe.model`` instead of SentencePiece: a layout the
    direct CTranslate2 path does not drive, so parley must fall back to argostranslate.
    """
    import sentencepiece as spm

    sp_bytes = _train_sentencepiece(seed_lines(), VOCAB)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    top = f"translate-{from_code}_{to_code}-tiny"
    meta = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_code.upper(),
        "to_code": to_code,
        "to_name": to_code.upper(),
        "type": "translate",
        "links": [],
    }
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp) / "model"
        build_ct2_model(model_dir, vocab, seed, out_len)
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{top}/metadata.json", json.dumps(meta, indent=2))
            zf.writestr(f"{top}/README.md", "Tiny random test model built by parley's tests.\n")
            if tokenizer == "sentencepiece":
                zf.writestr(f"{top}/sentencepiece.model", sp_bytes)
            else:
                zf.writestr(f"{top}/bpe.model", "#version: 0.2\n")
            for f in sorted(model_dir.iterdir()):
                zf.write(f, f"{top}/model/{f.name}")
    return out


if __name__ == "__main__":
    import sys

    print(build_package(Path(sys.argv[1] if len(sys.argv) > 1 else "tiny-en_ru.argosmodel")))
