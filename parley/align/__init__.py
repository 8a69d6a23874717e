"""Sentence-alignment side of parley: reading, segmentation, translation, alignment, scoring."""
