"""Tests of the vault, its crypto and its CLI (a package so module names never clash with
tests/capture or tests/safeguarding)."""
