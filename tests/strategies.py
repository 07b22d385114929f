"""Hypothesis strategies shared by the tests (attrs keeps them in one module too)."""

from __future__ import annotations
