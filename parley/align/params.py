"""The aligner's knobs: one frozen record shared by the cost, the search and the passes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AlignParams:
    """The few knobs of the cost. The deletion cost and unexplained mass were chosen by
    leave-one-corpus-out cross-validation (bench/align_cv.py: Text+Berg parts, ParIce, WMT21,
    synthetic credits and captions); the rest were tuned on Text+Berg dev and checked there."""

    dim: int = 512
    w_len: float = 0.15
    del_cost: float = 0.85
    #: with MT: its similarities are sharper, so leaving a sentence out may cost less
    del_cost_mt: float = 0.9
    merge_pen: float = 0.35
    merge_pen_mt: float = 0.25
    para_pen: float = 0.3
    band: int = 8
    #: a grid this small is searched in full (short documents: no coarse levels at all)
    full_dp_cells: int = 60_000
    #: coarse levels stop at blocks of this many sentences once the grid fits coarse_dp_cells
    max_block: int = 32
    coarse_dp_cells: int = 3_000_000
    #: each coarser level sums this many sentences (blocks) of the finer one (2 or 4)
    coarse_step: int = 4
    conf_offset: float = 0.1
    conf_scale: float = 0.15
    conf_sim_mid: float = 0.95
    null_mass: float = 0.8
    mt_lengths: bool = False
    conf_sim_scale: float = 0.05
    lexicon_pass: bool = True
    lex_min_conf: float = 0.8
    lex_min_dice: float = 0.3
    #: a text longer than twice lex_windows x lex_window source sentences learns its lexicon
    #: from that many windows of that many sentences (see _Job.sure_links)
    lex_windows: int = 5
    lex_window: int = 1000
    mt_words: bool = True
    null_mass_mt: float = 0.0
    gap_open: float = 0.15
    rebound: bool = True
    #: the boundary pass costs about as much again as the DP: it runs on documents, and on
    #: corpora longer than this (sentences, both sides) only if asked, to keep bulk alignment fast
    rebound_max_sentences: int = 60_000
    rebound_len: float = 0.3
    rebound_margin: float = 0.02
    rebound_merge: float = 0.03
    rebound_conf: float = 0.9
    rebound_window: int = 2
    #: with MT: an edge sentence of an n-m link that adds less than this to the link's exact
    #: chrF score per character of it is left out instead (captions, translator's credits);
    #: -inf turns the pass off. Chosen by leave-one-corpus-out CV (bench/align_cv.py)
    detach_tau: float = -0.4
    #: the same without MT, on the source text itself (texts in one script only)
    detach_tau_nomt: float = -0.4
    #: a left-out sentence that punctuation ties to a neighbouring link joins it
    attach_glued: bool = True
    #: the detach pass tries sentences up to this many characters only
    detach_max_len: float = 100.0
    #: the boundary pass without MT, on the source itself (texts in one script only)
    rebound_nomt: bool = True
    rebound_margin_nomt: float = 0.03
    rebound_conf_nomt: float = 0.5
    #: merge two adjacent links that a number (1) or a number or a name (2) crosses: it stands
    #: in one link's source and the other's target only (seams.py: a clause the translator
    #: moved across a sentence boundary); 0: off. Chosen by leave-one-corpus-out CV, with MT
    #: and without. Like the boundary pass, it runs up to rebound_max_sentences
    seam_merge: int = 2
    #: an edge sentence of an n-m link that names what the link's other side never mentions
    #: (no name or number of it stands there) is left out when it adds less than this to the
    #: link's exact chrF score per character (strays.py: captions, credits); -inf: off
    names_tau: float = 0.3
    #: strays.py looks at a side only if at most this share of its words inside sentences
    #: are capitalised (German capitalises nouns: about a third)
    names_max_caps: float = 0.2
    #: a 1-1 link next to a left-out sentence on the same side takes that sentence instead when
    #: the search's cosine and the exact chrF both prefer it and the search's cost rises by at
    #: most this (swaps.py; with MT, or without it on texts in one script); negative: off
    swap_tol: float = 0.1
    #: the swap pass also swaps when the cosine and the numbers (not the chrF) prefer the
    #: left-out neighbour («4.» against «4.», not «5.»; swaps.py)
    swap_numbers: bool = True
    #: a left-out sentence up to this many characters that is plain (several words, no name,
    #: no digit) joins the link before it, or after it (plain.py); 0: off. Leave-one-corpus-out
    #: CV (bench/align_cv.py): 80 over 0 / 40 / 60 on every held-out corpus; 120 ties it on
    #: all but ParIce, where it reaches long partly translated sentences (unaligned recall
    #: without MT 0.743 -> 0.730, the worst ParIce document 0.545 -> 0.525)
    plain_len: float = 80.0


DEFAULT_PARAMS = AlignParams()
# 1-4 and 4-1 beads are real in edited translations (one long sentence rendered as four);
# allowing them costs little time: Text+Berg dev strict F1 rises by 0.01-0.02, ParIce holds
DEFAULT_MAX_BEAD = 4
