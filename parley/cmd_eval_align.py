"""``parley eval-align``: score predicted beads against gold beads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.ui import guard, print_json, print_table


@guard
def eval_align_cmd(
    files: Annotated[
        list[Path], typer.Argument(help="PRED GOLD pairs of '[i, j]:[k]' bead files, one pair per document.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable scores on stdout.")] = False,
) -> None:
    """Strict and lax precision/recall/F1, micro-averaged over documents (vecalign scorer).

    Example: parley eval-align out/dev.beads ../shared/data/textberg-dev/dev.defr
    """
    from parley.align.errors import UsageError
    from parley.align.evaluate import read_beads, score_alignment

    if len(files) % 2:
        raise UsageError("give PRED GOLD pairs (an even number of files)", hint=f"got {len(files)}")
    preds = [read_beads(p) for p in files[0::2]]
    golds = [read_beads(g) for g in files[1::2]]
    scores = score_alignment(preds, golds)
    if as_json:
        print_json(scores)
        return
    rows = [
        ["strict", f"{scores['precision_strict']:.3f}", f"{scores['recall_strict']:.3f}",
         f"{scores['f1_strict']:.3f}"],
        ["lax", f"{scores['precision_lax']:.3f}", f"{scores['recall_lax']:.3f}",
         f"{scores['f1_lax']:.3f}"],
    ]
    print_table(
        f"{scores['documents']} document(s), {scores['gold_beads']} gold beads, "
        f"{scores['pred_beads']} predicted", ["match", "precision", "recall", "F1"], rows,
    )


def register(app: typer.Typer) -> None:
    app.command("eval-align")(eval_align_cmd)
