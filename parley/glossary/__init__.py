"""Terminology: extraction, glossary model, lookup, consistency checks. Depends on align only."""
